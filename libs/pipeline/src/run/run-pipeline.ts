import { getDataset, type DatasetId } from '@matriz/core';

import type { TableEntry } from '../ports/index.ts';
import { extractToBronze, listBronzeSnapshots, type ExtractResult } from './bronze.ts';
import { datasetEntries, goldEntries } from './catalog-entries.ts';
import type { PipelineDeps } from './deps.ts';
import { buildGold, type GoldResult } from './gold.ts';
import { lakeKeys } from './keys.ts';
import type { ChangeSummary } from '../changes/index.ts';
import {
  checkQuality,
  listSilverDates,
  type DatasetQualityResult,
} from '../quality/check-quality.ts';
import { readFindingsFile } from '../quality/quality-store.ts';
import { changesForSnapshot, pendingChangeSnapshots } from './changes-step.ts';
import { bronzeToSilver, type SilverResult } from './silver.ts';

export interface DatasetRunResult {
  readonly dataset: DatasetId;
  /** `skipped`: the portal does not publish this dataset's file (nothing to do, not an error). */
  /** `blocked`: silver holds the new snapshot but an error finding kept it from gold and events. */
  readonly status: 'ok' | 'unchanged' | 'skipped' | 'blocked' | 'failed';
  readonly extract?: ExtractResult['status'];
  /** Snapshots brought to silver in this run. */
  readonly silver: readonly SilverResult[];
  /** Change events derived in this run, per snapshot (after quality let it through). */
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
    for (const snapshot of await listBronzeSnapshots(deps, dataset)) {
      const done = await deps.store.head(lakeKeys.silverReport(dataset, snapshot.dataDate));
      if (done && !options.force) continue;
      silver.push(await bronzeToSilver(deps, def, snapshot.dataDate));
    }
    const status = silver.length > 0 ? 'ok' : 'unchanged';
    return {
      dataset,
      status,
      ...(extract ? { extract: extract.status } : {}),
      silver,
      changes: [],
    };
  } catch (error) {
    const code =
      typeof (error as { code?: unknown }).code === 'string'
        ? (error as { code: string }).code
        : 'failed';
    const message = (error as Error).message;
    // A dataset the portal does not publish (no CSV resource) is skipped, not failed.
    const status = code === 'source_resource_missing' ? 'skipped' : 'failed';
    if (status === 'skipped') deps.logger.warn('dataset.not_published', { dataset, message });
    else deps.logger.error('dataset.failed', { dataset, code, message });
    return { dataset, status, silver: [], changes: [], error: { code, message } };
  }
}

/**
 * The whole run: every dataset to silver, then quality over the new snapshots, then change events
 * for the snapshots quality let through, then gold from the datasets that passed, and the catalog
 * last, so a reader never sees half a run.
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
  // Nothing new anywhere (every source answered "not modified"): the lake is already what this
  // run would build, so quality, changes and gold are not recomputed.
  const idle =
    !options.force &&
    results.every((r) => r.status === 'unchanged' || r.status === 'skipped') &&
    // ... and the catalog already lists what the store holds (a killed run may not have got there)
    entries.every((e) => {
      const held = known.find((k) => k.layer === e.layer && k.name === e.name);
      return held !== undefined && held.partitionValues.join() === e.partitionValues.join();
    }) &&
    (await noPendingChanges(deps, results));
  if (idle) {
    // Unchanged, but a newest snapshot blocked by an earlier run is still blocked.
    const blocked: DatasetId[] = [];
    for (const r of results) {
      if (await newestSnapshotBlocked(deps, r.dataset)) blocked.push(r.dataset);
    }
    deps.logger.info('run.unchanged', { datasets: results.length, blocked: blocked.join(',') });
    return {
      datasets: results.map((r) => (blocked.includes(r.dataset) ? { ...r, status: 'blocked' } : r)),
      quality: [],
      blocked,
      gold: { tables: [], skipped: [] },
      ok: blocked.length === 0,
    };
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

  // Change events only for snapshots quality let through, in date order; also those a killed
  // run left without events.
  const withChanges: DatasetRunResult[] = [];
  for (const result of results) {
    if (result.status === 'failed') {
      withChanges.push(result);
      continue;
    }
    if (quality.blocked.includes(result.dataset)) {
      withChanges.push({ ...result, status: 'blocked' });
      continue;
    }
    try {
      const def = getDataset(result.dataset);
      const changes: ChangeSummary[] = [];
      for (const date of await pendingChangeSnapshots(deps, def)) {
        changes.push(await changesForSnapshot(deps, def, date));
      }
      withChanges.push({ ...result, changes });
    } catch (error) {
      const message = (error as Error).message;
      deps.logger.error('changes.failed', { dataset: result.dataset, message });
      withChanges.push({ ...result, status: 'failed', error: { code: 'changes_failed', message } });
    }
  }

  const gold = await buildGold(deps, available);
  const built = gold.tables.map((t) => t.name);
  await deps.catalog.upsert([...entries, ...goldEntries(built, now)]);
  return {
    datasets: withChanges,
    quality: quality.results,
    blocked: quality.blocked,
    gold,
    ok: withChanges.every((r) => r.status !== 'failed') && quality.blocked.length === 0,
  };
}

function mergeEntries(known: readonly TableEntry[], fresh: readonly TableEntry[]): TableEntry[] {
  const byName = new Map(known.map((t) => [`${t.layer}.${t.name}`, t]));
  for (const t of fresh) byName.set(`${t.layer}.${t.name}`, t);
  return [...byName.values()];
}

async function noPendingChanges(
  deps: PipelineDeps,
  results: readonly DatasetRunResult[],
): Promise<boolean> {
  for (const r of results) {
    if (r.status !== 'unchanged') continue;
    if ((await pendingChangeSnapshots(deps, getDataset(r.dataset))).length > 0) return false;
  }
  return true;
}

/** True when the dataset's newest silver snapshot carries an error finding. */
async function newestSnapshotBlocked(deps: PipelineDeps, dataset: DatasetId): Promise<boolean> {
  const newest = (await listSilverDates(deps, dataset)).at(-1);
  if (!newest) return false;
  const findings = await readFindingsFile(deps.store, dataset, newest);
  return findings?.findings.some((f) => f.severity === 'error') ?? false;
}
