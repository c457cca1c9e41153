import { z } from 'zod';

/**
 * What a finding does to a run: `error` blocks promotion to gold and makes the run exit
 * non-zero, `warning` is reported and does not block, `info` is context (shares, totals).
 * Rules only return findings; the pipeline decides what blocks.
 */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** The question a finding or metric answers. */
export const DIMENSIONS = [
  'timeliness',
  'completeness',
  'uniqueness',
  'validity',
  'consistency',
  'outliers',
  'schema',
] as const;
export const dimensionSchema = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof dimensionSchema>;

/** Every finding code the evaluators emit (snake_case, stable: consumers match on it). */
export const FINDING_CODES = [
  'stale_snapshot',
  'source_ahead',
  'coverage_lag',
  'null_share_exceeded',
  'placeholder_share',
  'row_count_out_of_range',
  'row_count_drop',
  'missing_period',
  'series_discontinued',
  'duplicate_key',
  'outlier',
  'schema_drift',
  'out_of_range',
  'unknown_code',
  'unparsable_value',
  'quarantine_share_exceeded',
  'label_mismatch',
  'ownership_share_not_100',
  'reconciliation_mismatch',
  'reconciliation_total',
] as const;
export const findingCodeSchema = z.enum(FINDING_CODES);
export type FindingCode = z.infer<typeof findingCodeSchema>;

/** A JSON value carried as the observed or expected side of a finding. */
export const findingValueSchema = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.null(),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);

/** One data-quality finding: data, never prose only. Rendering happens elsewhere. */
export const findingSchema = z.object({
  /** Stable snake_case code (`duplicate_key`). */
  code: findingCodeSchema,
  severity: severitySchema,
  dimension: dimensionSchema,
  /** Dataset id (`siga`). */
  dataset: z.string(),
  /** Data date of the snapshot the finding is about (`yyyy-mm-dd`). */
  snapshot: z.string(),
  /** Silver column concerned, or null for row- or table-level findings. */
  column: z.string().nullable(),
  /**
   * Business key or row reference of the offending record(s): `{ plant_id_ceg: '...' }`,
   * `{ source_row: 12 }`, `{ state_code: 'RR', reference_month: '2022-06' }`; null when the
   * finding is about the whole snapshot.
   */
  key: z.record(z.string(), z.unknown()).nullable(),
  /** What was seen (a share, a count, the offending values sorted, both figures). */
  observed: findingValueSchema,
  /** What the rule expected (a range, a tolerance, the other dataset's figure). */
  expected: findingValueSchema,
  /** One sentence for a person, naming the values in backticks. */
  message: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

/** One measured value of a snapshot, appended to the dataset's metric history. */
export const metricSchema = z.object({
  dataset: z.string(),
  /** Data date of the snapshot (`yyyy-mm-dd`). */
  snapshot: z.string(),
  /** Metric name (`row_count`, `null_share`, `operating_capacity_kw`). */
  metric: z.string(),
  dimension: dimensionSchema,
  /**
   * What the metric is about inside the snapshot: a column (`column=latitude_deg`) or a group
   * (`generation_type=UFV`); empty for snapshot-wide metrics. `metric` + `group` identify a
   * series across snapshots.
   */
  group: z.string().default(''),
  value: z.number(),
});
export type Metric = z.infer<typeof metricSchema>;

/** Severity order for sorting and summaries: errors first. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Findings sorted errors first, then by code, column and key, so outputs are stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.code.localeCompare(b.code) ||
      (a.column ?? '').localeCompare(b.column ?? '') ||
      JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)),
  );
}

/** Counts of findings per severity and per `code:severity`, for summaries and notifications. */
export interface FindingCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  /** `{ duplicate_key: { warning: 1 } }` */
  readonly byCode: Readonly<Record<string, Partial<Record<Severity, number>>>>;
}

/** Tallies findings by severity and by code. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts = { error: 0, warning: 0, info: 0 };
  const byCode: Record<string, Partial<Record<Severity, number>>> = {};
  for (const f of findings) {
    counts[f.severity] += 1;
    const entry = (byCode[f.code] ??= {});
    entry[f.severity] = (entry[f.severity] ?? 0) + 1;
  }
  return { ...counts, byCode };
}
