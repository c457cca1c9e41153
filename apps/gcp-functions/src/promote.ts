import { isDatasetId, type DatasetId } from '@matriz/core';
import { buildGold, datasetEntries, goldEntries, type GoldResult } from '@matriz/pipeline';

import type { GcpRuntime } from './runtime.ts';

/**
 * Promotion after a snapshot passed quality: gold is rebuilt in BigQuery from every dataset with
 * silver except the `blocked` ones, then the catalog is updated, last, so a reader never sees
 * half a run.
 */
export async function promote(
  rt: GcpRuntime,
  dataset: DatasetId,
  blocked: ReadonlySet<DatasetId> = new Set(),
): Promise<GoldResult> {
  const available = new Set(
    (await rt.store.list('silver/'))
      .map((o) => o.key.split('/')[1])
      .filter((id): id is DatasetId => isDatasetId(id) && !blocked.has(id)),
  );
  const gold = await buildGold({ warehouse: rt.warehouse, logger: rt.logger }, available, {
    resolverPrefix: rt.target.datasetPrefix ?? 'matriz',
    project: rt.target.projectId,
  });
  const now = rt.clock.now();
  await rt.catalog.upsert([
    ...(await datasetEntries(rt.store, dataset, now)),
    ...goldEntries(
      gold.tables.map((t) => t.name),
      now,
    ),
  ]);
  return gold;
}
