import type { LogFields, Logger } from '@matriz/pipeline';

/**
 * One JSON line per event on stdout/stderr, which Lambda ships to the function's log group
 * (the functions use the JSON log format). Fixed fields: level, event, then the event's fields.
 */
export function jsonLogger(base: LogFields = {}): Logger {
  const line = (level: string, event: string, fields?: LogFields) =>
    JSON.stringify({ level, event, ...base, ...fields });
  return {
    debug: (event, fields) => {
      if (process.env['MATRIZ_DEBUG']) console.debug(line('debug', event, fields));
    },
    info: (event, fields) => console.info(line('info', event, fields)),
    warn: (event, fields) => console.warn(line('warn', event, fields)),
    error: (event, fields) => console.error(line('error', event, fields)),
  };
}
