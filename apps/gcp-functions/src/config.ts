import { z } from 'zod';

const buckets = z.string().transform((text, ctx) => {
  try {
    return z.record(z.string(), z.string().min(3)).parse(JSON.parse(text));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected a JSON object of layer to bucket name' });
    return z.NEVER;
  }
});

/** The functions' environment, set by the infra-gcp `Functions` component. */
export const functionEnvSchema = z.object({
  MATRIZ_PROJECT: z.string().min(6),
  MATRIZ_BIGQUERY_LOCATION: z.string().min(2),
  MATRIZ_DATASET_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .default('matriz'),
  /** `{"bronze":"…","silver":…}`: one bucket per lake layer. */
  MATRIZ_BUCKETS: buckets,
  MATRIZ_CHANGES_TOPIC: z.string().min(3),
  MATRIZ_NOTIFICATIONS_TOPIC: z.string().min(3),
  /** CKAN root for `extract`; required there, no default host. */
  MATRIZ_CKAN_BASE_URL: z.url().optional(),
  /** Webhook for `notify` (from Secret Manager); required there, never defaulted. */
  MATRIZ_WEBHOOK_URL: z.url().optional(),
  /** Bearer token for the API's write routes (from Secret Manager). */
  MATRIZ_API_TOKEN: z.string().min(16).optional(),
  /** Tests only: loopback endpoints of the fake Cloud Storage and BigQuery servers. */
  MATRIZ_STORAGE_ENDPOINT: z.url().optional(),
  MATRIZ_BIGQUERY_ENDPOINT: z.url().optional(),
  /** Set by tests to the emulator on 127.0.0.1. */
  PUBSUB_EMULATOR_HOST: z.string().optional(),
  /** Scratch space; Cloud Functions' `/tmp` is memory-backed. */
  MATRIZ_WORK_DIR: z.string().default('/tmp'),
});

export type FunctionConfig = z.infer<typeof functionEnvSchema>;

/** A configuration value is missing or malformed; the message names it and the fix. */
export class FunctionConfigError extends Error {
  override readonly name = 'FunctionConfigError';
  readonly code = 'bad_function_config';
}

/** Reads and checks the environment once per instance. */
export function readFunctionConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  const parsed = functionEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `\`${i.path.join('.')}\`: ${i.message}`)
      .join('; ');
    throw new FunctionConfigError(
      `The function environment is incomplete (${problems}); deploy through infra-gcp, which sets every variable.`,
    );
  }
  return parsed.data;
}

/** A value only some functions need; throws naming it when it is absent. */
export function required<K extends keyof FunctionConfig>(
  config: FunctionConfig,
  key: K,
): NonNullable<FunctionConfig[K]> {
  const value = config[key];
  if (value === undefined || value === null) {
    throw new FunctionConfigError(
      `\`${String(key)}\` is not set; this function cannot run without it.`,
    );
  }
  return value as NonNullable<FunctionConfig[K]>;
}
