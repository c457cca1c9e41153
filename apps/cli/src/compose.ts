import fs from 'node:fs/promises';
import path from 'node:path';

import {
  systemClock,
  type DatasetSource,
  type Notifier,
  type PipelineDeps,
} from '@matriz/pipeline';
import {
  CATALOG_KEY,
  foldStream,
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
  // A person at a terminal reads a short block; pipes and CI get the same as one JSON log line.
  const notifiers: Notifier[] = [
    ctx.interactive
      ? new StreamNotifier(ctx.stderr)
      : {
          notify: async (n) =>
            ctx.logger[
              n.severity === 'error' ? 'error' : n.severity === 'warning' ? 'warn' : 'info'
            ]('quality.notification', {
              dataset: n.dataset,
              snapshot: n.snapshot,
              subject: n.subject,
              ...n.details,
            }),
        },
  ];
  const webhook = options.webhook ?? ctx.env['MATRIZ_WEBHOOK_URL'];
  if (webhook) notifiers.push(new WebhookNotifier({ url: webhook }));
  const deps: PipelineDeps = {
    store: lake.store,
    source,
    engine: lake.engine,
    warehouse: lake.warehouse,
    catalog: lake.catalog,
    notifier: new FanOutNotifier(notifiers),
    producer: lake.log,
    clock: systemClock,
    logger: ctx.logger,
    workDir: lake.workDir,
    piiSalt: lake.piiSalt,
  };
  return { lake, deps, close: () => lake.close() };
}

/** A source for commands that never contact a portal (`ingest`). */
export const noSource: DatasetSource = {
  resolve: () => Promise.reject(new Error('This command does not contact a portal.')),
  download: () => Promise.reject(new Error('This command does not contact a portal.')),
};

/** Consumer name of the local fold from the change stream into the state store. */
export const STATE_CONSUMER = 'state';

/**
 * Folds every new change event from the lake's stream into its state store (the local stand-in
 * for the Kinesis → Lambda → DynamoDB branch). Safe to repeat: applied events are duplicates.
 */
export async function foldChanges(pipeline: LocalPipeline, ctx: CommandContext) {
  const result = await foldStream({
    log: pipeline.lake.log,
    consumer: STATE_CONSUMER,
    store: pipeline.lake.state,
    batchSize: 5000,
    logger: ctx.logger,
  });
  ctx.logger.info('state.folded', {
    stage: 'state',
    records: result.records,
    applied: result.applied,
    duplicate: result.duplicate,
    invalid: result.invalid,
  });
  return result;
}

/** A read command was pointed at a folder that holds no lake. */
export class NoLakeError extends Error {
  readonly code = 'no_lake';
}

/**
 * Read-only commands call this first, so a typo in `--lake` says so instead of quietly creating
 * an empty lake and answering with nothing.
 */
export async function requireLake(dir: string): Promise<void> {
  const found = await Promise.all(
    [CATALOG_KEY, 'bronze'].map((name) =>
      fs.access(path.join(dir, name)).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (!found.includes(true)) {
    throw new NoLakeError(
      `No lake at \`${dir}\` (neither ${CATALOG_KEY} nor bronze/ is there). Build one with \`pnpm matriz demo --lake ${dir}\` ` +
        '(offline, bundled files) or `pnpm matriz run`, or point `--lake` at an existing lake.',
    );
  }
}
