import type { Cadence } from '../core-deps.ts';
import type { Finding, Metric } from '../finding.ts';
import { finding, round, type SnapshotContext } from './context.ts';

const DAY_MS = 86_400_000;

/** Days one cadence period spans at most (a month is 31 days). */
export const CADENCE_DAYS: Readonly<Record<Cadence, number>> = {
  daily: 1,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
};

/** What is known about the snapshot's freshness. */
export interface TimelinessInput {
  /** Today, from the run's clock. */
  readonly now: Date;
  /** Whether this is the newest snapshot held (older ones are superseded, not stale). */
  readonly isLatest: boolean;
  /** The data's own date as read from the rows (`DatGeracaoConjuntoDados`), if any. */
  readonly dataOwnDate?: string | null;
  /** Source `Last-Modified` recorded in the bronze manifest of this snapshot. */
  readonly sourceLastModified?: string | null;
  /** When we fetched this snapshot (bronze manifest `fetched_at`). */
  readonly fetchedAt?: string | null;
  /**
   * The source's current `last_modified` (from `package_show` in this run): later than this
   * snapshot's means the source has data we do not.
   */
  readonly sourceNow?: string | null;
  /** Last period covered by a series, `year * 100 + month` (`202408`). */
  readonly coverageEnd?: number | null;
}

/**
 * Timeliness of the data itself, never of the job: the data's own date against cadence + grace
 * and today (`stale_snapshot`), the source's last-modified against ours (`source_ahead`), and the
 * last period a series covers against its data date (`coverage_lag`).
 */
export function evaluateTimeliness(
  ctx: SnapshotContext,
  input: TimelinessInput,
): { metrics: Metric[]; findings: Finding[] } {
  const { def, snapshot, rules } = ctx;
  const metrics: Metric[] = [];
  const findings: Finding[] = [];
  const metric = (name: string, value: number) =>
    metrics.push({
      dataset: def.id,
      snapshot,
      metric: name,
      dimension: 'timeliness',
      group: '',
      value,
    });

  const dataDate = input.dataOwnDate ?? snapshot;
  const ageDays = Math.floor((input.now.getTime() - Date.parse(dataDate)) / DAY_MS);
  const maxAge = CADENCE_DAYS[def.cadence.every] + def.cadence.graceDays;
  metric('age_days', ageDays);
  if (input.isLatest && ageDays > maxAge) {
    findings.push(
      finding(ctx, {
        code: 'stale_snapshot',
        severity: rules.timeliness.severity,
        dimension: 'timeliness',
        key: { data_date: dataDate },
        observed: {
          data_date: dataDate,
          age_days: ageDays,
          today: input.now.toISOString().slice(0, 10),
        },
        expected: {
          cadence: def.cadence.every,
          grace_days: def.cadence.graceDays,
          max_age_days: maxAge,
        },
        message:
          `The newest \`${def.id}\` data is dated \`${dataDate}\`, ${ageDays} days ago; a ` +
          `${def.cadence.every} dataset with ${def.cadence.graceDays} days of grace should be at ` +
          `most ${maxAge} days old. Check the source for a newer file.`,
      }),
    );
  }

  if (input.sourceLastModified && input.fetchedAt) {
    const lag = (Date.parse(input.fetchedAt) - Date.parse(input.sourceLastModified)) / DAY_MS;
    if (Number.isFinite(lag)) metric('fetch_lag_days', round(lag, 2));
  }
  const ours = input.sourceLastModified ?? input.fetchedAt ?? null;
  if (input.isLatest && input.sourceNow && ours && Date.parse(input.sourceNow) > Date.parse(ours)) {
    findings.push(
      finding(ctx, {
        code: 'source_ahead',
        severity: 'warning',
        dimension: 'timeliness',
        observed: { source_last_modified: input.sourceNow, ours },
        expected: { source_last_modified_at_most: ours },
        message:
          `The source changed at \`${input.sourceNow}\`, after our snapshot \`${snapshot}\` ` +
          `(\`${ours}\`): the lake is behind the source; re-run the extraction.`,
      }),
    );
  }

  if (input.coverageEnd && Number.isFinite(input.coverageEnd)) {
    const [y, m] = snapshot.split('-').map(Number) as [number, number];
    const endYear = Math.floor(input.coverageEnd / 100);
    const endMonth = input.coverageEnd % 100;
    const lag = y * 12 + m - (endYear * 12 + endMonth);
    metric('coverage_lag_months', lag);
    const max = rules.timeliness.maxCoverageLagMonths;
    if (max !== undefined && lag > max) {
      const end = `${endYear}-${String(endMonth).padStart(2, '0')}`;
      findings.push(
        finding(ctx, {
          code: 'coverage_lag',
          severity: rules.timeliness.severity,
          dimension: 'timeliness',
          observed: { last_period: end, lag_months: lag },
          expected: { max_lag_months: max },
          message:
            `\`${def.id}\` dated \`${snapshot}\` covers periods only up to \`${end}\`, ${lag} months ` +
            `before its data date (at most ${max} expected).`,
        }),
      );
    }
  }
  return { metrics, findings };
}
