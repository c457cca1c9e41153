import { DATASET_IDS, getDataset } from '@matriz/core';
import { extractToBronze, type PipelineDeps } from '@matriz/pipeline';
import { z } from 'zod';

import { extractDeps } from './aws-deps.ts';
import { readHandlerEnv } from './env.ts';

/** The event: EventBridge's constant input (`source: schedule`) or an on-demand invocation. */
export const extractEventSchema = z.object({
  dataset: z.enum(DATASET_IDS),
  source: z.enum(['schedule', 'api', 'manual']).default('manual'),
});

/** What the function returns (and logs). */
export interface ExtractResponse {
  readonly dataset: string;
  readonly status: 'fetched' | 'unchanged';
  readonly dataDate: string | null;
  /** Key of the committed bronze manifest (its creation triggers the transform). */
  readonly manifestKey: string | null;
}

type ExtractDeps = Pick<PipelineDeps, 'store' | 'source' | 'clock' | 'logger' | 'workDir'>;

/** The extract handler over given dependencies: portal → S3 bronze for one dataset. */
export function createExtractHandler(deps: ExtractDeps) {
  return async (event: unknown): Promise<ExtractResponse> => {
    const { dataset, source } = extractEventSchema.parse(event);
    const result = await extractToBronze(deps, getDataset(dataset));
    const snapshot = result.snapshot;
    deps.logger.info('extract.done', { stage: 'extract', dataset, source, status: result.status });
    return {
      dataset,
      status: result.status,
      dataDate: snapshot?.dataDate ?? null,
      manifestKey: snapshot ? `bronze/${dataset}/${snapshot.dataDate}/manifest.json` : null,
    };
  };
}

let cached: ReturnType<typeof createExtractHandler> | undefined;

/** Lambda entry point. */
export async function handler(event: unknown): Promise<ExtractResponse> {
  cached ??= createExtractHandler(extractDeps(readHandlerEnv()));
  return cached(event);
}
