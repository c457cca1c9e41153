import type { HttpFunction } from '@google-cloud/functions-framework';
import { DATASET_IDS, getDataset, isDatasetId } from '@matriz/core';
import {
  extractToBronze,
  handleApiRequest,
  readLatestQuality,
  type ApiRequest,
} from '@matriz/pipeline';

import { required } from '../config.ts';
import type { GcpRuntime } from '../runtime.ts';

/**
 * The ingestion and read API (`handleApiRequest`) behind an HTTPS function: the request is
 * reduced to an `ApiRequest`, the response written back as JSON. Writes need the bearer token
 * from Secret Manager (`MATRIZ_API_TOKEN`); `POST /ingest/{dataset}` collects into bronze, and
 * the transform function takes it from there.
 */
export function createApiHandler(runtime: () => GcpRuntime): HttpFunction {
  return async (req, res) => {
    const rt = runtime();
    const url = new URL(req.originalUrl ?? req.url, 'http://function.local');
    const request: ApiRequest = {
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      headers: req.headers,
      body: req.rawBody ? new Uint8Array(req.rawBody) : new Uint8Array(),
    };
    const response = await handleApiRequest(request, {
      token: required(rt.config, 'MATRIZ_API_TOKEN'),
      dataset: (id) => (isDatasetId(id) ? getDataset(id) : undefined),
      producer: rt.producer,
      state: rt.stateStore,
      clock: rt.clock,
      ingest: async (dataset) => {
        const deps = await rt.pipelineDeps();
        try {
          const result = await extractToBronze(deps, getDataset(dataset));
          return { status: result.status, dataDate: result.snapshot?.dataDate ?? null };
        } finally {
          await deps.engine.close();
        }
      },
      datasets: async () => rt.catalog.list(),
      quality: async () => readLatestQuality(rt.store, DATASET_IDS),
    });
    res.status(response.status).set(response.headers).send(response.body);
  };
}
