export type LogFields = Readonly<Record<string, unknown>>;

/**
 * Structured logger with fixed fields (stage, dataset, rows_in, rows_out, ms). Libraries never
 * write to the console; the app decides how a log line is rendered.
 */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
