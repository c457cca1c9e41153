import {
  bigQueryFields,
  silverLayout,
  type BigQueryField,
  type SchemaColumn,
} from './bigquery-schema.ts';
import { checkIdentifier, datasetId, type BigQueryTarget } from './identifiers.ts';

/** The silver partition to load and where its Parquet is. */
export interface SilverLoad {
  /** Dataset id in the registry, which is also the silver table name (`siga`). */
  readonly table: string;
  readonly columns: readonly SchemaColumn[];
  /** Business key (silver column names), used for clustering. */
  readonly key: readonly string[];
  /** Snapshot date `yyyy-mm-dd`: the partition replaced. */
  readonly dataDate: string;
  /** `gs://…/silver/<dataset>/data_date=<d>/part-*.parquet`. */
  readonly sourceUris: readonly string[];
}

/** The `configuration.load` of a BigQuery load job (the REST shape). */
export interface LoadJobConfiguration {
  readonly sourceFormat: 'PARQUET';
  readonly sourceUris: string[];
  readonly destinationTable: { projectId: string; datasetId: string; tableId: string };
  readonly writeDisposition: 'WRITE_TRUNCATE';
  readonly createDisposition: 'CREATE_IF_NEEDED';
  readonly schema: { fields: BigQueryField[] };
  readonly timePartitioning?: { type: 'DAY'; field: string };
  readonly clustering?: { fields: string[] };
  readonly decimalTargetTypes: ['NUMERIC', 'BIGNUMERIC'];
  readonly parquetOptions: { enableListInference: boolean };
}

/** `2022-06-01` to the partition decorator `20220601`. */
export function partitionDecorator(dataDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dataDate);
  if (!match) {
    checkIdentifier(dataDate, 'partition date (yyyy-mm-dd)');
    return dataDate;
  }
  return `${match[1]}${match[2]}${match[3]}`;
}

/**
 * The load job that replaces one silver partition from Parquet: the destination carries the
 * `$yyyymmdd` decorator, so `WRITE_TRUNCATE` replaces that day's partition only and a re-run of
 * the same snapshot is idempotent. The schema is the registry's, so a Parquet file that drifted
 * fails the load instead of widening the table.
 */
export function silverLoadJobConfiguration(
  target: BigQueryTarget,
  load: SilverLoad,
): LoadJobConfiguration {
  const layout = silverLayout(load.columns, load.key);
  const table = checkIdentifier(load.table, 'table');
  return {
    sourceFormat: 'PARQUET',
    sourceUris: [...load.sourceUris],
    destinationTable: {
      projectId: target.projectId,
      datasetId: datasetId(target, 'silver'),
      tableId: layout.partitionBy ? `${table}$${partitionDecorator(load.dataDate)}` : table,
    },
    writeDisposition: 'WRITE_TRUNCATE',
    createDisposition: 'CREATE_IF_NEEDED',
    schema: { fields: bigQueryFields(load.columns) },
    ...(layout.partitionBy
      ? { timePartitioning: { type: 'DAY' as const, field: layout.partitionBy } }
      : {}),
    ...(layout.clusterBy ? { clustering: { fields: [...layout.clusterBy] } } : {}),
    // DuckDB writes DECIMAL(18, s); NUMERIC holds it, BIGNUMERIC is the fallback for wider ones.
    decimalTargetTypes: ['NUMERIC', 'BIGNUMERIC'],
    parquetOptions: { enableListInference: true },
  };
}
