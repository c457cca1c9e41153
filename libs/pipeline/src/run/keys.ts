import type { DatasetId } from '@matriz/core';

/**
 * The lake's object keys, the same in every runtime (filesystem, S3, Cloud Storage).
 * Bronze is immutable per dataset and data date; silver and quarantine are partitioned by
 * `data_date`; gold holds one current version per table.
 */
export const lakeKeys = {
  bronzePrefix: (dataset: DatasetId) => `bronze/${dataset}/`,
  bronzeFile: (dataset: DatasetId, dataDate: string, file: string) =>
    `bronze/${dataset}/${dataDate}/${file}`,
  bronzeManifest: (dataset: DatasetId, dataDate: string) =>
    `bronze/${dataset}/${dataDate}/manifest.json`,
  /** Pointer to the newest bronze snapshot's manifest (what conditional requests compare with). */
  bronzeLatest: (dataset: DatasetId) => `bronze/${dataset}/_latest.json`,
  /** Payloads that were not data (HTML, empty), kept for inspection. */
  bronzeRejected: (dataset: DatasetId, fetchedAt: string, ext: string) =>
    `bronze/${dataset}/_rejected/${fetchedAt.replaceAll(':', '-')}.${ext}`,
  silverPrefix: (dataset: DatasetId) => `silver/${dataset}/`,
  silverFile: (dataset: DatasetId, dataDate: string) =>
    `silver/${dataset}/data_date=${dataDate}/part-0.parquet`,
  quarantinePrefix: (dataset: DatasetId) => `quarantine/${dataset}/`,
  quarantineFile: (dataset: DatasetId, dataDate: string) =>
    `quarantine/${dataset}/data_date=${dataDate}/part-0.parquet`,
  /** Run report of the silver step for one snapshot (counts, encoding, header drift). */
  silverReport: (dataset: DatasetId, dataDate: string) =>
    `silver/${dataset}/data_date=${dataDate}/_report.json`,
  goldFile: (table: string) => `gold/${table}/part-0.parquet`,
} as const;

/** `yyyy-mm-dd` from a `data_date=yyyy-mm-dd` or `yyyy-mm-dd` key segment. */
export function dataDateOfKey(key: string): string | undefined {
  return /(?:^|\/)(?:data_date=)?(\d{4}-\d{2}-\d{2})\//.exec(key)?.[1];
}
