/** Stable codes of the errors the AWS adapters raise. */
export type AwsAdapterErrorCode =
  | 'aws_bucket_route'
  | 'aws_object_missing'
  | 'aws_kinesis_rejected'
  | 'aws_athena_failed'
  | 'aws_athena_timeout'
  | 'aws_glue_table'
  | 'aws_invalid_argument';

/** An AWS adapter failure with a stable `code`; the message names the value and the remedy. */
export class AwsAdapterError extends Error {
  /** Stable, snake_case identity of the failure. */
  readonly code: AwsAdapterErrorCode;

  constructor(code: AwsAdapterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AwsAdapterError';
    this.code = code;
  }
}
