import type { BigQuery } from '@google-cloud/bigquery';
import type { Catalog, TableEntry } from '@matriz/pipeline';

import { GcpRuntimeError } from '../errors.ts';
import type { SchemaColumn } from './bigquery-schema.ts';
import { tableRef, type BigQueryTarget } from './identifiers.ts';

/** Columns of the catalog table in the quality dataset (`matriz_quality.catalog`). */
export const CATALOG_TABLE = 'catalog';
export const CATALOG_COLUMNS: readonly SchemaColumn[] = [
  { name: 'layer', type: 'string', nullable: false, description: 'Lake layer of the table.' },
  {
    name: 'name',
    type: 'string',
    nullable: false,
    description: 'Table name within its layer dataset.',
  },
  {
    name: 'location',
    type: 'string',
    nullable: false,
    description: 'Key prefix of its Parquet files.',
  },
  {
    name: 'entry_json',
    type: 'string',
    nullable: false,
    description: 'The whole catalog entry as JSON.',
  },
  {
    name: 'updated_at',
    type: 'string',
    nullable: false,
    description: 'ISO instant the entry was written.',
  },
];

/**
 * The catalog on GCP. The tables themselves are BigQuery tables in the per-layer datasets
 * (what Looker Studio browses); the pipeline's entries (location, partitions present, update
 * time) are kept in one small table so a reader can tell which snapshots a run committed.
 * `upsert` is one MERGE statement, so an update is all or nothing.
 */
export class BigQueryCatalog implements Catalog {
  constructor(
    private readonly bigquery: BigQuery,
    private readonly target: BigQueryTarget,
  ) {}

  /** The MERGE statement `upsert` runs; entries travel as a query parameter, never inlined. */
  upsertSql(): string {
    return [
      `MERGE ${tableRef(this.target, 'quality', CATALOG_TABLE)} AS t`,
      'USING (',
      '  SELECT',
      "    JSON_VALUE(e, '$.layer') AS layer,",
      "    JSON_VALUE(e, '$.name') AS name,",
      "    JSON_VALUE(e, '$.location') AS location,",
      '    TO_JSON_STRING(e) AS entry_json,',
      "    JSON_VALUE(e, '$.updatedAt') AS updated_at",
      '  FROM UNNEST(JSON_QUERY_ARRAY(PARSE_JSON(@entries))) AS e',
      ') AS s',
      'ON t.layer = s.layer AND t.name = s.name',
      'WHEN MATCHED THEN UPDATE SET location = s.location, entry_json = s.entry_json, updated_at = s.updated_at',
      'WHEN NOT MATCHED THEN INSERT (layer, name, location, entry_json, updated_at)',
      '  VALUES (s.layer, s.name, s.location, s.entry_json, s.updated_at)',
    ].join('\n');
  }

  /** The SELECT `list` runs. */
  listSql(): string {
    return `SELECT entry_json FROM ${tableRef(this.target, 'quality', CATALOG_TABLE)} ORDER BY layer, name`;
  }

  async upsert(entries: readonly TableEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.#query(this.upsertSql(), { entries: JSON.stringify(entries) });
  }

  async list(): Promise<TableEntry[]> {
    const rows = await this.#query(this.listSql(), {});
    return rows.map((r) => JSON.parse(String(r['entry_json'])) as TableEntry);
  }

  async #query(sql: string, params: Record<string, string>): Promise<Record<string, unknown>[]> {
    try {
      const [rows] = await this.bigquery.query({
        query: sql,
        params,
        location: this.target.location,
      });
      return rows as Record<string, unknown>[];
    } catch (error) {
      throw new GcpRuntimeError(
        'bigquery_job_failed',
        `The catalog query on \`${CATALOG_TABLE}\` failed: ${
          error instanceof Error ? error.message : String(error)
        }. Check the quality dataset and its catalog table exist (infra-gcp Warehouse component).`,
        { cause: error },
      );
    }
  }
}
