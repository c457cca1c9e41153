import {
  findingSchema,
  metricSchema,
  type DatasetId,
  type Finding,
  type Metric,
} from '@matriz/core';
import { z } from 'zod';

import type { ObjectStore } from '../ports/index.ts';

/**
 * Where quality results live in the object store, per dataset and snapshot, replaced whole on a
 * re-run so the history grows per snapshot and never duplicates.
 */
export const qualityKeys = {
  prefix: (dataset: DatasetId) => `quality/${dataset}/`,
  metrics: (dataset: DatasetId, dataDate: string) =>
    `quality/${dataset}/data_date=${dataDate}/metrics.json`,
  findings: (dataset: DatasetId, dataDate: string) =>
    `quality/${dataset}/data_date=${dataDate}/findings.json`,
} as const;

/** `metrics.json`: a snapshot's metrics and the headers its file had. */
export const metricsFileSchema = z.object({
  dataset: z.string(),
  snapshot: z.string(),
  /** When the check ran (ISO timestamp from the run's clock). */
  checked_at: z.string(),
  /** Headers of the snapshot's file, for drift against the next release. */
  headers: z.array(z.string()),
  metrics: z.array(metricSchema),
});
export type MetricsFile = z.infer<typeof metricsFileSchema>;

/** `findings.json`: a snapshot's findings. */
export const findingsFileSchema = z.object({
  dataset: z.string(),
  snapshot: z.string(),
  checked_at: z.string(),
  findings: z.array(findingSchema),
});
export type FindingsFile = z.infer<typeof findingsFileSchema>;

async function readJson<T>(
  store: ObjectStore,
  key: string,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  const bytes = await store.get(key);
  if (!bytes) return undefined;
  return schema.parse(JSON.parse(new TextDecoder().decode(bytes)));
}

/** Snapshots that have quality results, oldest first. */
export async function listQualitySnapshots(
  store: ObjectStore,
  dataset: DatasetId,
): Promise<string[]> {
  const objects = await store.list(qualityKeys.prefix(dataset));
  const dates = objects
    .map((o) => /data_date=(\d{4}-\d{2}-\d{2})\/metrics\.json$/.exec(o.key)?.[1])
    .filter((d): d is string => d !== undefined);
  return [...new Set(dates)].sort();
}

/** The stored metrics file of one snapshot, if checked. */
export function readMetricsFile(
  store: ObjectStore,
  dataset: DatasetId,
  dataDate: string,
): Promise<MetricsFile | undefined> {
  return readJson(store, qualityKeys.metrics(dataset, dataDate), metricsFileSchema);
}

/** The stored findings file of one snapshot, if checked. */
export function readFindingsFile(
  store: ObjectStore,
  dataset: DatasetId,
  dataDate: string,
): Promise<FindingsFile | undefined> {
  return readJson(store, qualityKeys.findings(dataset, dataDate), findingsFileSchema);
}

/** Every stored metric of a dataset, all snapshots, oldest first: the metric history. */
export async function readMetricHistory(store: ObjectStore, dataset: DatasetId): Promise<Metric[]> {
  const out: Metric[] = [];
  for (const date of await listQualitySnapshots(store, dataset)) {
    out.push(...((await readMetricsFile(store, dataset, date))?.metrics ?? []));
  }
  return out;
}

/** Writes (replacing) a snapshot's metrics and findings. */
export async function writeSnapshotQuality(
  store: ObjectStore,
  metrics: MetricsFile,
  findings: FindingsFile,
): Promise<void> {
  const dataset = metrics.dataset as DatasetId;
  const options = { contentType: 'application/json' };
  await store.put(
    qualityKeys.metrics(dataset, metrics.snapshot),
    JSON.stringify(metrics, null, 2) + '\n',
    options,
  );
  await store.put(
    qualityKeys.findings(dataset, findings.snapshot),
    JSON.stringify(findings, null, 2) + '\n',
    options,
  );
}

/** The latest checked snapshot of a dataset: its findings and metrics. */
export interface LatestQuality {
  readonly dataset: DatasetId;
  readonly snapshot: string;
  readonly checkedAt: string;
  readonly findings: readonly Finding[];
  readonly metrics: readonly Metric[];
}

/**
 * The newest checked snapshot's findings and metrics for each dataset given (all with results
 * when none): what `matriz quality`, `GET /quality` and the quality page show.
 */
export async function readLatestQuality(
  store: ObjectStore,
  datasets: readonly DatasetId[],
): Promise<LatestQuality[]> {
  const out: LatestQuality[] = [];
  for (const dataset of datasets) {
    const latest = (await listQualitySnapshots(store, dataset)).at(-1);
    if (!latest) continue;
    const [metrics, findings] = await Promise.all([
      readMetricsFile(store, dataset, latest),
      readFindingsFile(store, dataset, latest),
    ]);
    out.push({
      dataset,
      snapshot: latest,
      checkedAt: findings?.checked_at ?? metrics?.checked_at ?? '',
      findings: findings?.findings ?? [],
      metrics: metrics?.metrics ?? [],
    });
  }
  return out;
}
