export {
  checkDatasetQuality,
  checkQuality,
  listSilverDates,
  type DatasetQualityResult,
  type QualityDeps,
  type QualityOptions,
} from './check-quality.ts';
export { qualityNotification } from './notification.ts';
export {
  findingsFileSchema,
  listQualitySnapshots,
  metricsFileSchema,
  qualityKeys,
  readFindingsFile,
  readLatestQuality,
  readMetricHistory,
  readMetricsFile,
  writeSnapshotQuality,
  type FindingsFile,
  type LatestQuality,
  type MetricsFile,
} from './quality-store.ts';
