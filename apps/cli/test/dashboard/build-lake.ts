import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { DatasetId } from '@matriz/core';
import {
  ingestFileToBronze,
  runPipeline,
  silentLogger,
  systemClock,
  type PipelineDeps,
  type RunSummary,
} from '@matriz/pipeline';
import { openLocalLake, type LocalLake } from '@matriz/runtime-local';

import { noSource } from '../../src/compose.ts';

const REPO = path.resolve(import.meta.dirname, '../../../..');
const ANEEL = path.join(REPO, 'tools/portal/data/aneel');

/** Real ANEEL files bundled with the offline portal, by dataset. */
export const ANEEL_FILES = {
  siga2022: [
    'siga',
    `${ANEEL}/siga-empreendimentos-geracao/2022-06-01/siga-empreendimentos-geracao.csv`,
  ],
  siga2026Sample: [
    'siga',
    `${ANEEL}/siga-empreendimentos-geracao/2026-10-01/siga-empreendimentos-geracao.sample74.csv`,
  ],
  history: [
    'operacao_historico',
    `${ANEEL}/empreendimento-operacao-historico/2024-09-01/empreendimento-operacao-historico.csv`,
  ],
  thermal: [
    'termeletricas',
    `${ANEEL}/usina-termeletrica-tipo/2024-07-01/usina-termeletrica-tipo.csv`,
  ],
  agents: [
    'agentes',
    `${ANEEL}/agentes-geracao-energia-eletrica/2024-09-01/agentes-geracao-energia-eletrica.csv`,
  ],
} as const satisfies Record<string, readonly [DatasetId, string]>;

export interface TestLake {
  readonly dir: string;
  readonly lake: LocalLake;
  readonly summaries: readonly RunSummary[];
  /** Closes the lake and removes its folder. */
  dispose(): Promise<void>;
}

/**
 * Builds a lake in a temp folder with the real pipeline, as `matriz ingest` does: each file
 * becomes a bronze snapshot, then silver, gold and the catalog are run for its dataset.
 */
export async function buildLake(
  files: readonly (readonly [DatasetId, string])[],
): Promise<TestLake> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'matriz-dashboard-'));
  const lake = await openLocalLake(dir, { threads: 1 });
  const deps: PipelineDeps = {
    store: lake.store,
    source: noSource,
    engine: lake.engine,
    warehouse: lake.warehouse,
    catalog: lake.catalog,
    notifier: { notify: () => Promise.resolve() },
    producer: lake.log,
    clock: systemClock,
    logger: silentLogger,
    workDir: lake.workDir,
    piiSalt: lake.piiSalt,
  };
  const summaries: RunSummary[] = [];
  for (const [dataset, file] of files) {
    await ingestFileToBronze(deps, dataset, file);
    summaries.push(await runPipeline(deps, { datasets: [dataset], skipExtract: true }));
  }
  return {
    dir,
    lake,
    summaries,
    dispose: async () => {
      await lake.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
