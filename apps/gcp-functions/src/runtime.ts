import { createDuckDbEngine } from '@matriz/duckdb';
import {
  createCkanDatasetSource,
  systemClock,
  type Clock,
  type Logger,
  type PipelineDeps,
} from '@matriz/pipeline';
import {
  BigQueryCatalog,
  BigQueryLoader,
  BigQueryWarehouse,
  createBigQuery,
  createPubSub,
  createStorage,
  GcsObjectStore,
  GcsStateStore,
  PubSubNotifier,
  PubSubProducer,
  type BigQueryClientOptions,
  type BigQueryTarget,
} from '@matriz/runtime-gcp';

import { FunctionConfigError, type FunctionConfig } from './config.ts';

/** The adapters one function instance uses, built once and reused across invocations. */
export interface GcpRuntime {
  readonly config: FunctionConfig;
  readonly storage: ReturnType<typeof createStorage>;
  readonly pubsub: ReturnType<typeof createPubSub>;
  readonly bigquery: ReturnType<typeof createBigQuery>;
  readonly target: BigQueryTarget;
  readonly store: GcsObjectStore;
  readonly loader: BigQueryLoader;
  readonly warehouse: BigQueryWarehouse;
  readonly catalog: BigQueryCatalog;
  readonly notifier: PubSubNotifier;
  readonly producer: PubSubProducer;
  readonly stateStore: GcsStateStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Pipeline dependencies with a fresh DuckDB engine; close it with `engine.close()`. */
  pipelineDeps(): Promise<PipelineDeps>;
}

export interface RuntimeOverrides {
  /** Tests: a fixed-token auth client so BigQuery never asks a metadata server. */
  readonly bigqueryAuthClient?: BigQueryClientOptions['authClient'];
  readonly clock?: Clock;
}

/** Wires the GCP adapters from the function configuration. */
export function createGcpRuntime(
  config: FunctionConfig,
  logger: Logger,
  overrides: RuntimeOverrides = {},
): GcpRuntime {
  const storage = createStorage({
    projectId: config.MATRIZ_PROJECT,
    ...(config.MATRIZ_STORAGE_ENDPOINT ? { apiEndpoint: config.MATRIZ_STORAGE_ENDPOINT } : {}),
  });
  const pubsub = createPubSub({
    projectId: config.MATRIZ_PROJECT,
    ...(config.PUBSUB_EMULATOR_HOST ? { emulatorHost: config.PUBSUB_EMULATOR_HOST } : {}),
  });
  const bigquery = createBigQuery({
    projectId: config.MATRIZ_PROJECT,
    ...(config.MATRIZ_BIGQUERY_ENDPOINT ? { apiEndpoint: config.MATRIZ_BIGQUERY_ENDPOINT } : {}),
    ...(overrides.bigqueryAuthClient ? { authClient: overrides.bigqueryAuthClient } : {}),
  });
  const target: BigQueryTarget = {
    projectId: config.MATRIZ_PROJECT,
    datasetPrefix: config.MATRIZ_DATASET_PREFIX,
    location: config.MATRIZ_BIGQUERY_LOCATION,
  };
  const buckets = config.MATRIZ_BUCKETS;
  const bucket = (layer: string) => {
    const name = buckets[layer];
    if (!name) {
      throw new FunctionConfigError(
        `\`MATRIZ_BUCKETS\` has no \`${layer}\` bucket; deploy through infra-gcp.`,
      );
    }
    return name;
  };
  const store = new GcsObjectStore({ storage, buckets, defaultBucket: bucket('bronze') });
  const clock = overrides.clock ?? systemClock;
  const runtime: GcpRuntime = {
    config,
    storage,
    pubsub,
    bigquery,
    target,
    store,
    loader: new BigQueryLoader(bigquery, target),
    warehouse: new BigQueryWarehouse({ bigquery, target }),
    catalog: new BigQueryCatalog(bigquery, target),
    notifier: new PubSubNotifier(pubsub, config.MATRIZ_NOTIFICATIONS_TOPIC),
    producer: new PubSubProducer(pubsub, config.MATRIZ_CHANGES_TOPIC),
    stateStore: new GcsStateStore({ storage, bucket: bucket('state') }),
    clock,
    logger,
    async pipelineDeps() {
      const engine = await createDuckDbEngine({
        tempDirectory: config.MATRIZ_WORK_DIR,
        threads: 2,
      });
      const baseUrl = config.MATRIZ_CKAN_BASE_URL;
      return {
        store,
        // Only `extract` reads the portal; the others never call the source.
        source: baseUrl ? createCkanDatasetSource({ baseUrl }) : missingSource,
        engine,
        warehouse: runtime.warehouse,
        catalog: runtime.catalog,
        notifier: runtime.notifier,
        producer: runtime.producer,
        clock,
        logger,
        workDir: config.MATRIZ_WORK_DIR,
      };
    },
  };
  return runtime;
}

const missingSource: PipelineDeps['source'] = {
  resolve: () =>
    Promise.reject(
      new Error('`MATRIZ_CKAN_BASE_URL` is not set; only the extract function reads the portal.'),
    ),
  download: () =>
    Promise.reject(
      new Error('`MATRIZ_CKAN_BASE_URL` is not set; only the extract function reads the portal.'),
    ),
};
