/**
 * Data quality: rules declared per dataset (`rules/`), metric SQL generated per dialect (`sql/`),
 * and pure evaluators (`evaluate/`) that turn query results and the metric history into typed
 * findings. The pipeline runs the SQL, keeps the history and decides what blocks.
 */
export * from './finding.ts';
export * from './rules/index.ts';
export { UF_NAMES } from './uf-names.ts';
export { median, mad, robustZ, MAD_TO_SIGMA } from './robust.ts';
export { qualityPlan, evaluateSnapshot } from './plan.ts';
export type { QualityPlan, QualityQuery, SnapshotInputs, SnapshotQuality } from './plan.ts';
export type { QuerySite } from './sql/shared.ts';
export type { SilverCounts } from './evaluate/completeness.ts';
export type { HeaderDrift } from './evaluate/schema-drift.ts';
export type { TimelinessInput } from './evaluate/timeliness.ts';
export { CADENCE_DAYS } from './evaluate/timeliness.ts';
export { MIN_HISTORY, OUTLIER_Z, evaluateHistory } from './evaluate/outliers.ts';
export {
  MIN_SERIES_POINTS,
  SERIES_Z,
  seriesOutliers,
  type SeriesOutlier,
  type SeriesPoint,
} from './evaluate/series-outliers.ts';
