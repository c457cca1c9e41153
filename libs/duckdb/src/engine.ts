import { DuckDBInstance, StatementType, type DuckDBConnection } from '@duckdb/node-api';
import type { LocalSqlEngine, Row } from '@matriz/pipeline';

import { plainRow } from './values.ts';

export interface DuckDbOptions {
  /** Database file; `:memory:` (default) keeps nothing on disk. */
  readonly path?: string;
  /** Worker threads; default: DuckDB's (one per core). */
  readonly threads?: number;
  /** e.g. `1GB`; DuckDB spills to `tempDirectory` beyond it. Default: DuckDB's (80 % of RAM). */
  readonly memoryLimit?: string;
  /** Where DuckDB spills when a query exceeds the memory limit. */
  readonly tempDirectory?: string;
  /** Open the database file read-only (several readers may share it). */
  readonly readOnly?: boolean;
}

/** The DuckDB engine: runs the silver step everywhere and gold locally. */
export interface DuckDbEngine extends LocalSqlEngine {
  /** The underlying connection, for callers that need DuckDB-specific APIs (appenders). */
  readonly connection: DuckDBConnection;
  /**
   * Runs exactly one statement that only reads (SELECT, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN):
   * what `matriz sql` and the API offer to people, so nobody writes into the lake by accident.
   */
  queryReadOnly(sql: string): Promise<Row[]>;
}

/** A statement `queryReadOnly` refuses: several statements, or one that writes. */
export class ReadOnlySqlError extends Error {
  readonly code = 'read_only_sql';
}

/** DuckDB statement types that only read (SELECT covers DESCRIBE, SHOW and SUMMARIZE). */
const READ_ONLY_STATEMENTS = new Set([StatementType.SELECT, StatementType.EXPLAIN]);

/**
 * Opens DuckDB (in memory by default). Only the bundled extensions (parquet, json, icu) are
 * available offline; nothing is installed at run time.
 */
export async function createDuckDbEngine(options: DuckDbOptions = {}): Promise<DuckDbEngine> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config['threads'] = String(options.threads);
  if (options.memoryLimit !== undefined) config['memory_limit'] = options.memoryLimit;
  if (options.tempDirectory !== undefined) config['temp_directory'] = options.tempDirectory;
  if (options.readOnly) config['access_mode'] = 'READ_ONLY';
  // Never reach out for extensions: everything we use is bundled.
  config['autoinstall_known_extensions'] = 'false';
  config['autoload_known_extensions'] = 'true';

  const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
  const connection = await instance.connect();

  return {
    dialect: 'duckdb',
    connection,
    async query(sql: string): Promise<Row[]> {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS().map((row) => plainRow(row));
    },
    async queryReadOnly(sql: string): Promise<Row[]> {
      const statements = await connection.extractStatements(sql);
      if (statements.count !== 1) {
        throw new ReadOnlySqlError(
          `Got ${statements.count} SQL statements; give exactly one (run the others separately).`,
        );
      }
      const prepared = await statements.prepare(0);
      // EXPLAIN ANALYZE runs the statement it explains: only a plain EXPLAIN only reads.
      const analyzes = /^\s*explain\s+analy[sz]e\b/i.test(sql);
      if (!READ_ONLY_STATEMENTS.has(prepared.statementType) || analyzes) {
        throw new ReadOnlySqlError(
          `\`${sql.trim().split(/\s+/)[0]}\` statements are not run here: this command only reads ` +
            '(SELECT, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN). The lake is written by the pipeline.',
        );
      }
      const reader = await prepared.runAndReadAll();
      return reader.getRowObjectsJS().map((row) => plainRow(row));
    },
    async exec(sql: string): Promise<void> {
      await connection.run(sql);
    },
    async *stream(sql: string, batchRows = 10_000): AsyncIterable<Row[]> {
      const result = await connection.stream(sql);
      let batch: Row[] = [];
      for await (const rows of result.yieldRowObjectJs()) {
        for (const row of rows) batch.push(plainRow(row));
        if (batch.length >= batchRows) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    async close(): Promise<void> {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Quotes a path or text as a DuckDB string literal. */
export function duckString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
