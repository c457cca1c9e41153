export type { DatasetSource, PipelineDeps, SourceDownload, SourceResource } from './deps.ts';
export { lakeKeys, dataDateOfKey } from './keys.ts';
export { bronzeManifestSchema, parseManifest } from './manifest.ts';
export type { BronzeManifest } from './manifest.ts';
export { PipelineError } from './errors.ts';
export {
  extractToBronze,
  ingestFileToBronze,
  listBronzeSnapshots,
  readBronzeManifest,
} from './bronze.ts';
export type { BronzeSnapshot, ExtractResult } from './bronze.ts';
export { bronzeToSilver } from './silver.ts';
export type { SilverOptions, SilverResult } from './silver.ts';
export { buildGold } from './gold.ts';
export type { GoldResult } from './gold.ts';
export { datasetEntries, goldEntries } from './catalog-entries.ts';
export { runDataset, runPipeline } from './run-pipeline.ts';
export type { DatasetRunResult, RunOptions, RunSummary } from './run-pipeline.ts';
export { createCkanDatasetSource } from './ckan-source.ts';
export { changesForSnapshot, pendingChangeSnapshots } from './changes-step.ts';
