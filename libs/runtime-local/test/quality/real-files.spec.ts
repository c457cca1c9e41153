import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Finding } from '@matriz/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkDatasetQuality, readLatestQuality, readMetricHistory } from '@matriz/pipeline';
import { ANEEL, openTestLake, type TestLake } from './lake-fixture.ts';

const file = (...parts: string[]) => path.join(ANEEL, ...parts);
const AGENTES = file(
  'agentes-geracao-energia-eletrica',
  '2024-09-01',
  'agentes-geracao-energia-eletrica.csv',
);
const byCode = (findings: readonly Finding[], code: string) =>
  findings.filter((f) => f.code === code);

describe('quality on the real bundled files', () => {
  let t: TestLake;
  beforeAll(async () => {
    t = await openTestLake('2026-12-15');
  });
  afterAll(async () => t.close());

  it('reports the duplicated CodCEG of the SIGA sample with its key and count', async () => {
    const date = await t.land(
      'siga',
      file(
        'siga-empreendimentos-geracao',
        '2026-10-01',
        'siga-empreendimentos-geracao.sample74.csv',
      ),
    );
    const result = await checkDatasetQuality(t.deps, 'siga', { dataDates: [date] });
    const dups = byCode(result.snapshots[0]!.findings, 'duplicate_key');
    expect(dups).toHaveLength(1);
    expect(dups[0]).toMatchObject({
      severity: 'warning',
      dimension: 'uniqueness',
      dataset: 'siga',
      snapshot: '2026-10-01',
      key: { plant_id_ceg: 'PCH.PH.TO.000031-0.1' },
      observed: { rows: 2, duplicate_keys: 1, duplicate_rows: 2 },
    });
  });

  it('reports the agents file’s empty NumCPFCNPJ and the plants whose shares do not add up to 100 %', async () => {
    const date = await t.land(
      'agentes',
      file(
        'agentes-geracao-energia-eletrica',
        '2024-09-01',
        'agentes-geracao-energia-eletrica.csv',
      ),
    );
    const { snapshots } = await checkDatasetQuality(t.deps, 'agentes', { dataDates: [date] });
    const findings = snapshots[0]!.findings;

    const empty = byCode(findings, 'null_share_exceeded').filter(
      (f) => f.column === 'agent_id_cpf_cnpj',
    );
    expect(empty).toHaveLength(1);
    expect(empty[0]!.observed).toMatchObject({ nulls: 1 });
    expect(empty[0]!.key).toHaveProperty('source_row');
    expect(empty[0]!.key).toHaveProperty('plant_id_ceg');

    // Cross-check with a plain reading of the file: per-plant sums of PctParticipacao.
    const sums = new Map<string, number>();
    const lines = readFileSync(AGENTES, 'latin1').split(/\r?\n/).slice(1).filter(Boolean);
    for (const line of lines) {
      const cells = line.split(';');
      const pct = Number(cells[6]!.replaceAll('.', '').replace(',', '.'));
      sums.set(cells[4]!, (sums.get(cells[4]!) ?? 0) + Math.round(pct * 100));
    }
    const off = [...sums]
      .filter(([, cents]) => cents !== 10_000)
      .map(([ceg]) => ceg)
      .sort();

    const shares = byCode(findings, 'ownership_share_not_100');
    expect(shares.map((f) => (f.key as { plant_id_ceg: string }).plant_id_ceg)).toEqual(off);
    // SOURCES.md counts the 11 plants above 100 % (200, 125, 100.01); three wind farms hold 99.99 %.
    const totals = shares.map((f) => (f.observed as { total: number }).total);
    expect(totals.filter((v) => v > 100)).toHaveLength(11);
    expect(totals).toEqual(expect.arrayContaining([200, 125, 100.01, 99.99]));
    expect(shares[0]!.observed).toMatchObject({ groups: off.length });
  });

  it('reports capacidade_uf state names that disagree with the abbreviation, and the missing states', async () => {
    const date = await t.land(
      'capacidade_uf',
      file('capacidade-instalada-geracao-uf', '2024-07-01', 'capacidade-instalada-geracao-uf.csv'),
    );
    const { snapshots } = await checkDatasetQuality(t.deps, 'capacidade_uf', { dataDates: [date] });
    const findings = snapshots[0]!.findings;
    const pairs = byCode(findings, 'label_mismatch').map((f) => [
      (f.key as { state_code: string }).state_code,
      (f.observed as { label: string }).label,
      (f.observed as { rows: number }).rows,
    ]);
    expect(pairs).toEqual([
      ['BA', 'RIO DE JANEIRO', 1],
      ['CE', 'MARANHAO', 1],
      ['MA', 'CEARA', 1],
      ['MT', 'Mato Grosso do Sul', 10],
      ['RJ', 'BAHIA', 1],
    ]);
    // 27 states x 56 periods = 1,512 rows expected; the file has 1,507.
    const missing = byCode(findings, 'missing_period');
    expect(missing).toHaveLength(5);
    // All five gaps are in 2013-2015, years before the series' last period: reported, not blocking.
    expect(missing.map((f) => (f.key as { period: string }).period).sort()).toEqual([
      '2013-12',
      '2014-03',
      '2014-09',
      '2014-12',
      '2015-03',
    ]);
    expect(missing.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('builds a metric history from the two termeletricas snapshots without a false outlier', async () => {
    const older = await t.land(
      'termeletricas',
      file('usina-termeletrica-tipo', '2024-04-01', 'usina-termeletrica-tipo.csv'),
    );
    const newer = await t.land(
      'termeletricas',
      file('usina-termeletrica-tipo', '2024-07-01', 'usina-termeletrica-tipo.csv'),
    );
    const result = await checkDatasetQuality(t.deps, 'termeletricas', {
      dataDates: [newer, older],
    });
    const history = await readMetricHistory(t.deps.store, 'termeletricas');
    const rows = history.filter((m) => m.metric === 'row_count').map((m) => [m.snapshot, m.value]);
    expect(rows).toEqual([
      ['2024-04-01', 1181],
      ['2024-07-01', 1207],
    ]);
    const all = result.snapshots.flatMap((s) => s.findings);
    expect(byCode(all, 'outlier')).toEqual([]);
    expect(byCode(all, 'row_count_drop')).toEqual([]);
    expect(t.notifications.filter((n) => n.dataset === 'termeletricas')).toHaveLength(1);
  });

  it('re-running a check replaces the snapshot’s results instead of growing the history', async () => {
    const before = (await readMetricHistory(t.deps.store, 'termeletricas')).length;
    await checkDatasetQuality(t.deps, 'termeletricas', { dataDates: ['2024-07-01'] });
    expect((await readMetricHistory(t.deps.store, 'termeletricas')).length).toBe(before);
  });

  it('gives a timeliness finding for a snapshot older than its cadence allows', async () => {
    const latest = await readLatestQuality(t.deps.store, ['termeletricas']);
    const stale = byCode(latest[0]!.findings, 'stale_snapshot');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({
      severity: 'warning',
      dimension: 'timeliness',
      observed: { data_date: '2024-07-01', today: '2026-12-15' },
      expected: { cadence: 'monthly', grace_days: 31, max_age_days: 62 },
    });
  });

  it('reconciles SIGA 2022-06-01 with capacidade_uf for June 2022 state by state', async () => {
    const date = await t.land(
      'siga',
      file('siga-empreendimentos-geracao', '2022-06-01', 'siga-empreendimentos-geracao.csv'),
    );
    const { snapshots } = await checkDatasetQuality(t.deps, 'siga', { dataDates: [date] });
    const findings = snapshots[0]!.findings;
    const total = byCode(findings, 'reconciliation_total').find(
      (f) => (f.expected as { capacidade_uf?: number }).capacidade_uf !== undefined,
    )!;
    expect(total.observed).toEqual({ siga: 183_137_678 });
    expect((total.expected as { capacidade_uf: number }).capacidade_uf).toBeCloseTo(
      183_593_292,
      -1,
    );
    expect(total.expected).toMatchObject({ snapshot: '2024-07-01' });
    expect((total.expected as { difference: number }).difference).toBeCloseTo(-0.0025, 4);

    const states = byCode(findings, 'reconciliation_mismatch')
      .filter((f) => 'state_code' in (f.key ?? {}))
      .map((f) => [
        (f.key as { state_code: string }).state_code,
        Math.round((f.expected as { difference: number }).difference * 1000) / 10,
      ]);
    expect(states).toEqual([
      ['AP', 9.2],
      ['DF', -1.8],
      ['MG', -1],
      ['PI', -1.7],
      ['RR', -15.8],
    ]);
    const rr = byCode(findings, 'reconciliation_mismatch').find(
      (f) => (f.key as { state_code?: string }).state_code === 'RR',
    )!;
    expect(rr.observed).toHaveProperty('siga');
    expect(rr.expected).toHaveProperty('capacidade_uf');
    const to = snapshots[0]!.metrics.find(
      (m) => m.metric === 'reconciliation_diff_vs_capacidade_uf' && m.group === 'state_code=TO',
    );
    expect(to?.value).toBe(0);
  });
});
