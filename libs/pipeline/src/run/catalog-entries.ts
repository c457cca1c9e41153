import { getDataset, listGoldTables, silverColumns, type DatasetId } from '@matriz/core';

import type { ObjectStore, TableEntry } from '../ports/index.ts';
import { dataDateOfKey, lakeKeys } from './keys.ts';

/** Catalog entries for a dataset's silver and quarantine tables, from what the store holds. */
export async function datasetEntries(
  store: ObjectStore,
  dataset: DatasetId,
  now: Date,
): Promise<TableEntry[]> {
  const def = getDataset(dataset);
  const silverDates = await partitionDates(store, lakeKeys.silverPrefix(dataset));
  const quarantineDates = await partitionDates(store, lakeKeys.quarantinePrefix(dataset));
  const columns = silverColumns(def).map((c) => ({
    name: c.name,
    type: c.type,
    description: c.description,
  }));
  return [
    {
      layer: 'silver',
      name: dataset,
      location: `silver/${dataset}`,
      columns,
      partitions: ['data_date'],
      partitionValues: silverDates,
      updatedAt: now.toISOString(),
    },
    {
      layer: 'quarantine',
      name: dataset,
      location: `quarantine/${dataset}`,
      columns: [
        { name: 'data_date', type: 'date' },
        { name: 'source_row', type: 'int64' },
        { name: 'reject_reason', type: 'string' },
      ],
      partitions: ['data_date'],
      partitionValues: quarantineDates,
      updatedAt: now.toISOString(),
    },
  ];
}

/** Catalog entries for the gold tables that were built. */
export function goldEntries(built: readonly string[], now: Date): TableEntry[] {
  return listGoldTables()
    .filter((t) => built.includes(t.name))
    .map((t) => ({
      layer: 'gold' as const,
      name: t.name,
      location: `gold/${t.name}`,
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })),
      partitions: [],
      partitionValues: [],
      updatedAt: now.toISOString(),
    }));
}

/** Data dates of the Parquet partitions under a prefix, oldest first. */
export async function partitionDates(store: ObjectStore, prefix: string): Promise<string[]> {
  const objects = await store.list(prefix);
  const dates = objects
    .filter((o) => o.key.endsWith('.parquet'))
    .map((o) => dataDateOfKey(o.key))
    .filter((d): d is string => d !== undefined);
  return [...new Set(dates)].sort();
}
