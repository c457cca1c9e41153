import type { LogFields, Logger } from '@matriz/pipeline';

type Severity = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

/**
 * One JSON line per event on stdout: Cloud Logging reads `severity` and `message` and keeps the
 * other fields as `jsonPayload`, so logs can be filtered by stage, dataset or function.
 */
export function createJsonLogger(
  base: LogFields = {},
  write: (line: string) => void = (l) => console.log(l),
): Logger {
  const log =
    (severity: Severity) =>
    (event: string, fields: LogFields = {}) =>
      write(JSON.stringify({ severity, message: event, ...base, ...fields }));
  return { debug: log('DEBUG'), info: log('INFO'), warn: log('WARNING'), error: log('ERROR') };
}
