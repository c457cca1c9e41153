import type { Finding } from '../finding.ts';
import type { Direction, SeriesOutlierRule } from '../rules/types.ts';
import { MAD_TO_SIGMA, mad, median } from '../robust.ts';
import { breaches } from './outliers.ts';
import { finding, round, type SnapshotContext } from './context.ts';

/** One point of a series: its group, period and value. */
export interface SeriesPoint {
  readonly group: string;
  readonly year: number;
  readonly month: number;
  readonly value: number;
}

/** Points a series needs before any of them is judged. */
export const MIN_SERIES_POINTS = 8;
/** Robust z-score a point must exceed, in log and in absolute terms alike. */
export const SERIES_Z = 12;
/** At most this many points are flagged per series (iterations of the test). */
const MAX_FLAGGED = 3;
/** Smallest scale of log residuals (1 %). */
const LOG_FLOOR = 0.01;
/** Smallest scale of raw residuals, as a share of the series' median level (1 %). */
const ABS_FLOOR = 0.01;

const logf = (v: number) => Math.log1p(Math.max(v, 0));

/** Flagged point with its scores. */
export interface SeriesOutlier {
  readonly index: number;
  readonly expected: number;
  readonly zLog: number;
  readonly zAbs: number;
}

/**
 * Residual of each point against the line through its neighbours (interior points: the mean of
 * both; ends: the extrapolation of the two nearest), computed on `f(value)`.
 */
function residuals(values: readonly number[], f: (v: number) => number): number[] {
  const t = values.map(f);
  const n = t.length;
  return t.map((v, i) => {
    if (i === 0) return v - (2 * t[1]! - t[2]!);
    if (i === n - 1) return v - (2 * t[n - 2]! - t[n - 3]!);
    return v - (t[i - 1]! + t[i + 1]!) / 2;
  });
}

/** Leave-one-out robust z of residual `i`: its baseline is every other residual. */
function looZ(r: readonly number[], i: number, floor: number): number {
  const others = r.filter((_, j) => j !== i);
  const scale = Math.max(MAD_TO_SIGMA * mad(others), floor);
  return (r[i]! - median(others)) / scale;
}

/**
 * Points of one series that break from their neighbours (a quarter multiplied by a factor). Each
 * point's residual against the line through its neighbours is scored against the residuals of
 * all other points (median and MAD, the point under test excluded), both on a log scale (the
 * jump is abnormal in relative terms) and on the raw scale (and material next to the series'
 * usual movement); a point must breach both. The most extreme point is taken, replaced by its
 * neighbours' interpolation, and the test repeats, so a spike does not also flag its neighbours.
 */
export function seriesOutliers(
  values: readonly number[],
  direction: Direction,
  threshold = SERIES_Z,
): SeriesOutlier[] {
  // Spikes are found in both directions (an upward spike makes its neighbours look low); the
  // direction only decides which of them are reported.
  const hits = detect(values, threshold);
  return hits.filter((h) => direction === 'both' || (direction === 'up' ? h.zLog > 0 : h.zLog < 0));
}

function detect(values: readonly number[], threshold: number): SeriesOutlier[] {
  const direction: Direction = 'both';
  // Leading zeros are periods before the type existed (CGH is 0 in 2001, UFV in 2001-2002).
  const start = values.findIndex((v) => v !== 0);
  if (start < 0 || values.length - start < MIN_SERIES_POINTS) return [];
  if (start > 0) {
    return detect(values.slice(start), threshold).map((hit) => ({
      ...hit,
      index: hit.index + start,
    }));
  }
  const work = [...values];
  const flagged: SeriesOutlier[] = [];
  for (let round = 0; round < MAX_FLAGGED; round += 1) {
    const rLog = residuals(work, logf);
    const rAbs = residuals(work, (v) => v);
    const absFloor = ABS_FLOOR * median(work.map(Math.abs)) + 1e-9;
    let best: { hit: SeriesOutlier; rest: number } | undefined;
    for (let i = 0; i < work.length; i += 1) {
      if (flagged.some((f) => f.index === i)) continue;
      const zLog = looZ(rLog, i, LOG_FLOOR);
      const zAbs = looZ(rAbs, i, absFloor);
      if (!breaches(zLog, direction, threshold) || !breaches(zAbs, direction, threshold)) continue;
      if (Math.sign(zLog) !== Math.sign(zAbs)) continue;
      // A spike also disturbs its neighbours' residuals: keep the candidate whose replacement
      // leaves the calmest series.
      const expected = neighbourValue(work, i);
      const trial = work.map((v, j) => (j === i ? expected : v));
      const rest = residuals(trial, logf).reduce((sum, r) => sum + Math.abs(r), 0);
      if (!best || rest < best.rest) best = { hit: { index: i, expected, zLog, zAbs }, rest };
    }
    if (!best) break;
    flagged.push(best.hit);
    work[best.hit.index] = best.hit.expected;
  }
  return flagged.sort((a, b) => a.index - b.index);
}

function neighbourValue(values: readonly number[], i: number): number {
  const n = values.length;
  const t =
    i === 0
      ? 2 * logf(values[1]!) - logf(values[2]!)
      : i === n - 1
        ? 2 * logf(values[n - 2]!) - logf(values[n - 3]!)
        : (logf(values[i - 1]!) + logf(values[i + 1]!)) / 2;
  return Math.expm1(t);
}

/**
 * Series-level outliers of a snapshot: every group's series (points in period order) judged by
 * {@link seriesOutliers}; one `outlier` finding per flagged point with its group and period.
 */
export function evaluateSeriesOutliers(
  ctx: SnapshotContext,
  rule: SeriesOutlierRule,
  groupColumns: readonly string[],
  points: readonly SeriesPoint[],
): Finding[] {
  const findings: Finding[] = [];
  const groups = new Map<string, SeriesPoint[]>();
  for (const p of points) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  for (const [group, series] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    series.sort((a, b) => a.year - b.year || a.month - b.month);
    for (const hit of seriesOutliers(
      series.map((p) => p.value),
      rule.direction,
    )) {
      const p = series[hit.index]!;
      const period = `${p.year}-${String(p.month).padStart(2, '0')}`;
      const groupKey = Object.fromEntries(
        groupColumns.map((c, i) => [c, group.split('|')[i] ?? null]),
      );
      findings.push(
        finding(ctx, {
          code: 'outlier',
          severity: rule.severity,
          dimension: 'outliers',
          column: rule.column,
          key: { ...groupKey, period },
          observed: { value: p.value, z_log: round(hit.zLog, 2), z_abs: round(hit.zAbs, 2) },
          expected: {
            value_near: round(hit.expected, 2),
            direction: rule.direction,
            max_abs_z: SERIES_Z,
          },
          message:
            `\`${rule.metric}\` of \`${group}\` in ${period} is ${p.value}, far from the ` +
            `${round(hit.expected, 0)} its neighbouring periods suggest.`,
        }),
      );
    }
  }
  return findings;
}
