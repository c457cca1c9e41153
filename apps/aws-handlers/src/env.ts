import { z } from 'zod';

/**
 * The environment the Pulumi program gives every function (see `infra-aws` Compute). Parsed once
 * per cold start; a missing variable fails the first invocation with its name.
 */
export const handlerEnvSchema = z.object({
  AWS_REGION: z.string().min(1),
  BRONZE_BUCKET: z.string().min(3),
  SILVER_BUCKET: z.string().min(3),
  GOLD_BUCKET: z.string().min(3),
  STATE_TABLE: z.string().min(1),
  STREAM_NAME: z.string().min(1),
  TOPIC_ARN: z.string().startsWith('arn:'),
  ATHENA_WORKGROUP: z.string().min(1),
  DATABASE_PREFIX: z.string().default('matriz'),
  PORTAL_URL: z.string().url(),
  /** Only the api function has these two. */
  API_TOKEN: z.string().min(16).optional(),
  EXTRACT_FUNCTION_ARN: z.string().startsWith('arn:').optional(),
  /** Scratch space: Lambda's ephemeral storage. */
  WORK_DIR: z.string().default('/tmp'),
});
export type HandlerEnv = z.infer<typeof handlerEnvSchema>;

/** Parses `process.env` (or a test's record) into {@link HandlerEnv}. */
export function readHandlerEnv(env: Record<string, string | undefined> = process.env): HandlerEnv {
  const parsed = handlerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `\`${i.path.join('.')}\``).join(', ');
    throw new Error(`Function environment is invalid at ${names}; redeploy the infra-aws stack.`);
  }
  return parsed.data;
}
