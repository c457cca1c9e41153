import { LambdaClient } from '@aws-sdk/client-lambda';
import { createCkanDatasetSource, systemClock } from '@matriz/pipeline';
import {
  clientConfig,
  createDynamoDbClient,
  createS3Client,
  DynamoDbStateStore,
  lakeBucketRoutes,
  ObjectStoreDeadLetter,
  S3ObjectStore,
  type AwsClientOptions,
} from '@matriz/runtime-aws';

import type { HandlerEnv } from './env.ts';
import { jsonLogger } from './logger.ts';

/** Builds the S3 object store of the lake from the environment. */
export function lakeStore(env: HandlerEnv, aws: AwsClientOptions) {
  return new S3ObjectStore({
    client: createS3Client(aws),
    buckets: lakeBucketRoutes({
      bronze: env.BRONZE_BUCKET,
      silver: env.SILVER_BUCKET,
      gold: env.GOLD_BUCKET,
    }),
  });
}

/** What extraction needs: the lake store and the portal (no DuckDB, so the bundle stays small). */
export function extractDeps(env: HandlerEnv, aws: AwsClientOptions = { region: env.AWS_REGION }) {
  return {
    store: lakeStore(env, aws),
    source: createCkanDatasetSource({ baseUrl: env.PORTAL_URL }),
    clock: systemClock,
    logger: jsonLogger({ runtime: 'aws', stage: 'extract' }),
    workDir: env.WORK_DIR,
  };
}

/** The consumer's dependencies: the DynamoDB state store and the S3 dead letter. */
export function consumerDeps(env: HandlerEnv, aws: AwsClientOptions = { region: env.AWS_REGION }) {
  return {
    state: new DynamoDbStateStore({
      client: createDynamoDbClient(aws),
      tableName: env.STATE_TABLE,
    }),
    deadLetter: new ObjectStoreDeadLetter({ store: lakeStore(env, aws) }),
    logger: jsonLogger({ runtime: 'aws', stage: 'consume' }),
  };
}

/** The Lambda client the API uses to start an extraction asynchronously. */
export function lambdaClient(aws: AwsClientOptions): LambdaClient {
  return new LambdaClient(clientConfig(aws));
}
