import fs from 'node:fs/promises';
import path from 'node:path';

import type { DatasetDefinition } from '@matriz/core';

import { deriveChanges, type ChangeSummary, type SnapshotRef } from '../changes/index.ts';
import type { PipelineDeps } from './deps.ts';
import { dataDateOfKey, lakeKeys } from './keys.ts';

/**
 * Derives the change events of a new silver snapshot against the snapshot before it (every row an
 * insert for the first one), writes them under `changes/` and publishes them to the stream.
 */
export async function changesForSnapshot(
  deps: Pick<PipelineDeps, 'store' | 'engine' | 'producer' | 'logger' | 'workDir'>,
  def: DatasetDefinition,
  dataDate: string,
): Promise<ChangeSummary> {
  const dates = (await deps.store.list(lakeKeys.silverPrefix(def.id)))
    .filter((o) => o.key.endsWith('.parquet'))
    .map((o) => dataDateOfKey(o.key))
    .filter((d): d is string => d !== undefined && d < dataDate)
    .sort();
  const previousDate = dates.at(-1);
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
      logger: deps.logger,
    });
  } finally {
    await Promise.all(cleanup.map((f) => fs.rm(f, { force: true })));
  }
}
