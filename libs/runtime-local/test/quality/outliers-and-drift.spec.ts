import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Finding } from '@matriz/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkDatasetQuality } from '@matriz/pipeline';
import { ANEEL, FIXTURES, openTestLake } from './lake-fixture.ts';

const HISTORY = path.join(
  ANEEL,
  'empreendimento-operacao-historico',
  '2024-09-01',
  'empreendimento-operacao-historico.csv',
);

/** The real file with one type's capacity in one period multiplied by `factor` (bytes otherwise kept). */
function alter(text: string, type: string, year: number, month: number, factor: number): string {
  let hits = 0;
  const out = text
    .split('\r\n')
    .map((line) => {
      const cells = line.split(';');
      if (cells[1] !== type || Number(cells[5]) !== year || Number(cells[4]) !== month) return line;
      hits += 1;
      const value = Number(cells[3]!.replace(',', '.')) * factor;
      cells[3] = value.toFixed(2).replace('.', ',');
      return cells.join(';');
    })
    .join('\r\n');
  expect(hits).toBe(1);
  return out;
}

async function outliersOf(text: string): Promise<Finding[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'matriz-series-'));
  const t = await openTestLake('2024-09-15');
  try {
    const file = path.join(dir, 'empreendimento-operacao-historico.csv');
    await writeFile(file, text, 'latin1');
    const date = await t.land('operacao_historico', file);
    const { snapshots } = await checkDatasetQuality(t.deps, 'operacao_historico', {
      dataDates: [date],
    });
    return snapshots[0]!.findings.filter((f) => f.code === 'outlier');
  } finally {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('series outliers on the real operacao_historico file', () => {
  let original: string;
  beforeAll(async () => {
    original = await readFile(HISTORY, 'latin1');
  });

  it('flags nothing when the file is left alone', async () => {
    expect(await outliersOf(original)).toEqual([]);
  });

  it.each([
    { type: 'UHE', year: 2019, month: 6, factor: 10 },
    { type: 'EOL', year: 2021, month: 12, factor: 0.1 },
    { type: 'UFV', year: 2022, month: 9, factor: 5 },
    { type: 'UTE', year: 2015, month: 3, factor: 100 },
  ])('flags exactly $type $year-$month when multiplied by $factor', async (c) => {
    const found = await outliersOf(alter(original, c.type, c.year, c.month, c.factor));
    expect(found.map((f) => f.key)).toEqual([
      { generation_type: c.type, period: `${c.year}-${String(c.month).padStart(2, '0')}` },
    ]);
    expect(found[0]).toMatchObject({ severity: 'warning', dimension: 'outliers' });
  });
});

describe('case C5: the distributed-generation file renames its modality column', () => {
  const t = openTestLake('2025-12-10');
  afterAll(async () => (await t).close());

  it('reports schema drift between releases and keeps every row', async () => {
    const lake = await t;
    const old = await lake.land('gd', path.join(FIXTURES, 'gd-c5-old-release.csv'));
    const fresh = await lake.land('gd', path.join(FIXTURES, 'gd-c5-new-release.csv'));
    const result = await checkDatasetQuality(lake.deps, 'gd', { dataDates: [old, fresh] });
    const [first, second] = result.snapshots;

    const aliasDrift = first!.findings.find((f) => f.code === 'schema_drift');
    expect(aliasDrift?.observed).toMatchObject({
      renamed: [{ from: 'SigModalidadeEmpreendimento', to: 'DscModalidadeHabilitado' }],
    });

    const releaseDrift = second!.findings.find(
      (f) => f.code === 'schema_drift' && f.key?.['previous_snapshot'] === '2025-10-01',
    );
    expect(releaseDrift?.observed).toMatchObject({
      added: ['DscModalidadeHabilitado'],
      removed: ['CodSubGrupoTarifario', 'SigModalidadeEmpreendimento'],
      rows_in: 2,
      rows_silver: 1,
      rows_quarantined: 1,
    });

    const unknown = second!.findings.find((f) => f.code === 'unknown_code');
    expect(unknown).toMatchObject({ column: 'consumer_class', severity: 'warning' });
    expect(unknown?.observed).toMatchObject({ rows: 1, values: [{ value: 'REBR', rows: 1 }] });

    const rows = await lake.lake.warehouse.query(
      `SELECT data_date::VARCHAR AS d, plant_id_mmgd, modality FROM silver.gd ORDER BY d, plant_id_mmgd`,
    );
    expect(rows).toEqual([
      { d: '2025-10-01', plant_id_mmgd: 'GD.XX.000.002.001', modality: 'local_generation' },
      { d: '2025-10-01', plant_id_mmgd: 'GD.XX.000.002.002', modality: 'remote_self_consumption' },
      { d: '2025-12-01', plant_id_mmgd: 'GD.XX.000.002.001', modality: 'local_generation' },
    ]);
  });
});
