import { getDataset, type DatasetId } from '@matriz/core';

import type { TableEntry } from '../ports/index.ts';
import { extractToBronze, listBronzeSnapshots, type ExtractResult } from './bronze.ts';
import { datasetEntries, goldEntries } from './catalog-entries.ts';
import type { PipelineDeps } from './deps.ts';
import { buildGold, type GoldResult } from './gold.ts';
import { lakeKeys } from './keys.ts';
import type { ChangeSummary } from '../changes/index.ts';
import { checkQuality, type DatasetQualityResult } from '../quality/check-quality.ts';
import { changesForSnapshot } from './changes-step.ts';
import { bronzeToSilver, type SilverResult } from './silver.ts';

export interface DatasetRunResult {
  readonly dataset: DatasetId;
  readonly status: 'ok' | 'unchanged' | 'failed';
  readonly extract?: ExtractResult['status'];
  /** Snapshots brought to silver in this run. */
  readonly silver: readonly SilverResult[];
  /** Change events derived for each new snapshot against the one before it. */
  readonly changes: readonly ChangeSummary[];
  readonly error?: { readonly code: string; readonly message: string };
}

export interface RunSummary {
  readonly datasets: readonly DatasetRunResult[];
  /** Quality of each dataset that has silver: metrics, findings, and whether it blocks. */
  readonly quality: readonly DatasetQualityResult[];
  /** Datasets whose error findings kept them out of this run's gold. */
  readonly blocked: readonly DatasetId[];
  readonly gold: GoldResult;
  /** No dataset failed and none was blocked by quality. */
  readonly ok: boolean;
}

export interface RunOptions {
  readonly datasets: readonly DatasetId[];
  /** Skip the portal: only bring bronze snapshots that lack silver up to date. */
  readonly skipExtract?: boolean;
  /** Rebuild silver even for snapshots that already have it. */
  readonly force?: boolean;
}

/**
 * One dataset: extract to bronze, then bring every bronze snapshot that has no silver yet (or
 * all, with `force`) to silver. Errors are caught and reported per dataset.
 */
export async function runDataset(
  deps: PipelineDeps,
  dataset: DatasetId,
  options: Omit<RunOptions, 'datasets'> = {},
): Promise<DatasetRunResult> {
  const def = getDataset(dataset);
  try {
    const extract = options.skipExtract ? undefined : await extractToBronze(deps, def);
    const silver: SilverResult[] = [];
    const changes: ChangeSummary[] = [];
    for (const snapshot of await listBronzeSnapshots(deps, dataset)) {
      const done = await deps.store.head(lakeKeys.silverReport(dataset, snapshot.dataDate));
      if (done && !options.force) continue;
      silver.push(await bronzeToSilver(deps, def, snapshot.dataDate));
      changes.push(await changesForSnapshot(deps, def, snapshot.dataDate));
    }
    const status = silver.length > 0 ? 'ok' : 'unchanged';
    return { dataset, status, ...(extract ? { extract: extract.status } : {}), silver, changes };
  } catch (error) {
    const code =
      typeof (error as { code?: unknown }).code === 'string'
        ? (error as { code: string }).code
        : 'failed';
    deps.logger.error('dataset.failed', { dataset, code, message: (error as Error).message });
    return {
      dataset,
      status: 'failed',
      silver: [],
      changes: [],
      error: { code, message: (error as Error).message },
    };
  }
}

/**
 * The whole run: every dataset, then gold from all silver present, then the catalog, last, so a
 * reader never sees half a run.
 */
export async function runPipeline(deps: PipelineDeps, options: RunOptions): Promise<RunSummary> {
  const results: DatasetRunResult[] = [];
  for (const dataset of options.datasets) {
    results.push(await runDataset(deps, dataset, options));
  }

  const now = deps.clock.now();
  const entries: TableEntry[] = [];
  const available = new Set<DatasetId>();
  for (const dataset of options.datasets) {
    const tables = await datasetEntries(deps.store, dataset, now);
    entries.push(...tables);
    if ((tables[0]?.partitionValues.length ?? 0) > 0) available.add(dataset);
  }
  const known = await deps.catalog.list();
  for (const entry of known) {
    if (entry.layer === 'silver' && entry.partitionValues.length > 0)
      available.add(entry.name as DatasetId);
  }
  const all = mergeEntries(known, entries);
  await deps.warehouse.prepare?.(all);

  // Quality of every dataset with silver: the snapshots new in this run, else the newest one.
  // A dataset with an error finding is not promoted to gold in this run (its previous gold stays).
  const checked = options.datasets.filter((id) => available.has(id));
  const newSnapshots = results
    .filter((r) => r.silver.length > 0)
    .map((r) => [r.dataset, r.silver.map((s) => s.dataDate)]);
  const quality = await checkQuality(deps, checked, {
    dataDates: Object.fromEntries(newSnapshots),
  });
  for (const id of quality.blocked) available.delete(id);

  const gold = await buildGold(deps, available);
  const built = gold.tables.map((t) => t.name);
  await deps.catalog.upsert([...entries, ...goldEntries(built, now)]);
  return {
    datasets: results,
    quality: quality.results,
    blocked: quality.blocked,
    gold,
    ok: results.every((r) => r.status !== 'failed') && quality.blocked.length === 0,
  };
}

function mergeEntries(known: readonly TableEntry[], fresh: readonly TableEntry[]): TableEntry[] {
  const byName = new Map(known.map((t) => [`${t.layer}.${t.name}`, t]));
  for (const t of fresh) byName.set(`${t.layer}.${t.name}`, t);
  return [...byName.values()];
}
