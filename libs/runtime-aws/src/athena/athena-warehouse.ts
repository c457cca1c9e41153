import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type ColumnInfo,
} from '@aws-sdk/client-athena';
import type { GlueClient } from '@aws-sdk/client-glue';
import {
  CreateTableCommand,
  DeleteTableCommand,
  GetTableCommand,
  UpdateTableCommand,
  type Table,
  type TableInput,
} from '@aws-sdk/client-glue';
import type { GoldTableSpec, Row, Warehouse } from '@matriz/pipeline';

import { AwsAdapterError } from '../config/aws-adapter-error.ts';
import { clientConfig, type AwsClientOptions } from '../config/client-config.ts';
import { ctasStatement, countStatement, runIdOf } from './athena-sql.ts';

/** Builds an Athena client (injectable endpoint and credentials). */
export function createAthenaClient(options: AwsClientOptions): AthenaClient {
  return new AthenaClient(clientConfig(options));
}

/** Options of {@link AthenaWarehouse}. */
export interface AthenaWarehouseOptions {
  readonly athena: AthenaClient;
  readonly glue: GlueClient;
  /** Workgroup with enforced settings (results bucket, bytes-scanned cutoff). */
  readonly workGroup: string;
  /** `s3://bucket/gold` under which every gold table run gets `<table>/run=<id>/`. */
  readonly goldLocation: string;
  /** Database name prefix (`matriz` gives `matriz_gold`), as in the core's Athena resolver. */
  readonly databasePrefix?: string;
  /** Time source for run ids (default: system clock). */
  readonly now?: () => Date;
  /** Poll interval of GetQueryExecution in ms (default 1000). */
  readonly pollMs?: number;
  /** Give up waiting for a query after this many ms (default 10 minutes). */
  readonly timeoutMs?: number;
  /** Deletes the files of a replaced gold version (`s3://…/run=<id>/`); default keeps them. */
  readonly removeLocation?: (location: string) => Promise<void>;
}

type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/**
 * The gold {@link Warehouse} on Athena. `materialize` replaces a table atomically:
 * 1. CTAS into a temporary Glue table whose files go to a fresh `run=<id>/` location;
 * 2. count its rows;
 * 3. point the real table at the new location with one Glue UpdateTable (CreateTable the first
 *    time), so a reader sees either the whole old or the whole new version;
 * 4. drop the temporary table (metadata only) and optionally the old files.
 */
export class AthenaWarehouse implements Warehouse {
  readonly dialect = 'athena' as const;
  readonly #o: AthenaWarehouseOptions;
  readonly #database: string;

  constructor(options: AthenaWarehouseOptions) {
    this.#o = options;
    this.#database = `${options.databasePrefix ?? 'matriz'}_gold`;
  }

  async materialize(table: GoldTableSpec, sql: string): Promise<{ rows: number }> {
    const runId = runIdOf((this.#o.now ?? (() => new Date()))());
    const temporary = `${table.name}__${runId}`;
    const location = `${this.#o.goldLocation.replace(/\/+$/, '')}/${table.name}/run=${runId}/`;

    await this.#run(ctasStatement(this.#database, temporary, location, sql));
    const counted = await this.query(countStatement(this.#database, temporary));
    const rows = Number(counted[0]?.['row_count'] ?? 0);

    const fresh = await this.#getTable(temporary);
    if (fresh === undefined) {
      throw new AwsAdapterError(
        'aws_glue_table',
        `CTAS succeeded but Glue table \`${this.#database}.${temporary}\` is missing; check the ` +
          `workgroup's catalog permissions.`,
      );
    }
    const previous = await this.#getTable(table.name);
    await this.#swap(table, fresh, previous !== undefined);
    await this.#o.glue.send(
      new DeleteTableCommand({ DatabaseName: this.#database, Name: temporary }),
    );

    const oldLocation = previous?.StorageDescriptor?.Location;
    if (
      this.#o.removeLocation &&
      oldLocation &&
      oldLocation !== location &&
      oldLocation.includes('/run=')
    ) {
      await this.#o.removeLocation(oldLocation);
    }
    return { rows };
  }

  async #swap(table: GoldTableSpec, fresh: Table, exists: boolean) {
    const comments = new Map(table.columns.map((c) => [c.name, c.description ?? '']));
    const input: TableInput = {
      Name: table.name,
      Description: table.description,
      TableType: 'EXTERNAL_TABLE',
      Parameters: { ...fresh.Parameters, classification: 'parquet', 'matriz.layer': 'gold' },
      PartitionKeys: fresh.PartitionKeys ?? [],
      ...(fresh.StorageDescriptor === undefined
        ? {}
        : {
            StorageDescriptor: {
              ...fresh.StorageDescriptor,
              Columns: (fresh.StorageDescriptor.Columns ?? []).map((c) => ({
                ...c,
                Comment: comments.get(c.Name ?? '') ?? '',
              })),
            },
          }),
    };
    const command = exists
      ? new UpdateTableCommand({ DatabaseName: this.#database, TableInput: input })
      : new CreateTableCommand({ DatabaseName: this.#database, TableInput: input });
    await this.#o.glue.send(command);
  }

  async #getTable(name: string): Promise<Table | undefined> {
    try {
      const out = await this.#o.glue.send(
        new GetTableCommand({ DatabaseName: this.#database, Name: name }),
      );
      return out.Table;
    } catch (error) {
      if ((error as { name?: string }).name === 'EntityNotFoundException') return undefined;
      throw error;
    }
  }

  async query(sql: string): Promise<Row[]> {
    const id = await this.#run(sql);
    const rows: Row[] = [];
    let columns: ColumnInfo[] = [];
    let token: string | undefined;
    let first = true;
    do {
      const page = await this.#o.athena.send(
        new GetQueryResultsCommand({
          QueryExecutionId: id,
          ...(token ? { NextToken: token } : {}),
        }),
      );
      columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? columns;
      const data = page.ResultSet?.Rows ?? [];
      // The first row of the first page repeats the column names.
      for (const row of first ? data.slice(1) : data) {
        const out: Row = {};
        columns.forEach((column, i) => {
          const name = column.Name ?? `_${i}`;
          out[name] = athenaValue(row.Data?.[i]?.VarCharValue, column.Type ?? 'varchar');
        });
        rows.push(out);
      }
      first = false;
      token = page.NextToken;
    } while (token);
    return rows;
  }

  /** Starts a query in the workgroup and waits until it succeeded; returns its execution id. */
  async #run(sql: string): Promise<string> {
    const started = await this.#o.athena.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: this.#o.workGroup,
        QueryExecutionContext: { Database: this.#database, Catalog: 'AwsDataCatalog' },
      }),
    );
    const id = started.QueryExecutionId ?? '';
    const deadline = Date.now() + (this.#o.timeoutMs ?? 600_000);
    for (;;) {
      const out = await this.#o.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const status = out.QueryExecution?.Status;
      const state = (status?.State ?? 'QUEUED') as QueryState;
      if (state === 'SUCCEEDED') return id;
      if (state === 'FAILED' || state === 'CANCELLED') {
        throw new AwsAdapterError(
          'aws_athena_failed',
          `Athena query \`${id}\` ${state.toLowerCase()}: ${status?.StateChangeReason ?? 'no reason given'}; ` +
            `inspect it in the \`${this.#o.workGroup}\` workgroup's history and fix the SQL or permissions.`,
        );
      }
      if (Date.now() > deadline) {
        throw new AwsAdapterError(
          'aws_athena_timeout',
          `Athena query \`${id}\` still ${state.toLowerCase()} after ${this.#o.timeoutMs ?? 600_000} ms; ` +
            `raise \`timeoutMs\` or the workgroup's capacity.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, this.#o.pollMs ?? 1000));
    }
  }
}

/** Converts one Athena result cell (always text) to a JS value by its column type. */
export function athenaValue(text: string | undefined, type: string): unknown {
  if (text === undefined) return null;
  const t = type.toLowerCase();
  if (t === 'bigint' || t === 'integer' || t === 'smallint' || t === 'tinyint') return Number(text);
  if (t === 'double' || t === 'float' || t === 'real') return Number(text);
  if (t === 'boolean') return text === 'true';
  return text;
}
