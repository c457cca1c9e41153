import type { Finding } from '../finding.ts';
import type { SeriesRule } from '../rules/types.ts';
import { finding, type SnapshotContext } from './context.ts';

/** One (group, period) present in a series snapshot. */
export interface PeriodRow {
  readonly group: string;
  readonly year: number;
  readonly month: number;
}

/**
 * A gap within this many months of the series' last period fails with the rule's severity; an
 * older one is a known historical gap (a warning). Otherwise a source that lost one state for one
 * quarter in 2014 (the real `capacidade_uf` file does) would block every snapshot for ever.
 */
export const RECENT_GAP_MONTHS = 12;

const monthIndex = (p: number) => Math.floor(p / 100) * 12 + (p % 100);

const label = (p: number) => `${Math.floor(p / 100)}-${String(p % 100).padStart(2, '0')}`;

/**
 * Missing periods in a series dataset: the dataset's periods are every period any group has; a
 * group must have each of them between its own first and last period (an expected group, such
 * as a state, across the whole range). A missing period is a failure, reported per group and
 * period (with the rule's severity when it is recent, see {@link RECENT_GAP_MONTHS}, else as a
 * warning); a group that stops before the dataset's last period is `series_discontinued` (a type
 * retired, or a gap at the end), a warning.
 */
export function evaluateSeriesGaps(
  ctx: SnapshotContext,
  series: SeriesRule,
  rows: readonly PeriodRow[],
): Finding[] {
  const findings: Finding[] = [];
  const all = [...new Set(rows.map((r) => r.year * 100 + r.month))].sort((a, b) => a - b);
  if (all.length === 0) return findings;
  const byGroup = new Map<string, Set<number>>();
  for (const g of series.expectedGroups ?? []) byGroup.set(g, new Set());
  for (const r of rows) {
    const set = byGroup.get(r.group) ?? new Set<number>();
    set.add(r.year * 100 + r.month);
    byGroup.set(r.group, set);
  }
  const expected = new Set(series.expectedGroups ?? []);
  const keyOf = (group: string) =>
    Object.fromEntries(series.groupBy.map((c, i) => [c, group.split('|')[i] ?? null]));
  const last = all.at(-1)!;
  for (const [group, periods] of [...byGroup].sort((a, b) => a[0].localeCompare(b[0]))) {
    const own = [...periods].sort((a, b) => a - b);
    const from = expected.has(group) ? all[0]! : (own[0] ?? all[0]!);
    const to = expected.has(group) ? last : (own.at(-1) ?? last);
    for (const p of all) {
      if (p < from || p > to || periods.has(p)) continue;
      const recent = monthIndex(last) - monthIndex(p) < RECENT_GAP_MONTHS;
      findings.push(
        finding(ctx, {
          code: 'missing_period',
          severity: recent ? series.severity : 'warning',
          dimension: 'completeness',
          column: series.groupBy.join(','),
          key: { ...keyOf(group), period: label(p) },
          observed: null,
          expected: { period: label(p), present_in_dataset: true },
          message:
            `\`${group}\` has no row for ${label(p)}, a period the dataset covers ` +
            `(${label(all[0]!)} to ${label(last)}); a missing period is a gap, not a zero` +
            (recent ? '.' : ' (a historical gap: reported, not blocking).'),
        }),
      );
    }
    if (!expected.has(group) && to < last) {
      findings.push(
        finding(ctx, {
          code: 'series_discontinued',
          severity: 'warning',
          dimension: 'completeness',
          column: series.groupBy.join(','),
          key: keyOf(group),
          observed: { last_period: label(to) },
          expected: { last_period: label(last) },
          message: `\`${group}\` stops at ${label(to)} while the dataset runs to ${label(last)}.`,
        }),
      );
    }
  }
  return findings;
}
