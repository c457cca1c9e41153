export {
  createApiHandler,
  toApiRequest,
  toHttpResponse,
  apiDeps,
  asyncIngest,
  httpEventSchema,
  type HttpResponse,
} from './api.ts';
export {
  createConsumerHandler,
  kinesisEventSchema,
  type BatchResponse,
  type ConsumerDeps,
} from './consumer.ts';
export { createExtractHandler, extractEventSchema, type ExtractResponse } from './extract.ts';
export {
  createTransformHandler,
  datasetsOfManifestKeys,
  transformEventSchema,
} from './transform.ts';
export { consumerDeps, extractDeps, lakeStore } from './aws-deps.ts';
export { pipelineDeps } from './transform-deps.ts';
export { handlerEnvSchema, readHandlerEnv, type HandlerEnv } from './env.ts';
export { jsonLogger } from './logger.ts';
