import {
  systemClock,
  type DatasetSource,
  type Notifier,
  type PipelineDeps,
} from '@matriz/pipeline';
import {
  FanOutNotifier,
  openLocalLake,
  StreamNotifier,
  WebhookNotifier,
  type LocalLake,
} from '@matriz/runtime-local';

import type { CommandContext } from './commands/command.ts';

export interface LocalPipeline {
  readonly lake: LocalLake;
  readonly deps: PipelineDeps;
  close(): Promise<void>;
}

/**
 * Wires the embedded default: the lake folder, DuckDB, the JSON catalog, console (and optional
 * webhook) notifications, and the given source of ANEEL files.
 */
export async function openLocalPipeline(
  ctx: CommandContext,
  source: DatasetSource,
  options: { webhook?: string | undefined } = {},
): Promise<LocalPipeline> {
  const lake = await openLocalLake(ctx.lake);
  const notifiers: Notifier[] = [new StreamNotifier(ctx.stderr)];
  const webhook = options.webhook ?? ctx.env['MATRIZ_WEBHOOK_URL'];
  if (webhook) notifiers.push(new WebhookNotifier({ url: webhook }));
  const deps: PipelineDeps = {
    store: lake.store,
    source,
    engine: lake.engine,
    warehouse: lake.warehouse,
    catalog: lake.catalog,
    notifier: new FanOutNotifier(notifiers),
    clock: systemClock,
    logger: ctx.logger,
    workDir: lake.workDir,
  };
  return { lake, deps, close: () => lake.close() };
}

/** A source for commands that never contact a portal (`ingest`). */
export const noSource: DatasetSource = {
  resolve: () => Promise.reject(new Error('This command does not contact a portal.')),
  download: () => Promise.reject(new Error('This command does not contact a portal.')),
};
