import type { SilverType } from '@matriz/core';

export type Layer = 'bronze' | 'silver' | 'gold' | 'quarantine' | 'quality';

export interface TableColumn {
  readonly name: string;
  readonly type: SilverType;
  readonly description?: string;
}

export interface TableEntry {
  readonly layer: Layer;
  readonly name: string;
  /** Key prefix in the object store holding the table's Parquet files. */
  readonly location: string;
  readonly columns: readonly TableColumn[];
  /** Hive-style partition columns in the location (`data_date`). */
  readonly partitions: readonly string[];
  /** Partition values present, e.g. data dates. */
  readonly partitionValues: readonly string[];
  readonly updatedAt: string;
}

/**
 * Where tables are registered so readers can find them: a JSON catalog of DuckDB views locally,
 * the Glue Data Catalog on AWS, BigQuery datasets on GCP. Updated last in a run.
 */
export interface Catalog {
  upsert(entries: readonly TableEntry[]): Promise<void>;
  list(): Promise<TableEntry[]>;
}
