import type { BigQuery } from '@google-cloud/bigquery';
import type { GoldTableSpec, Row, Warehouse } from '@matriz/pipeline';

import { GcpRuntimeError } from '../errors.ts';
import type { TableLayout } from './bigquery-schema.ts';
import { plainRow } from './bigquery-client.ts';
import { GOLD_LAYOUTS, goldLayout, materializeSql } from './gold-sql.ts';
import { datasetId, type BigQueryTarget } from './identifiers.ts';

export interface BigQueryWarehouseOptions {
  readonly bigquery: BigQuery;
  readonly target: BigQueryTarget;
  /** Partitioning and clustering per gold table name (default {@link GOLD_LAYOUTS}). */
  readonly layouts?: Readonly<Record<string, TableLayout>>;
}

/**
 * Gold on BigQuery: each table is rebuilt with one `CREATE OR REPLACE TABLE … AS` statement over
 * the silver tables, which the core's BigQuery dialect references as `project.matriz_silver.x`.
 */
export class BigQueryWarehouse implements Warehouse {
  readonly dialect = 'bigquery' as const;
  readonly #bigquery: BigQuery;
  readonly #target: BigQueryTarget;
  readonly #layouts: Readonly<Record<string, TableLayout>>;

  constructor(options: BigQueryWarehouseOptions) {
    this.#bigquery = options.bigquery;
    this.#target = options.target;
    this.#layouts = options.layouts ?? GOLD_LAYOUTS;
  }

  /** The statement {@link materialize} runs for a table (pinned by the tests). */
  statementFor(table: GoldTableSpec, sql: string): string {
    return materializeSql(this.#target, table, sql, goldLayout(table, this.#layouts[table.name]));
  }

  async materialize(table: GoldTableSpec, sql: string): Promise<{ rows: number }> {
    await this.#run(this.statementFor(table, sql));
    const [metadata] = await this.#bigquery
      .dataset(datasetId(this.#target, 'gold'))
      .table(table.name)
      .getMetadata();
    return { rows: Number((metadata as { numRows?: string }).numRows ?? 0) };
  }

  async query(sql: string): Promise<Row[]> {
    return (await this.#run(sql)).map(plainRow);
  }

  async #run(sql: string): Promise<Record<string, unknown>[]> {
    try {
      const [rows] = await this.#bigquery.query({ query: sql, location: this.#target.location });
      return rows as Record<string, unknown>[];
    } catch (error) {
      throw new GcpRuntimeError(
        'bigquery_job_failed',
        `BigQuery rejected \`${sql.split('\n', 1)[0]}…\`: ${
          error instanceof Error ? error.message : String(error)
        }. Check the silver tables exist and the service account has roles/bigquery.jobUser and dataEditor on the gold dataset.`,
        { cause: error },
      );
    }
  }
}
