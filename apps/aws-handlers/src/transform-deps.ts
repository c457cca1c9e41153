import { createDuckDbEngine } from '@matriz/duckdb';
import { createCkanDatasetSource, systemClock, type PipelineDeps } from '@matriz/pipeline';
import {
  AthenaWarehouse,
  createAthenaClient,
  createGlueClient,
  createKinesisClient,
  createSnsClient,
  GlueCatalog,
  KinesisProducer,
  SnsNotifier,
  type AwsClientOptions,
} from '@matriz/runtime-aws';

import { lakeStore } from './aws-deps.ts';
import type { HandlerEnv } from './env.ts';
import { jsonLogger } from './logger.ts';

/**
 * The pipeline's dependencies on AWS: S3, the portal, DuckDB, Athena, Glue, SNS, Kinesis. Only
 * the transform bundle imports this file, so only it carries DuckDB's native binding.
 */
export async function pipelineDeps(
  env: HandlerEnv,
  aws: AwsClientOptions = { region: env.AWS_REGION },
): Promise<PipelineDeps> {
  const store = lakeStore(env, aws);
  const glue = createGlueClient(aws);
  return {
    store,
    source: createCkanDatasetSource({ baseUrl: env.PORTAL_URL }),
    engine: await createDuckDbEngine({ tempDirectory: `${env.WORK_DIR}/duckdb` }),
    warehouse: new AthenaWarehouse({
      athena: createAthenaClient(aws),
      glue,
      workGroup: env.ATHENA_WORKGROUP,
      goldLocation: `s3://${env.GOLD_BUCKET}/gold`,
      databasePrefix: env.DATABASE_PREFIX,
      // Deletes a replaced gold run's files once the Glue table points at the new run.
      removeLocation: async (location) => {
        const prefix = location.replace(/^s3:\/\/[^/]+\//, '');
        for (const object of await store.list(prefix)) await store.delete(object.key);
      },
    }),
    catalog: new GlueCatalog({
      client: glue,
      uri: (key) => store.uri(key),
      databasePrefix: env.DATABASE_PREFIX,
    }),
    notifier: new SnsNotifier({ client: createSnsClient(aws), topicArn: env.TOPIC_ARN }),
    producer: new KinesisProducer({
      client: createKinesisClient(aws),
      streamName: env.STREAM_NAME,
    }),
    clock: systemClock,
    logger: jsonLogger({ runtime: 'aws' }),
    workDir: env.WORK_DIR,
  };
}
