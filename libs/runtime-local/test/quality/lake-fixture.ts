// Test support: a temp lake run by the real pipeline (bronze, silver) for the quality suites.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { getDataset, type DatasetId } from '@matriz/core';
import { openLocalLake, type LocalLake } from '../../src/index.ts';

import {
  bronzeToSilver,
  ingestFileToBronze,
  silentLogger,
  type Notification,
  type QualityDeps,
} from '@matriz/pipeline';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The real ANEEL files bundled with the offline portal. */
export const ANEEL = path.resolve(here, '../../../../tools/portal/data/aneel');
/** Fixture files of this suite. */
export const FIXTURES = path.join(here, 'quality');

export interface TestLake {
  readonly lake: LocalLake;
  readonly deps: QualityDeps;
  readonly notifications: Notification[];
  /** Ingests a file to bronze and brings it to silver; returns its data date. */
  land(dataset: DatasetId, file: string): Promise<string>;
  close(): Promise<void>;
}

/** Opens a temp lake whose clock says `today`. */
export async function openTestLake(today: string): Promise<TestLake> {
  const dir = await mkdtemp(path.join(tmpdir(), 'matriz-quality-'));
  const lake = await openLocalLake(dir, { threads: 1 });
  const notifications: Notification[] = [];
  const clock = { now: () => new Date(`${today}T12:00:00Z`) };
  const deps: QualityDeps = {
    store: lake.store,
    warehouse: lake.warehouse,
    notifier: { notify: async (n) => void notifications.push(n) },
    clock,
    logger: silentLogger,
  };
  const pipelineDeps = { ...deps, engine: lake.engine, workDir: lake.workDir };
  return {
    lake,
    deps,
    notifications,
    async land(dataset, file) {
      const result = await ingestFileToBronze(pipelineDeps, dataset, file);
      const dataDate = result.snapshot!.dataDate;
      await bronzeToSilver(pipelineDeps, getDataset(dataset), dataDate);
      return dataDate;
    },
    async close() {
      await lake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
