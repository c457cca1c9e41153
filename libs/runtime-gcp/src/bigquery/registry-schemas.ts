import { listDatasets, silverColumns, type DatasetDefinition } from '@matriz/core';
import {
  bigQueryFields,
  silverLayout,
  type BigQueryField,
  type SchemaColumn,
  type TableLayout,
} from './bigquery-schema.ts';
import { GOLD_LAYOUTS, goldLayout } from './gold-sql.ts';

/** A BigQuery table the lake needs, derived from the core registry. */
export interface BigQueryTableDefinition {
  /** Layer dataset suffix (`silver`, `gold`, `quality`). */
  readonly layer: 'silver' | 'gold' | 'quality';
  readonly table: string;
  readonly description: string;
  readonly fields: readonly BigQueryField[];
  readonly layout: TableLayout;
}

/** The silver table of one dataset: registry columns, day partitions, clustered on the key. */
export function silverTableDefinition(def: DatasetDefinition): BigQueryTableDefinition {
  const columns = silverColumns(def);
  return {
    layer: 'silver',
    table: def.id,
    description: `${def.title}. ${def.description}`.slice(0, 16_384),
    fields: bigQueryFields(columns),
    layout: silverLayout(columns, def.key),
  };
}

/** Every silver table of the registry, in registry order. */
export function silverTableDefinitions(): BigQueryTableDefinition[] {
  return listDatasets().map(silverTableDefinition);
}

/** Gold tables from their definitions (the core's `listGoldTables()`), with their layouts. */
export function goldTableDefinitions(
  tables: readonly {
    readonly name: string;
    readonly description: string;
    readonly columns: readonly SchemaColumn[];
  }[],
  layouts: Readonly<Record<string, TableLayout>> = GOLD_LAYOUTS,
): BigQueryTableDefinition[] {
  return tables.map((t) => ({
    layer: 'gold',
    table: t.name,
    description: t.description,
    fields: bigQueryFields(t.columns),
    layout: goldLayout({ ...t, columns: t.columns }, layouts[t.name]),
  }));
}
