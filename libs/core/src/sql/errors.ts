/** Stable codes of the SQL generators' errors. */
export type SqlErrorCode =
  | 'unknown_dialect'
  | 'unknown_column'
  | 'unknown_gold_table'
  | 'bad_option';

/**
 * Raised when SQL cannot be generated from the inputs given (a programming or configuration
 * error, never a data error: bad data goes to quarantine instead).
 */
export class SqlGenerationError extends Error {
  override readonly name = 'SqlGenerationError';

  constructor(
    /** Stable, machine-readable reason. */
    readonly code: SqlErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
