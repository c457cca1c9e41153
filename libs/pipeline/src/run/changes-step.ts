import fs from 'node:fs/promises';
import path from 'node:path';

import type { DatasetDefinition } from '@matriz/core';

import {
  changesEventsKey,
  changesSummaryKey,
  deriveChanges,
  type ChangeSummary,
  type SnapshotRef,
} from '../changes/index.ts';
import { listSilverDates } from '../quality/check-quality.ts';
import { readFindingsFile } from '../quality/quality-store.ts';
import type { PipelineDeps } from './deps.ts';
import { lakeKeys } from './keys.ts';

type ChangesDeps = Pick<PipelineDeps, 'store' | 'engine' | 'producer' | 'logger' | 'workDir'>;

/**
 * Snapshots whose change events are still owed, oldest first: in silver, not yet derived, and not
 * rejected by quality (a snapshot with an error finding never becomes events, so a bad file can
 * never mark plants as deleted). A run killed after silver resumes here.
 */
export async function pendingChangeSnapshots(
  deps: Pick<PipelineDeps, 'store'>,
  def: DatasetDefinition,
): Promise<string[]> {
  const silver = await listSilverDates(deps, def.id);
  const derived = new Set(await derivedDates(deps, def));
  const pending: string[] = [];
  for (const date of silver) {
    if (derived.has(date)) continue;
    const findings = await readFindingsFile(deps.store, def.id, date);
    if (findings?.findings.some((f) => f.severity === 'error')) continue;
    pending.push(date);
  }
  return pending;
}

/**
 * Derives the change events of a snapshot against the newest earlier snapshot that was itself
 * turned into events (every row an insert for the first one), writes them under `changes/` and
 * publishes them to the stream.
 */
export async function changesForSnapshot(
  deps: ChangesDeps,
  def: DatasetDefinition,
  dataDate: string,
): Promise<ChangeSummary> {
  const previousDate = (await derivedDates(deps, def)).filter((d) => d < dataDate).at(-1);
  if (previousDate === undefined && def.initialSnapshot === 'baseline') {
    return writeBaseline(deps, def, dataDate);
  }
  const cleanup: string[] = [];
  const ref = async (date: string): Promise<SnapshotRef> => {
    const key = lakeKeys.silverFile(def.id, date);
    let file = deps.store.localPath?.(key);
    if (!file) {
      file = path.join(deps.workDir, `changes-${def.id}-${date}.parquet`);
      await deps.store.getFile(key, file);
      cleanup.push(file);
    }
    return { date, relation: `read_parquet('${file.replaceAll("'", "''")}')` };
  };
  try {
    return await deriveChanges({
      engine: deps.engine,
      store: deps.store,
      dataset: def,
      previous: previousDate ? await ref(previousDate) : null,
      current: await ref(dataDate),
      ...(deps.producer ? { producer: deps.producer } : {}),
      // Large batches: a 4.6M-row first snapshot is 4.6M insert events, and every publish is
      // one durable append (fsync) on the local log, one PutRecords call on Kinesis.
      batchSize: 5000,
      logger: deps.logger,
    });
  } finally {
    await Promise.all(cleanup.map((f) => fs.rm(f, { force: true })));
  }
}

/** Snapshots whose events were derived (their `summary.json` is written last). */
async function derivedDates(deps: Pick<PipelineDeps, 'store'>, def: DatasetDefinition) {
  const dates: string[] = [];
  for (const date of await listSilverDates(deps, def.id)) {
    if (await deps.store.head(changesSummaryKey(def.id, date))) dates.push(date);
  }
  return dates;
}

/** Marks a first snapshot as the diff baseline: derived, with no events (see `initialSnapshot`). */
async function writeBaseline(
  deps: ChangesDeps,
  def: DatasetDefinition,
  dataDate: string,
): Promise<ChangeSummary> {
  const eventsKey = changesEventsKey(def.id, dataDate);
  await deps.store.put(eventsKey, '', { contentType: 'application/x-ndjson' });
  const summary: ChangeSummary = {
    dataset: def.id,
    from: null,
    to: dataDate,
    inserted: 0,
    updated: 0,
    deleted: 0,
    events: 0,
    published: 0,
    eventsKey,
  };
  await deps.store.put(changesSummaryKey(def.id, dataDate), JSON.stringify(summary, null, 2), {
    contentType: 'application/json',
  });
  deps.logger.info('changes_baseline', { stage: 'changes', dataset: def.id, to: dataDate });
  return summary;
}
