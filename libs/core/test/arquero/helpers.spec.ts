import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';

import {
  capacityBy,
  datasets,
  matchHeader,
  parseValue,
  shareOf,
  withLabelKey,
} from '../../src/index.ts';
import { readCsvFixture } from '../helpers/fixtures.ts';

type Row = Record<string, unknown>;
const rowsOf = (table: aq.ColumnTable) => table.objects() as Row[];

/** Gold-shaped rows: one per plant, as the installed-capacity gold table has them. */
const gold = () =>
  aq.table({
    state: ['SP', 'SP', 'RJ', 'BA', 'BA'],
    generation_type: ['UFV', 'UTE', 'UFV', 'EOL', 'UFV'],
    capacity_kw: [100, 300, 200, 350, null],
  });

describe('capacityBy', () => {
  it('sums capacity and counts plants per group, largest first', () => {
    expect(capacityBy(gold(), 'state').objects()).toEqual([
      { state: 'SP', capacity_kw: 400, plants: 2 },
      { state: 'BA', capacity_kw: 350, plants: 2 },
      { state: 'RJ', capacity_kw: 200, plants: 1 },
    ]);
  });

  it('sums a plants column when the rows are already aggregates', () => {
    const rows = aq.table({ state: ['SP', 'SP'], capacity_kw: [10, 5], plants: [3, 4] });
    expect(capacityBy(rows, 'state').objects()).toEqual([
      { state: 'SP', capacity_kw: 15, plants: 7 },
    ]);
  });

  it('gives one total row without groups', () => {
    expect(capacityBy(gold()).objects()).toEqual([{ capacity_kw: 950, plants: 5 }]);
  });

  it('names the missing column', () => {
    expect(() => capacityBy(aq.table({ kw: [1] }), 'x')).toThrow(/capacity_kw/);
  });
});

describe('shareOf', () => {
  it('adds each group share of the total as a fraction', () => {
    const shares = rowsOf(shareOf(capacityBy(gold(), 'state'), 'capacity_kw'));
    expect(shares.map((r) => [r['state'], r['capacity_kw_share']])).toEqual([
      ['SP', 400 / 950],
      ['BA', 350 / 950],
      ['RJ', 200 / 950],
    ]);
  });

  it('computes shares within groups, and NULL for NULL values', () => {
    const mix = rowsOf(shareOf(gold(), 'capacity_kw', { within: ['state'], as: 'mix' }));
    expect(mix.map((r) => [r['state'], r['generation_type'], r['mix']])).toEqual([
      ['SP', 'UFV', 0.25],
      ['SP', 'UTE', 0.75],
      ['RJ', 'UFV', 1],
      ['BA', 'EOL', 1],
      ['BA', 'UFV', null],
    ]);
  });

  it('gives NULL, not NaN, when the total is zero', () => {
    const zero = rowsOf(shareOf(aq.table({ g: ['a'], capacity_kw: [0] }), 'capacity_kw'));
    expect(zero[0]!['capacity_kw_share']).toBeNull();
  });
});

describe('withLabelKey on the real thermal fixture (C11)', () => {
  it('groups `Biogás-AGR`-style spelling variants that only differ in accents and case', () => {
    const { header, rows } = readCsvFixture(
      'termeletricas',
      'usina-termeletrica-tipo.2024-07-01.csv',
    );
    const match = matchHeader(datasets.termeletricas, header, { file: 'thermal.csv' });
    const objects = rows.map((fields) =>
      Object.fromEntries(
        match.columns.map(({ column, index }) => {
          const result = parseValue(column, fields[index]);
          return [column.name, result.ok ? result.value : null];
        }),
      ),
    );
    const table = aq.from(objects);
    const origins = rowsOf(table.groupby('fuel_origin').count());
    expect(origins.map((r) => r['fuel_origin']).sort()).toEqual(['biomass', 'fossil']);

    const keyed = withLabelKey(aq.table({ s: ['Gás Natural', 'Gas natural', 'Óleo Diesel'] }), 's');
    expect(keyed.array('s_key')).toEqual(['gas natural', 'gas natural', 'oleo diesel']);
  });
});
