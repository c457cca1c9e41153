import { BigQuery, type BigQueryOptions } from '@google-cloud/bigquery';

export interface BigQueryClientOptions {
  readonly projectId: string;
  /** REST root (`http://127.0.0.1:9050` for a test server); default the public endpoint. */
  readonly apiEndpoint?: string;
  /** An auth client to use instead of Application Default Credentials (tests pass a fixed token). */
  readonly authClient?: BigQueryOptions['authClient'];
}

/** Builds a BigQuery client for the lake's project. */
export function createBigQuery(options: BigQueryClientOptions): BigQuery {
  return new BigQuery({
    projectId: options.projectId,
    ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
    ...(options.authClient ? { authClient: options.authClient } : {}),
  });
}

/** Rows as plain JSON values: DATE and TIMESTAMP objects become strings, NUMERIC a number. */
export function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = plainValue(value);
  return out;
}

function plainValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plainValue);
  if (value instanceof Date) return value.toISOString();
  const wrapped = (value as { value?: unknown }).value;
  if (typeof wrapped === 'string') return wrapped;
  // Big.js (NUMERIC) renders exactly with toString.
  if (typeof (value as { toFixed?: unknown }).toFixed === 'function') return Number(String(value));
  return value;
}
