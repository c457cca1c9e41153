import type { HttpFunction } from '@google-cloud/functions-framework';
import { DATASET_IDS, getDataset } from '@matriz/core';
import { extractToBronze } from '@matriz/pipeline';
import { z } from 'zod';

import type { GcpRuntime } from '../runtime.ts';
import { errorBody } from './errors.ts';

const requestSchema = z.object({ dataset: z.enum(DATASET_IDS) });

/**
 * `POST {"dataset": "siga"}`: collects the dataset from the portal into bronze. Callers are
 * authenticated by Cloud Functions IAM (the scheduler's OIDC token, an operator's identity
 * token); the function is never deployed with public invocation. The transform function runs
 * when the snapshot's manifest lands in the bronze bucket.
 */
export function createExtractHandler(runtime: () => GcpRuntime): HttpFunction {
  return async (req, res) => {
    if (req.method !== 'POST') {
      res
        .status(405)
        .json({ error: 'method_not_allowed', message: 'Use `POST` with `{"dataset": "<id>"}`.' });
      return;
    }
    const parsed = requestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: 'bad_request',
        message: `The body must be {"dataset": one of ${DATASET_IDS.join(', ')}}; got \`${JSON.stringify(req.body)}\`.`,
      });
      return;
    }
    const rt = runtime();
    const deps = await rt.pipelineDeps();
    const started = Date.now();
    try {
      const result = await extractToBronze(deps, getDataset(parsed.data.dataset));
      const snapshot = result.snapshot;
      rt.logger.info('extract.done', {
        stage: 'extract',
        dataset: parsed.data.dataset,
        status: result.status,
        ms: Date.now() - started,
      });
      res.status(200).json({
        dataset: parsed.data.dataset,
        status: result.status,
        ...(snapshot ? { dataDate: snapshot.dataDate, key: snapshot.key } : {}),
      });
    } catch (error) {
      const body = errorBody(error);
      rt.logger.error('extract.failed', {
        stage: 'extract',
        dataset: parsed.data.dataset,
        ...body,
      });
      res.status(502).json(body);
    } finally {
      await deps.engine.close();
    }
  };
}
