import type { SilverType } from '@matriz/core';

/** A column as the registry describes it (silver columns and gold definitions alike). */
export interface SchemaColumn {
  readonly name: string;
  readonly type: SilverType;
  /** Digits after the point for `decimal` (default 2, as in the core SQL dialects). */
  readonly scale?: number;
  readonly description?: string;
  /** False for columns the pipeline always fills (`data_date`); default true. */
  readonly nullable?: boolean;
}

/** A BigQuery `TableFieldSchema` as the REST API and Pulumi take it. */
export interface BigQueryField {
  readonly name: string;
  readonly type: 'STRING' | 'INT64' | 'NUMERIC' | 'FLOAT64' | 'DATE' | 'BOOL';
  readonly mode: 'NULLABLE' | 'REQUIRED';
  readonly description?: string;
  /** Decimal digits in total and after the point (NUMERIC only), as the API's strings. */
  readonly precision?: string;
  readonly scale?: string;
}

/** Total digits of a silver `decimal` in BigQuery; the core's BigQuery dialect casts to the same. */
export const NUMERIC_PRECISION = 18;
/** Scale of a `decimal` column without one (the core's default). */
export const DEFAULT_DECIMAL_SCALE = 2;

const FIELD_TYPES: Readonly<Record<SilverType, BigQueryField['type']>> = {
  string: 'STRING',
  int64: 'INT64',
  decimal: 'NUMERIC',
  double: 'FLOAT64',
  date: 'DATE',
  boolean: 'BOOL',
};

/** BigQuery descriptions are capped at 1024 characters. */
const MAX_DESCRIPTION = 1024;

/** The BigQuery schema of a table whose columns come from the core registry, in column order. */
export function bigQueryFields(columns: readonly SchemaColumn[]): BigQueryField[] {
  return columns.map((c) => ({
    name: c.name,
    type: FIELD_TYPES[c.type],
    mode: c.nullable === false ? 'REQUIRED' : 'NULLABLE',
    ...(c.description ? { description: c.description.slice(0, MAX_DESCRIPTION) } : {}),
    ...(c.type === 'decimal'
      ? { precision: String(NUMERIC_PRECISION), scale: String(c.scale ?? DEFAULT_DECIMAL_SCALE) }
      : {}),
  }));
}

/** How a table is laid out in BigQuery: time partitioning and clustering. */
export interface TableLayout {
  /** DATE column to partition by day (`data_date`), if any. */
  readonly partitionBy?: string;
  /** Up to four columns to cluster by, most selective filter first. */
  readonly clusterBy?: readonly string[];
}

/** BigQuery accepts at most four clustering columns. */
export const MAX_CLUSTER_COLUMNS = 4;

/**
 * Layout of a silver table: partitioned by day on `data_date` (one partition per snapshot, so a
 * reload replaces exactly one) and clustered on the business key (lookups and the diff join).
 * Clustering uses only key columns BigQuery can cluster on (not FLOAT64).
 */
export function silverLayout(
  columns: readonly SchemaColumn[],
  key: readonly string[],
): TableLayout {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const clusterBy = key
    .filter((k) => {
      const type = byName.get(k)?.type;
      return type !== undefined && type !== 'double';
    })
    .slice(0, MAX_CLUSTER_COLUMNS);
  return {
    ...(byName.get('data_date')?.type === 'date' ? { partitionBy: 'data_date' } : {}),
    ...(clusterBy.length > 0 ? { clusterBy } : {}),
  };
}
