import type { Writable } from 'node:stream';

import type { LogFields, Logger } from '@matriz/pipeline';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface StreamLoggerOptions {
  /** `json`: one JSON object per line (CI, pipes); `pretty`: short human lines (terminals). */
  readonly format: 'json' | 'pretty';
  /** Lowest level written (default `info`). */
  readonly level?: Level;
  readonly now?: () => Date;
}

/** A structured logger writing to one stream, with fixed fields per line. */
export function createStreamLogger(out: Writable, options: StreamLoggerOptions): Logger {
  const min = ORDER[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const write = (level: Level, event: string, fields: LogFields = {}): void => {
    if (ORDER[level] < min) return;
    if (options.format === 'json') {
      out.write(JSON.stringify({ ts: now().toISOString(), level, event, ...fields }) + '\n');
      return;
    }
    const parts = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    const tag = level === 'info' ? '' : `${level.toUpperCase()} `;
    out.write(`${tag}${event}${parts.length ? ' ' + parts.join(' ') : ''}\n`);
  };
  return {
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  };
}
