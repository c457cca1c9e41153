import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { getDataset, isDatasetId, type DatasetId } from '@matriz/core';
import {
  handleApiRequest,
  type ApiDeps,
  type ApiRequest,
  type ApiResponse,
  type Catalog,
} from '@matriz/pipeline';
import {
  createDynamoDbClient,
  createGlueClient,
  createKinesisClient,
  DynamoDbStateStore,
  GlueCatalog,
  KinesisProducer,
  type AwsClientOptions,
} from '@matriz/runtime-aws';
import { z } from 'zod';

import { lakeStore, lambdaClient } from './aws-deps.ts';
import { readHandlerEnv, type HandlerEnv } from './env.ts';

/** The API Gateway HTTP API (payload format 2.0) event fields the API reads. */
export const httpEventSchema = z.object({
  rawPath: z.string().startsWith('/'),
  rawQueryString: z.string().default(''),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.object({ http: z.object({ method: z.string().min(1) }) }),
});

/** The HTTP API's structured response. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Turns an API Gateway v2 event into the framework-agnostic request. */
export function toApiRequest(event: z.infer<typeof httpEventSchema>): ApiRequest {
  const body =
    event.body === undefined
      ? new Uint8Array()
      : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    query: Object.fromEntries(new URLSearchParams(event.rawQueryString)),
    headers: event.headers,
    body: new Uint8Array(body),
  };
}

/** Turns the API's answer into the HTTP API's response. */
export function toHttpResponse(response: ApiResponse): HttpResponse {
  return { statusCode: response.status, headers: { ...response.headers }, body: response.body };
}

/** The api handler over given dependencies. */
export function createApiHandler(deps: ApiDeps) {
  return async (event: unknown): Promise<HttpResponse> => {
    const parsed = httpEventSchema.safeParse(event);
    if (!parsed.success) {
      return toHttpResponse({
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          error: {
            code: 'bad_event',
            message: 'Not an HTTP API v2 event; use payload format 2.0.',
          },
        }),
      });
    }
    return toHttpResponse(await handleApiRequest(toApiRequest(parsed.data), deps));
  };
}

/** Starts an extraction by invoking the extract function asynchronously (API Gateway waits 30 s at most). */
export function asyncIngest(client: LambdaClient, functionArn: string) {
  return async (dataset: DatasetId) => {
    const out = await client.send(
      new InvokeCommand({
        FunctionName: functionArn,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify({ dataset, source: 'api' })),
      }),
    );
    return { dataset, accepted: out.StatusCode === 202 };
  };
}

/** Datasets as the Glue catalog lists them (silver tables with their data dates). */
export function catalogDatasets(catalog: Catalog) {
  return async () => (await catalog.list()).filter((t) => t.layer === 'silver');
}

/** The API's dependencies from the function environment. */
export function apiDeps(
  env: HandlerEnv,
  aws: AwsClientOptions = { region: env.AWS_REGION },
): ApiDeps {
  if (env.API_TOKEN === undefined || env.EXTRACT_FUNCTION_ARN === undefined) {
    throw new Error(
      'The api function needs `API_TOKEN` and `EXTRACT_FUNCTION_ARN`; redeploy the infra-aws stack.',
    );
  }
  const store = lakeStore(env, aws);
  const catalog = new GlueCatalog({
    client: createGlueClient(aws),
    uri: (k) => store.uri(k),
    databasePrefix: env.DATABASE_PREFIX,
  });
  return {
    token: env.API_TOKEN,
    dataset: (id) => (isDatasetId(id) ? getDataset(id) : undefined),
    producer: new KinesisProducer({
      client: createKinesisClient(aws),
      streamName: env.STREAM_NAME,
    }),
    state: new DynamoDbStateStore({
      client: createDynamoDbClient(aws),
      tableName: env.STATE_TABLE,
    }),
    ingest: asyncIngest(lambdaClient(aws), env.EXTRACT_FUNCTION_ARN),
    datasets: catalogDatasets(catalog),
    quality: async () => {
      const reports = await store.list('quality/');
      return reports.map((o) => ({
        key: o.key,
        size: o.size,
        lastModified: o.lastModified?.toISOString() ?? null,
      }));
    },
  };
}

let cached: ReturnType<typeof createApiHandler> | undefined;

/** Lambda entry point. */
export async function handler(event: unknown): Promise<HttpResponse> {
  cached ??= createApiHandler(apiDeps(readHandlerEnv()));
  return cached(event);
}
