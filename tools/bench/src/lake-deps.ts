import {
  createCkanDatasetSource,
  silentLogger,
  systemClock,
  type DatasetSource,
  type PipelineDeps,
} from '@matriz/pipeline';
import { openLocalLake, type LocalLake } from '@matriz/runtime-local';

/** A source for stages that never contact a portal. */
const noSource: DatasetSource = {
  resolve: () => Promise.reject(new Error('This bench stage does not contact a portal.')),
  download: () => Promise.reject(new Error('This bench stage does not contact a portal.')),
};

export interface BenchLake {
  readonly lake: LocalLake;
  readonly deps: PipelineDeps;
  close(): Promise<void>;
}

/**
 * The embedded default as the CLI wires it (apps/cli/src/compose.ts), silent, with the offline
 * portal as source when `portalUrl` is given.
 */
export async function openBenchLake(dir: string, portalUrl?: string): Promise<BenchLake> {
  const lake = await openLocalLake(dir);
  const deps: PipelineDeps = {
    store: lake.store,
    source: portalUrl ? createCkanDatasetSource({ baseUrl: portalUrl, retries: 0 }) : noSource,
    engine: lake.engine,
    warehouse: lake.warehouse,
    catalog: lake.catalog,
    notifier: { notify: () => Promise.resolve() },
    clock: systemClock,
    logger: silentLogger,
    workDir: lake.workDir,
  };
  return { lake, deps, close: () => lake.close() };
}
