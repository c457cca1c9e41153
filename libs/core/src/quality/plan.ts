import type { DatasetDefinition } from '../registry/types.ts';
import type { Finding, Metric } from './finding.ts';
import { sortFindings } from './finding.ts';
import type { SilverCounts } from './evaluate/completeness.ts';
import { evaluateProfile } from './evaluate/completeness.ts';
import {
  evaluateLabels,
  evaluateReconciliation,
  evaluateShareTotals,
} from './evaluate/consistency.ts';
import type { SnapshotContext } from './evaluate/context.ts';
import { num, round } from './evaluate/context.ts';
import { evaluateHistory } from './evaluate/outliers.ts';
import { evaluateSchemaDrift, observedHeaders, type HeaderDrift } from './evaluate/schema-drift.ts';
import { evaluateSeriesGaps } from './evaluate/series-gaps.ts';
import { evaluateSeriesOutliers } from './evaluate/series-outliers.ts';
import { evaluateTimeliness, type TimelinessInput } from './evaluate/timeliness.ts';
import { evaluateDuplicates } from './evaluate/uniqueness.ts';
import { evaluateQuarantine } from './evaluate/validity.ts';
import type { DatasetQualityRules } from './rules/types.ts';
import { duplicateKeysSql } from './sql/duplicates-sql.ts';
import { groupSumSql } from './sql/group-sums-sql.ts';
import { labelMismatchSql } from './sql/label-sql.ts';
import { nullRowsSql } from './sql/null-rows-sql.ts';
import { profileSql, type ProfileField } from './sql/profile-sql.ts';
import {
  quarantineCountsSql,
  quarantineReasonsSql,
  type QuarantineField,
} from './sql/quarantine-sql.ts';
import { reconciliationSql } from './sql/reconciliation-sql.ts';
import { seriesPeriodsSql, seriesValuesSql } from './sql/series-sql.ts';
import { shareTotalSql } from './sql/share-total-sql.ts';
import type { QuerySite } from './sql/shared.ts';

/** One SQL statement of a quality plan, run by the pipeline through the warehouse. */
export interface QualityQuery {
  /** Stable id the results are handed back under (`profile`, `sum:1`, `reconciliation:0`). */
  readonly id: string;
  readonly sql: string;
  /**
   * Reads another dataset (reconciliation): when that table is not there yet, the pipeline skips
   * the query instead of failing the check.
   */
  readonly optional: boolean;
}

/** Every query for one snapshot, and what is needed to read their results. */
export interface QualityPlan {
  readonly def: DatasetDefinition;
  readonly rules: DatasetQualityRules;
  readonly snapshot: string;
  readonly queries: readonly QualityQuery[];
  readonly profileFields: readonly ProfileField[];
  readonly quarantineFields: readonly QuarantineField[];
}

/**
 * The SQL that measures one snapshot in the warehouse's dialect: one profile scan, one grouped
 * duplicate scan, two small quarantine scans, one grouped aggregate per grouped sum, and the
 * series, label, share and reconciliation queries the rules ask for. Same plan on DuckDB,
 * Athena and BigQuery.
 */
export function qualityPlan(
  def: DatasetDefinition,
  rules: DatasetQualityRules,
  site: QuerySite,
): QualityPlan {
  const queries: QualityQuery[] = [];
  const add = (id: string, sql: string, optional = false) => queries.push({ id, sql, optional });
  const profile = profileSql(def, rules, site);
  add('profile', profile.sql);
  const nulls = nullRowsSql(def, rules.filled ?? [], site);
  if (nulls) add('null_rows', nulls);
  add('duplicates', duplicateKeysSql(def, site));
  const quarantine = quarantineCountsSql(def, site);
  add('quarantine_counts', quarantine.sql);
  add('quarantine_reasons', quarantineReasonsSql(def, site));
  (rules.sums ?? []).forEach((s, i) => {
    if (s.groupBy && s.groupBy.length > 0) add(`sum:${i}`, groupSumSql(def, s, site));
  });
  if (rules.series) {
    add('series_periods', seriesPeriodsSql(def, rules.series, site));
    const series = rules.series;
    (rules.seriesOutliers ?? []).forEach((r, i) =>
      add(`series_values:${i}`, seriesValuesSql(def, series, r, site)),
    );
  }
  (rules.labels ?? []).forEach((r, i) => add(`labels:${i}`, labelMismatchSql(def, r, site)));
  (rules.shareTotals ?? []).forEach((r, i) => add(`shares:${i}`, shareTotalSql(def, r, site)));
  (rules.reconciliations ?? []).forEach((r, i) =>
    add(`reconciliation:${i}`, reconciliationSql(def, r, site), true),
  );
  return {
    def,
    rules,
    snapshot: site.dataDate,
    queries,
    profileFields: profile.fields,
    quarantineFields: quarantine.fields,
  };
}

type Row = Readonly<Record<string, unknown>>;

/** Everything besides the query results that judging a snapshot needs. */
export interface SnapshotInputs {
  /** Rows per query id; optional queries that could not run are absent. */
  readonly results: Readonly<Record<string, readonly Row[]>>;
  /** The silver step's counts and header drift for the snapshot, when known. */
  readonly silver?: SilverCounts & { readonly header: HeaderDrift };
  /** Headers of the previous snapshot, for drift between releases. */
  readonly previous?: { readonly snapshot: string; readonly headers: readonly string[] };
  /** Metrics of earlier snapshots (the history); later ones are ignored. */
  readonly history: readonly Metric[];
  readonly timeliness: Omit<TimelinessInput, 'dataOwnDate' | 'coverageEnd'>;
}

/** What a snapshot's check produced. */
export interface SnapshotQuality {
  readonly dataset: string;
  readonly snapshot: string;
  readonly metrics: readonly Metric[];
  readonly findings: readonly Finding[];
  /** Headers the file had (kept to detect drift in the next release). */
  readonly headers: readonly string[];
}

const groupKey = (row: Row, columns: readonly string[]) =>
  columns.map((c) => String(row[c])).join('|');

/** Turns a plan's results into metrics and findings (pure: no I/O, no clock). */
export function evaluateSnapshot(plan: QualityPlan, inputs: SnapshotInputs): SnapshotQuality {
  const { def, rules, snapshot } = plan;
  const ctx: SnapshotContext = { def, rules, snapshot };
  const rows = (id: string) => inputs.results[id] ?? [];
  const metrics: Metric[] = [];
  const findings: Finding[] = [];
  const profileRow = rows('profile')[0] ?? { row_count: 0 };

  const profile = evaluateProfile(
    ctx,
    plan.profileFields,
    profileRow,
    inputs.silver,
    rows('null_rows'),
  );
  metrics.push(...profile.metrics);
  findings.push(...profile.findings);

  (rules.sums ?? []).forEach((s, i) => {
    if (!s.groupBy || s.groupBy.length === 0) return;
    for (const r of rows(`sum:${i}`)) {
      const value = num(r['value']);
      if (!Number.isFinite(value)) continue;
      metrics.push({
        dataset: def.id,
        snapshot,
        metric: s.metric,
        dimension: 'consistency',
        group: s.groupBy.map((g) => `${g}=${String(r[g])}`).join(','),
        value: round(value, 2),
      });
    }
  });

  findings.push(...evaluateDuplicates(ctx, rows('duplicates')));
  findings.push(
    ...evaluateQuarantine(
      ctx,
      plan.quarantineFields,
      rows('quarantine_counts')[0],
      rows('quarantine_reasons'),
      inputs.silver?.rowsIn ?? num(profileRow['row_count']),
    ),
  );

  const dataOwn = profileRow['data_date_max'];
  const coverage = profileRow['coverage_end'];
  const timely = evaluateTimeliness(ctx, {
    ...inputs.timeliness,
    dataOwnDate: typeof dataOwn === 'string' ? dataOwn.slice(0, 10) : null,
    coverageEnd: coverage === null || coverage === undefined ? null : num(coverage),
  });
  metrics.push(...timely.metrics);
  findings.push(...timely.findings);

  if (rules.series) {
    const series = rules.series;
    findings.push(
      ...evaluateSeriesGaps(
        ctx,
        series,
        rows('series_periods').map((r) => ({
          group: groupKey(r, series.groupBy),
          year: num(r['year']),
          month: num(r['month']),
        })),
      ),
    );
    (rules.seriesOutliers ?? []).forEach((rule, i) => {
      const points = rows(`series_values:${i}`).map((r) => ({
        group: groupKey(r, series.groupBy),
        year: num(r['year']),
        month: num(r['month']),
        value: num(r['value']),
      }));
      findings.push(...evaluateSeriesOutliers(ctx, rule, series.groupBy, points));
    });
  }
  (rules.labels ?? []).forEach((r, i) =>
    findings.push(...evaluateLabels(ctx, r, rows(`labels:${i}`))),
  );
  (rules.shareTotals ?? []).forEach((r, i) =>
    findings.push(...evaluateShareTotals(ctx, r, rows(`shares:${i}`))),
  );
  (rules.reconciliations ?? []).forEach((r, i) => {
    const result = evaluateReconciliation(ctx, r, rows(`reconciliation:${i}`));
    metrics.push(...result.metrics);
    findings.push(...result.findings);
  });

  let headers: string[] = [];
  if (inputs.silver) {
    headers = observedHeaders(def, inputs.silver.header);
    findings.push(
      ...evaluateSchemaDrift(ctx, inputs.silver.header, headers, inputs.previous, inputs.silver),
    );
  }

  findings.push(...evaluateHistory(ctx, metrics, inputs.history));
  return { dataset: def.id, snapshot, metrics, findings: sortFindings(findings), headers };
}
