// Entry points of the Cloud Functions (2nd gen): each name is a function's `entryPoint`.
// Adapters are built once per instance, on first use, from the environment infra-gcp sets.
import * as ff from '@google-cloud/functions-framework';

import { readFunctionConfig } from './config.ts';
import { createApiHandler } from './handlers/api.ts';
import { createConsumerHandler } from './handlers/consumer.ts';
import { createExtractHandler } from './handlers/extract.ts';
import { createNotifyHandler } from './handlers/notify.ts';
import {
  createQualityHandler,
  pipelineQualityEvaluator,
  type QualityEvaluator,
  type QualitySummary,
} from './handlers/quality.ts';
import { createTransformHandler } from './handlers/transform.ts';
import { createJsonLogger } from './logger.ts';
import { createGcpRuntime, type GcpRuntime } from './runtime.ts';

export { readFunctionConfig, type FunctionConfig } from './config.ts';
export { createGcpRuntime, type GcpRuntime, type RuntimeOverrides } from './runtime.ts';
export { createApiHandler, createConsumerHandler, createExtractHandler, createNotifyHandler };
export { createQualityHandler, createTransformHandler, pipelineQualityEvaluator };
export type { QualityEvaluator, QualitySummary };

let instance: GcpRuntime | undefined;
const runtime = () => {
  instance ??= createGcpRuntime(
    readFunctionConfig(),
    createJsonLogger({ function: process.env['K_SERVICE'] ?? 'local' }),
  );
  return instance;
};

ff.http('extract', createExtractHandler(runtime));
ff.cloudEvent('transform', createTransformHandler(runtime));
ff.cloudEvent('quality', createQualityHandler(runtime, pipelineQualityEvaluator));
ff.cloudEvent('notify', createNotifyHandler(runtime));
ff.http('consumer', createConsumerHandler(runtime));
ff.http('api', createApiHandler(runtime));
