import type { Dialect } from '@matriz/core';

export type Row = Record<string, unknown>;

/** Runs SQL in one engine (DuckDB, Athena, BigQuery). */
export interface SqlEngine {
  readonly dialect: Dialect;
  query(sql: string): Promise<Row[]>;
  exec(sql: string): Promise<void>;
}

/**
 * An engine that reads and writes local files (DuckDB): the silver step runs in it everywhere,
 * on a laptop, in Lambda and in a Cloud Function.
 */
export interface LocalSqlEngine extends SqlEngine {
  readonly dialect: 'duckdb';
  /** Streams a large result in batches of about `batchRows` rows, in bounded memory. */
  stream(sql: string, batchRows?: number): AsyncIterable<Row[]>;
  close(): Promise<void>;
}
