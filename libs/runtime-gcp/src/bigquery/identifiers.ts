import { GcpRuntimeError } from '../errors.ts';

/** Where the lake's BigQuery datasets live: `<project>.<prefix>_<layer>`. */
export interface BigQueryTarget {
  readonly projectId: string;
  /** Dataset prefix, `matriz` by default, as in the core's BigQuery table resolver. */
  readonly datasetPrefix?: string;
  /** Dataset location (`southamerica-east1`, `US`); jobs run there. */
  readonly location: string;
}

const DATASET_OR_TABLE = /^[A-Za-z_][A-Za-z0-9_]{0,1023}$/;
const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** Throws `bigquery_bad_identifier` unless `value` is a plain dataset, table or column name. */
export function checkIdentifier(value: string, what: string): string {
  if (!DATASET_OR_TABLE.test(value)) {
    throw new GcpRuntimeError(
      'bigquery_bad_identifier',
      `\`${value}\` is not a valid BigQuery ${what} name; use letters, digits and underscores, starting with a letter or underscore.`,
    );
  }
  return value;
}

/** Throws `bigquery_bad_identifier` unless `value` looks like a GCP project id. */
export function checkProject(value: string): string {
  if (!PROJECT.test(value)) {
    throw new GcpRuntimeError(
      'bigquery_bad_identifier',
      `\`${value}\` is not a GCP project id; use the id (lowercase, 6-30 characters), not the display name.`,
    );
  }
  return value;
}

/** Dataset id of a layer (`matriz_silver`). */
export function datasetId(target: BigQueryTarget, layer: string): string {
  return checkIdentifier(`${target.datasetPrefix ?? 'matriz'}_${layer}`, 'dataset');
}

/** Quoted, fully qualified table reference (`` `project.matriz_gold.capacity_by_state` ``). */
export function tableRef(target: BigQueryTarget, layer: string, table: string): string {
  return `\`${checkProject(target.projectId)}.${datasetId(target, layer)}.${checkIdentifier(table, 'table')}\``;
}
