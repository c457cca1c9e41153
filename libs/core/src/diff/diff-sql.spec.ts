import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatasetDefinition } from '../registry/types.ts';
import { diffPlanOf } from './diff-plan.ts';
import { diffRowToEvent, eventIdInput } from './diff-event.ts';
import { diffSql, initialDiffSql, quoteIdentifier } from './diff-sql.ts';

const def: Pick<DatasetDefinition, 'id' | 'key' | 'columns' | 'dataDateColumn' | 'dedupe'> = {
  id: 'siga',
  key: ['plant_id_ceg'],
  dataDateColumn: 'dataset_date',
  columns: [
    {
      name: 'dataset_date',
      source: 'DatGeracaoConjuntoDados',
      kind: 'date',
      type: 'date',
      description: 'd',
    },
    { name: 'plant_id_ceg', source: 'CodCEG', kind: 'text', type: 'string', description: 'k' },
    {
      name: 'plant_name',
      source: 'NomEmpreendimento',
      kind: 'text',
      type: 'string',
      description: 'n',
    },
    {
      name: 'capacity_kw',
      source: 'MdaPotenciaOutorgadaKw',
      kind: 'decimal_br',
      type: 'decimal',
      scale: 2,
      description: 'c',
    },
    {
      name: 'operation_date',
      source: 'DatEntradaOperacao',
      kind: 'date',
      type: 'date',
      description: 'o',
    },
  ],
};

const rows = (data_date: string, values: string) =>
  `(SELECT * FROM (VALUES ${values}) AS v(plant_id_ceg, plant_name, capacity_kw, operation_date, source_row, is_primary_row)` +
  ` CROSS JOIN (SELECT DATE '${data_date}' AS dataset_date, DATE '${data_date}' AS data_date))`;

const previous = rows(
  '2024-04-01',
  `('A', 'Alpha', 10.50::DECIMAL(18,2), DATE '2020-01-01', 1, true),
   ('B', 'Beta', 20.00::DECIMAL(18,2), NULL, 2, true),
   ('C', 'Gamma', 30.00::DECIMAL(18,2), DATE '2021-05-05', 3, true),
   ('D', 'Delta', 5.00::DECIMAL(18,2), NULL, 4, true),
   ('D', 'Delta', 4.00::DECIMAL(18,2), NULL, 5, false)`,
);
const current = rows(
  '2024-07-01',
  `('A', 'Alpha', 10.50::DECIMAL(18,2), DATE '2020-01-01', 7, true),
   ('B', 'Beta', 25.00::DECIMAL(18,2), DATE '2024-06-30', 1, true),
   ('D', 'Delta', 4.00::DECIMAL(18,2), NULL, 2, false),
   ('D', 'Delta', 5.00::DECIMAL(18,2), NULL, 3, true),
   ('E', 'Epsilon', NULL, NULL, 4, true)`,
);

let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;
const run = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();

beforeAll(async () => {
  connection = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => connection.closeSync());

describe('diffSql', () => {
  it('reports inserted, updated and deleted keys with only the changed fields', async () => {
    const result = await run(diffSql(def, 'duckdb', { previous, current }));
    const plan = diffPlanOf(def);
    const events = result.map((r) =>
      diffRowToEvent(plan, r, { from: '2024-04-01', to: '2024-07-01' }),
    );

    expect(events.map((e) => [e.key, e.kind])).toEqual([
      ['B', 'updated'],
      ['C', 'deleted'],
      ['E', 'inserted'],
    ]);
    expect(events[0]!.changes).toEqual([
      { field: 'capacity_kw', old: 20, new: 25 },
      { field: 'operation_date', old: null, new: '2024-06-30' },
    ]);
    expect(events[0]!.record).toEqual({
      plant_id_ceg: 'B',
      plant_name: 'Beta',
      capacity_kw: 25,
      operation_date: '2024-06-30',
    });
    expect(events[1]).toMatchObject({ record: null, changes: [], from_snapshot: '2024-04-01' });
    expect(events[2]).toMatchObject({ from_snapshot: null, to_snapshot: '2024-07-01' });
    expect(events[2]!.changes.map((c) => c.field)).toEqual([
      'plant_id_ceg',
      'plant_name',
      'capacity_kw',
      'operation_date',
    ]);
  });

  it('compares primary rows only when given a primary column', async () => {
    const result = await run(
      diffSql(def, 'duckdb', { previous, current, primaryColumn: 'is_primary_row' }),
    );
    expect(result.map((r) => r['key'])).toEqual(['B', 'C', 'E']);
  });

  it('picks the same row for a repeated key whatever its position in the file', async () => {
    // D repeats in both snapshots with its rows swapped; content order picks 4.00 both times.
    const result = await run(diffSql(def, 'duckdb', { previous, current }));
    expect(result.map((r) => r['key'])).not.toContain('D');
  });

  it('lists every row as inserted for a first snapshot', async () => {
    const result = await run(initialDiffSql(def, 'duckdb', { current }));
    expect(result.map((r) => [r['kind'], r['key']])).toEqual([
      ['inserted', 'A'],
      ['inserted', 'B'],
      ['inserted', 'D'],
      ['inserted', 'E'],
    ]);
  });

  it('finds on DuckDB, through key fingerprints, exactly what the full comparison finds', async () => {
    // Two generated snapshots with inserts, deletes, value and NULL changes, and repeated keys
    // whose picked or other rows change. The Athena SQL (no fingerprints) runs on DuckDB too and
    // is the yardstick.
    let seed = 11;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const snapshot = (date: string, version: number): string => {
      const values: string[] = [];
      for (let k = 0; k < 600; k++) {
        if ((version === 0 && k % 50 === 49) || (version === 1 && k % 40 === 7)) continue;
        const changed = version === 1 && next(10) === 0;
        const capacity = changed ? `${k + 0.25}` : `${k}.00`;
        const name = version === 1 && next(20) === 0 ? 'NULL' : `'P${k}'`;
        const copies = k % 30 === 3 ? 2 : 1;
        for (let c = 0; c < copies; c++) {
          const extra = c === 1 && version === 1 && k % 60 === 3 ? 100 : c;
          values.push(
            `('K${k}', ${name}, (${capacity} + ${extra})::DECIMAL(18,2), NULL, ${k}, ${c === 0})`,
          );
        }
      }
      return rows(date, values.join(',\n'));
    };
    const inputs = { previous: snapshot('2024-04-01', 0), current: snapshot('2024-07-01', 1) };
    const keyed = (result: Record<string, unknown>[]) =>
      result.map((r) =>
        JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
      );
    const narrowed = await run(diffSql(def, 'duckdb', inputs));
    const full = await run(diffSql(def, 'athena', inputs));
    expect(diffSql(def, 'athena', inputs)).not.toContain('candidates');
    expect(keyed(narrowed)).toEqual(keyed(full));
    const kinds = new Set(narrowed.map((r) => r['kind']));
    expect(kinds).toEqual(new Set(['inserted', 'updated', 'deleted']));
    for (const primaryColumn of ['is_primary_row']) {
      expect(keyed(await run(diffSql(def, 'duckdb', { ...inputs, primaryColumn })))).toEqual(
        keyed(await run(diffSql(def, 'athena', { ...inputs, primaryColumn }))),
      );
    }
  });

  it('sees a decimal change even when the scale changed between snapshots', async () => {
    // 1.50 at scale 2 and 15.0 at scale 1 store the same integer; their hashes must differ.
    const before = rows('2024-04-01', `('A', 'Alpha', 1.50::DECIMAL(18,2), NULL, 1, true)`);
    const after = rows('2024-07-01', `('A', 'Alpha', 15.0::DECIMAL(18,1), NULL, 1, true)`);
    const result = await run(diffSql(def, 'duckdb', { previous: before, current: after }));
    expect(result.map((r) => [r['kind'], r['key']])).toEqual([['updated', 'A']]);
  });

  it('joins composite keys with a bar and quotes per dialect', () => {
    const sql = diffSql({ ...def, key: ['plant_id_ceg', 'plant_name'] }, 'bigquery', {
      previous: 't1',
      current: 't2',
    });
    expect(sql).toContain("CONCAT(COALESCE(CAST(s.`plant_id_ceg` AS STRING), ''), '|', ");
    expect(quoteIdentifier('athena', 'a"b')).toBe('"a""b"');
  });
});

describe('eventIdInput', () => {
  it('depends on the change, not on the record', () => {
    const base = {
      dataset: 'siga' as const,
      key: 'A',
      kind: 'updated' as const,
      from_snapshot: '2024-04-01',
      to_snapshot: '2024-07-01',
      changes: [{ field: 'x', old: 1, new: 2 }],
      record: { x: 2 },
      source: 'diff' as const,
    };
    expect(eventIdInput(base)).toBe(eventIdInput({ ...base, record: { x: 2, y: 3 } }));
    expect(eventIdInput(base)).not.toBe(eventIdInput({ ...base, to_snapshot: '2024-10-01' }));
  });
});
