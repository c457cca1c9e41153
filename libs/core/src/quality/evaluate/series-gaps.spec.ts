import { describe, expect, it } from 'vitest';

import { getDataset } from '../../registry/index.ts';
import { qualityRulesFor } from '../rules/index.ts';
import { evaluateSeriesGaps, type PeriodRow } from './series-gaps.ts';

const def = getDataset('capacidade_uf');
const ctx = { def, rules: qualityRulesFor('capacidade_uf'), snapshot: '2024-07-01' };
const series = {
  yearColumn: 'y',
  monthColumn: 'm',
  groupBy: ['state_code'],
  expectedGroups: ['AC', 'AL'],
  severity: 'error' as const,
};

/** Quarterly rows for both states from 2013-03 to 2024-06, minus the given (state, period) pairs. */
function rowsWithout(missing: readonly string[]): PeriodRow[] {
  const rows: PeriodRow[] = [];
  for (let year = 2013; year <= 2024; year++) {
    for (const month of [3, 6, 9, 12]) {
      if (year === 2024 && month > 6) continue;
      for (const group of ['AC', 'AL']) {
        const period = `${group} ${year}-${String(month).padStart(2, '0')}`;
        if (!missing.includes(period)) rows.push({ group, year, month });
      }
    }
  }
  return rows;
}

describe('evaluateSeriesGaps', () => {
  it.each([
    ['AL 2014-09', 'warning'],
    ['AL 2023-06', 'warning'],
    ['AL 2023-09', 'error'],
    ['AC 2024-03', 'error'],
  ])(
    'reports %s missing with severity %s (recent gaps block, historical ones warn)',
    (gap, severity) => {
      const findings = evaluateSeriesGaps(ctx, series, rowsWithout([gap]));
      expect(
        findings.map((f) => [f.code, f.severity, (f.key as { period: string }).period]),
      ).toEqual([['missing_period', severity, gap.slice(3)]]);
    },
  );

  it('reports nothing when every state has every period', () => {
    expect(evaluateSeriesGaps(ctx, series, rowsWithout([]))).toEqual([]);
  });
});
