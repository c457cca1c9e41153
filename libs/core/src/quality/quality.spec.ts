import { describe, expect, it } from 'vitest';

import { getDataset, silverColumns } from '../registry/index.ts';
import { DATASET_IDS } from '../registry/types.ts';
import { dialectFor } from '../sql/dialects/index.ts';
import { evaluateHistory } from './evaluate/outliers.ts';
import { seriesOutliers } from './evaluate/series-outliers.ts';
import { findingSchema, type Metric } from './finding.ts';
import { qualityPlan } from './plan.ts';
import { qualityRulesFor } from './rules/index.ts';

describe('quality rules', () => {
  it.each(DATASET_IDS)('name only silver columns of %s', (id) => {
    const def = getDataset(id);
    const rules = qualityRulesFor(id);
    const names = new Set(silverColumns(def).map((c) => c.name));
    const used = [
      ...(rules.filled ?? []).map((r) => r.column),
      ...(rules.ranges ?? []).map((r) => r.column),
      ...(rules.codes ?? []).map((r) => r.column),
      ...(rules.sums ?? []).flatMap((s) => [
        s.column,
        ...(s.groupBy ?? []),
        ...(s.where ? [s.where.column] : []),
      ]),
      ...(rules.labels ?? []).flatMap((r) => [r.column, r.codeColumn]),
      ...(rules.shareTotals ?? []).flatMap((r) => [r.column, ...r.groupBy]),
      ...(rules.series
        ? [rules.series.yearColumn, rules.series.monthColumn, ...rules.series.groupBy]
        : []),
    ];
    expect(used.filter((c) => !names.has(c))).toEqual([]);
  });
});

describe('qualityPlan', () => {
  it.each(['duckdb', 'athena', 'bigquery'] as const)(
    'reads one snapshot through the %s resolver in every query',
    (name) => {
      const d = dialectFor(name);
      const plan = qualityPlan(getDataset('siga'), qualityRulesFor('siga'), {
        d,
        resolve: d.tableResolver(),
        dataDate: '2022-06-01',
      });
      expect(plan.queries.map((q) => q.id)).toContain('reconciliation:0');
      const resolve = d.tableResolver();
      for (const query of plan.queries) {
        expect(query.sql).toContain(`= ${d.dateLiteral('2022-06-01')}`);
        const layer = query.id.startsWith('quarantine') ? 'quarantine' : 'silver';
        expect(query.sql).toContain(resolve(layer, 'siga'));
      }
      expect(plan.queries.find((q) => q.id === 'reconciliation:0')?.optional).toBe(true);
    },
  );
});

describe('seriesOutliers', () => {
  const smooth = Array.from({ length: 40 }, (_, i) => 1_000_000 * 1.03 ** i);
  it.each([
    { at: 20, factor: 10 },
    { at: 5, factor: 0.1 },
    { at: 0, factor: 8 },
    { at: 39, factor: 0.05 },
  ])('flags only point $at multiplied by $factor', ({ at, factor }) => {
    const values = smooth.map((v, i) => (i === at ? v * factor : v));
    expect(seriesOutliers(values, 'both').map((h) => h.index)).toEqual([at]);
  });

  it('respects the direction', () => {
    const values = smooth.map((v, i) => (i === 20 ? v * 10 : v));
    expect(seriesOutliers(values, 'down')).toEqual([]);
  });

  it('leaves a smooth series and a too-short one alone', () => {
    expect(seriesOutliers(smooth, 'both')).toEqual([]);
    expect(seriesOutliers([1, 100, 1], 'both')).toEqual([]);
  });
});

describe('evaluateHistory', () => {
  const def = getDataset('gd');
  const rules = qualityRulesFor('gd');
  const metric = (snapshot: string, value: number): Metric => ({
    dataset: 'gd',
    snapshot,
    metric: 'row_count',
    dimension: 'completeness',
    group: '',
    value,
  });
  const history = [100, 102, 104, 106, 108].map((v, i) => metric(`2026-0${i + 1}-01`, v * 10_000));

  it.each([
    { value: 1_100_000, codes: [] },
    { value: 2_200_000, codes: ['outlier'] },
    { value: 900_000, codes: ['row_count_drop'] },
    { value: 500_000, codes: ['outlier', 'row_count_drop'] },
  ])('judges $value rows against its history', ({ value, codes }) => {
    const ctx = { def, rules, snapshot: '2026-06-01' };
    const findings = evaluateHistory(ctx, [metric('2026-06-01', value)], history);
    expect(findings.map((f) => f.code).sort()).toEqual(codes);
    for (const f of findings) expect(findingSchema.parse(f)).toEqual(f);
  });

  it('does not judge before the minimum history and never uses the value under test', () => {
    const ctx = { def, rules, snapshot: '2026-03-01' };
    const current = metric('2026-03-01', 5_000_000);
    expect(evaluateHistory(ctx, [current], [...history, current]).map((f) => f.code)).toEqual([]);
  });
});
