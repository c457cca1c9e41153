import { dialectFor, listGoldTables, type DatasetId } from '@matriz/core';

import type { PipelineDeps } from './deps.ts';

export interface GoldResult {
  readonly tables: readonly { name: string; rows: number }[];
  /** Gold tables not built because a dataset they read has no silver yet. */
  readonly skipped: readonly { name: string; missing: readonly DatasetId[] }[];
}

/**
 * Rebuilds every gold table whose silver inputs exist, with the core's SQL in the warehouse's
 * dialect. Each table is replaced whole (readers see the old or the new one).
 */
export async function buildGold(
  deps: Pick<PipelineDeps, 'warehouse' | 'logger'>,
  available: ReadonlySet<DatasetId>,
  options: { resolverPrefix?: string; project?: string } = {},
): Promise<GoldResult> {
  const d = dialectFor(deps.warehouse.dialect);
  const resolve = d.tableResolver({
    ...(options.resolverPrefix !== undefined ? { prefix: options.resolverPrefix } : {}),
    ...(options.project !== undefined ? { project: options.project } : {}),
  });
  const tables: { name: string; rows: number }[] = [];
  const skipped: { name: string; missing: DatasetId[] }[] = [];
  for (const table of listGoldTables()) {
    const missing = table.dependsOn.filter((id) => !available.has(id));
    if (missing.length > 0) {
      skipped.push({ name: table.name, missing });
      continue;
    }
    const started = Date.now();
    const { rows } = await deps.warehouse.materialize(table, table.sql(d, resolve));
    tables.push({ name: table.name, rows });
    deps.logger.info('gold.built', {
      stage: 'gold',
      table: table.name,
      rows_out: rows,
      ms: Date.now() - started,
    });
  }
  return { tables, skipped };
}
