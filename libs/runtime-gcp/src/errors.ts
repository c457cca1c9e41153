/** Stable codes for failures raised by the GCP adapters. */
export type GcpRuntimeErrorCode =
  | 'gcs_no_bucket'
  | 'gcs_request_failed'
  | 'pubsub_publish_failed'
  | 'bigquery_job_failed'
  | 'bigquery_bad_identifier'
  | 'bigquery_unknown_table';

/**
 * A failure in a GCP adapter. The message names the bad value in backticks and ends with what to
 * do; the SDK error, when there is one, is kept as `cause`.
 */
export class GcpRuntimeError extends Error {
  override readonly name = 'GcpRuntimeError';

  constructor(
    /** Stable machine-readable code. */
    readonly code: GcpRuntimeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The HTTP status of a Google API error (`404` for a missing object), when it carries one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}
