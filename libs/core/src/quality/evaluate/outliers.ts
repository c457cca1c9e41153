import type { Finding, Metric } from '../finding.ts';
import type { Direction } from '../rules/types.ts';
import { median, robustZ } from '../robust.ts';
import { finding, pct, round, type SnapshotContext } from './context.ts';

/** Snapshots of history a metric needs before it is judged (the one under test excluded). */
export const MIN_HISTORY = 4;
/** Robust z-score beyond which a change is an outlier. */
export const OUTLIER_Z = 6;
/** Smallest scale of log changes (5 %): a flat history does not make every wobble an outlier. */
const LOG_FLOOR = 0.05;
/** Smallest scale of share changes (1 percentage point). */
const SHARE_FLOOR = 0.01;

const isShare = (metric: string) => metric.endsWith('_share');

/** Change between consecutive values: log ratio for amounts, difference for shares. */
function change(metric: string, from: number, to: number): number {
  return isShare(metric) ? to - from : Math.log((Math.abs(to) + 1) / (Math.abs(from) + 1));
}

/** Whether a deviation of sign `z` counts for a metric watched in `direction`. */
export function breaches(z: number, direction: Direction, threshold = OUTLIER_Z): boolean {
  if (direction === 'up') return z > threshold;
  if (direction === 'down') return z < -threshold;
  return Math.abs(z) > threshold;
}

/**
 * Each watched metric of the snapshot against its own history of earlier snapshots: the change
 * from the previous snapshot is compared with the median and MAD of the earlier changes (the
 * value under test is never in its baseline), only once `MIN_HISTORY` earlier snapshots exist,
 * and only in the metric's direction. Also flags a row count that fell more than tolerated since
 * the previous snapshot (`row_count_drop`), which needs one earlier snapshot only.
 */
export function evaluateHistory(
  ctx: SnapshotContext,
  current: readonly Metric[],
  history: readonly Metric[],
): Finding[] {
  const { rules, snapshot } = ctx;
  const findings: Finding[] = [];
  const earlier = history.filter((m) => m.snapshot < snapshot);
  const seriesOf = (m: Metric) =>
    earlier
      .filter((h) => h.metric === m.metric && h.group === m.group)
      .sort((a, b) => a.snapshot.localeCompare(b.snapshot));

  const rowCount = current.find((m) => m.metric === 'row_count' && m.group === '');
  const previousRows = rowCount ? seriesOf(rowCount).at(-1) : undefined;
  if (rules.rowCount && rowCount && previousRows && previousRows.value > 0) {
    const drop = (previousRows.value - rowCount.value) / previousRows.value;
    if (drop > rules.rowCount.maxDrop) {
      findings.push(
        finding(ctx, {
          code: 'row_count_drop',
          severity: rules.rowCount.severity,
          dimension: 'completeness',
          observed: {
            rows: rowCount.value,
            previous_rows: previousRows.value,
            previous_snapshot: previousRows.snapshot,
            drop: round(drop),
          },
          expected: { max_drop: rules.rowCount.maxDrop },
          message:
            `\`${ctx.def.id}\` fell from ${previousRows.value} rows (${previousRows.snapshot}) to ` +
            `${rowCount.value} (-${pct(drop)}), more than the tolerated ${pct(rules.rowCount.maxDrop)}.`,
        }),
      );
    }
  }

  for (const watch of rules.watched ?? []) {
    for (const m of current.filter((c) => c.metric === watch.metric)) {
      const past = seriesOf(m);
      if (past.length < MIN_HISTORY) continue;
      const values = past.map((p) => p.value);
      const baseline = values.slice(1).map((v, i) => change(m.metric, values[i]!, v));
      const last = values.at(-1)!;
      const delta = change(m.metric, last, m.value);
      const z = robustZ(delta, baseline, isShare(m.metric) ? SHARE_FLOOR : LOG_FLOOR);
      if (!breaches(z, watch.direction)) continue;
      findings.push(
        finding(ctx, {
          code: 'outlier',
          severity: watch.severity,
          dimension: 'outliers',
          column: m.group.startsWith('column=') ? m.group.slice('column='.length) : null,
          key: m.group ? { metric: m.metric, group: m.group } : { metric: m.metric },
          observed: { value: m.value, previous: last, change: round(delta), z: round(z, 2) },
          expected: {
            median_change: round(median(baseline)),
            history: past.length,
            direction: watch.direction,
            max_abs_z: OUTLIER_Z,
          },
          message:
            `\`${m.metric}\`${m.group ? ` (${m.group})` : ''} moved from ${last} to ${m.value}, ` +
            `${round(z, 1)} robust deviations from its usual change over ${past.length} snapshots.`,
        }),
      );
    }
  }
  return findings;
}
