import { DATASET_IDS, type DatasetId } from '@matriz/core';
import { runPipeline, type PipelineDeps, type RunSummary } from '@matriz/pipeline';
import { z } from 'zod';

import { pipelineDeps } from './transform-deps.ts';
import { readHandlerEnv } from './env.ts';

const s3EventSchema = z.object({
  Records: z
    .array(z.object({ s3: z.object({ object: z.object({ key: z.string().min(1) }) }) }))
    .min(1),
});
const directSchema = z.object({
  datasets: z.array(z.enum(DATASET_IDS)).min(1),
  force: z.boolean().default(false),
});

/** The event: S3 notifications of committed bronze manifests, or `{ datasets }` on demand. */
export const transformEventSchema = z.union([s3EventSchema, directSchema]);

/** Datasets named by manifest keys (`bronze/<dataset>/<date>/manifest.json`, URL-encoded by S3). */
export function datasetsOfManifestKeys(keys: readonly string[]): DatasetId[] {
  const found = new Set<DatasetId>();
  for (const raw of keys) {
    const key = decodeURIComponent(raw.replace(/\+/g, ' '));
    const match = /^bronze\/([a-z_]+)\/\d{4}-\d{2}-\d{2}\/manifest\.json$/.exec(key);
    const id = match?.[1];
    if (id === undefined || !(DATASET_IDS as readonly string[]).includes(id)) {
      throw new Error(
        `S3 key \`${key}\` is not a bronze manifest; fix the bucket notification filter.`,
      );
    }
    found.add(id as DatasetId);
  }
  return [...found].sort();
}

/**
 * The transform handler over given dependencies: bronze → silver (DuckDB in the function, S3 in
 * and out), quality and changes, then gold (Athena CTAS) and the Glue catalog, last.
 */
export function createTransformHandler(deps: PipelineDeps) {
  return async (event: unknown): Promise<RunSummary> => {
    const parsed = transformEventSchema.parse(event);
    const datasets =
      'Records' in parsed
        ? datasetsOfManifestKeys(parsed.Records.map((r) => r.s3.object.key))
        : parsed.datasets;
    const force = 'force' in parsed ? parsed.force : false;
    const summary = await runPipeline(deps, { datasets, skipExtract: true, force });
    deps.logger.info('transform.done', {
      stage: 'transform',
      datasets,
      ok: summary.ok,
      blocked: summary.blocked,
      gold_tables: summary.gold.tables.length,
    });
    const failed = summary.datasets.filter((d) => d.status === 'failed');
    if (failed.length > 0) {
      // A failed dataset fails the invocation, so S3's async retry and the error alarm see it.
      // Datasets blocked by quality are not errors: the notifier already sent the findings.
      const reasons = failed.map((d) => `${d.dataset}: ${d.error?.message}`).join('; ');
      throw new Error(`Transform failed for ${reasons}; see the function's log for the run.`);
    }
    return summary;
  };
}

let cached: ReturnType<typeof createTransformHandler> | undefined;

/** Lambda entry point. */
export async function handler(event: unknown): Promise<RunSummary> {
  cached ??= createTransformHandler(await pipelineDeps(readHandlerEnv()));
  return cached(event);
}
