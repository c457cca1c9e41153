import { createInterface } from 'node:readline';

import { DATASET_IDS, getDataset, type DatasetId } from '@matriz/core';
import {
  changesEventsKey,
  changesSummaryKey,
  deriveChanges,
  lakeKeys,
  silverDatasetPrefix,
  snapshotDatesOf,
  type ChangeSummary,
  type LocalSqlEngine,
  type ObjectStore,
} from '@matriz/pipeline';
import { openLocalLake } from '@matriz/runtime-local';
import { z } from 'zod';

import { renderRows } from '../render/table.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { requireLake } from '../compose.ts';
import type { Command, CommandContext } from './command.ts';

/** What `changes` needs from the lake: an object store, a DuckDB engine and where files live. */
export interface ChangesLake {
  readonly store: ObjectStore;
  readonly engine: LocalSqlEngine;
  /** Absolute local path of an object key (DuckDB reads the Parquet in place). */
  pathOf(key: string): string;
  close(): Promise<void>;
}

/** Opens the lake and the stream for the command; replaceable in tests and other roots. */
export interface ChangesFactory {
  openLake(root: string): Promise<ChangesLake>;
}

export const defaultChangesFactory: ChangesFactory = {
  async openLake(root) {
    await requireLake(root);
    const lake = await openLocalLake(root);
    return {
      store: lake.store,
      engine: lake.engine,
      pathOf: (k) => lake.store.pathOf(k),
      close: () => lake.close(),
    };
  },
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-mm-dd');
const schema = z.object({
  dataset: z.enum(DATASET_IDS, { message: `expected one of ${DATASET_IDS.join(', ')}` }),
  from: isoDate.optional(),
  to: isoDate.optional(),
  format: z.enum(['table', 'json']).default('table'),
  limit: z.coerce.number().int().min(0).default(50),
  positionals: z.array(z.string()).length(0, 'takes no positional arguments'),
});

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Keys of ad-hoc comparisons (a pair the pipeline did not derive, or a snapshot quality blocked)
 * live under `changes/<dataset>/_adhoc/<from>_<to>/`: they are shown, never published to the stream, and
 * never replace the events the pipeline derived.
 */
function scratchStore(store: ObjectStore, prefix: string): ObjectStore {
  const k = (key: string) => `${prefix}${key}`;
  return {
    uri: (key) => store.uri(k(key)),
    put: (key, body, options) => store.put(k(key), body, options),
    putStream: (key, body, options) => store.putStream(k(key), body, options),
    putFile: (key, file, options) => store.putFile(k(key), file, options),
    get: (key) => store.get(k(key)),
    getStream: (key) => store.getStream(k(key)),
    getFile: (key, file) => store.getFile(k(key), file),
    head: (key) => store.head(k(key)),
    list: (prefix2) => store.list(k(prefix2)),
    delete: (key) => store.delete(k(key)),
  };
}

/**
 * The events of the pair: the pipeline's own when it derived exactly this pair (published then),
 * else an ad-hoc comparison in a scratch area (not published).
 */
async function summaryFor(
  lake: ChangesLake,
  dataset: DatasetId,
  from: string | null,
  to: string,
): Promise<{ summary: ChangeSummary; store: ObjectStore; adhoc: boolean }> {
  const stored = await lake.store.get(changesSummaryKey(dataset, to));
  if (stored) {
    const summary = JSON.parse(new TextDecoder().decode(stored)) as ChangeSummary;
    if (summary.from === from) return { summary, store: lake.store, adhoc: false };
  }
  const store = scratchStore(lake.store, `changes/${dataset}/_adhoc/${from ?? 'none'}_${to}/`);
  const relation = (date: string) =>
    `read_parquet(${sqlString(lake.pathOf(lakeKeys.silverFile(dataset, date)))})`;
  const summary = await deriveChanges({
    engine: lake.engine,
    store,
    dataset: getDataset(dataset),
    previous: from ? { date: from, relation: relation(from) } : null,
    current: { date: to, relation: relation(to) },
  });
  return { summary, store, adhoc: true };
}

async function* eventLines(store: ObjectStore, key: string): AsyncIterable<string> {
  const lines = createInterface({ input: await store.getStream(key), crlfDelay: Infinity });
  for await (const line of lines) if (line.length > 0) yield line;
}

/** Builds the `changes` command over a lake factory. */
export function createChangesCommand(factory: ChangesFactory = defaultChangesFactory): Command {
  return {
    name: 'changes',
    summary: 'Changes between two snapshots of a dataset: inserted, updated and deleted keys.',
    usage:
      'matriz changes --dataset ID [--from DATE] [--to DATE] [--format table|json] [--limit N]\n' +
      '  Defaults: --to the newest silver snapshot, --from the one before it. Events derived for\n' +
      '  the first time are also published to the local stream (<lake>/stream/changes).',
    async run(args, ctx: CommandContext) {
      const opts = parseCommandArgs(
        args,
        {
          dataset: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          format: { type: 'string' },
          limit: { type: 'string' },
        },
        schema,
      );
      const lake = await factory.openLake(ctx.lake);
      try {
        const dates = snapshotDatesOf(
          (await lake.store.list(silverDatasetPrefix(opts.dataset))).map((o) => o.key),
        );
        const to = opts.to ?? dates.at(-1);
        if (!to || !dates.includes(to)) {
          throw new UsageError(
            `no silver snapshot \`${to ?? '(none)'}\` of \`${opts.dataset}\` (have: ${dates.join(', ') || 'none'}); run \`matriz ingest\` first`,
          );
        }
        const from = opts.from ?? dates.filter((d) => d < to).at(-1) ?? null;
        if (from !== null && (!dates.includes(from) || from >= to)) {
          throw new UsageError(
            `--from \`${from}\` must be a snapshot older than \`${to}\` (have: ${dates.join(', ')})`,
          );
        }

        const { summary, store, adhoc } = await summaryFor(lake, opts.dataset, from, to);
        const key = changesEventsKey(opts.dataset, to);
        if (opts.format === 'json') {
          ctx.stdout.write(`{"summary":${JSON.stringify({ ...summary, adhoc })},"events":[`);
          let first = true;
          for await (const line of eventLines(store, key)) {
            ctx.stdout.write((first ? '\n' : ',\n') + line);
            first = false;
          }
          ctx.stdout.write('\n]}\n');
          return 0;
        }

        ctx.stdout.write(
          `${summary.dataset} ${summary.from ?? '(nothing)'} -> ${summary.to}: ` +
            `inserted ${summary.inserted}, updated ${summary.updated}, deleted ${summary.deleted}` +
            (adhoc
              ? ' (an ad-hoc comparison: not published; the pipeline publishes only snapshots quality lets through)\n'
              : '\n'),
        );
        const rows: Record<string, unknown>[] = [];
        for await (const line of eventLines(store, key)) {
          if (rows.length >= opts.limit) break;
          const e = JSON.parse(line) as {
            kind: string;
            key: string;
            changes: { field: string; old: unknown; new: unknown }[];
          };
          rows.push({
            kind: e.kind,
            key: e.key,
            changes:
              e.kind === 'updated'
                ? e.changes
                    .map((c) => `${c.field}: ${JSON.stringify(c.old)} -> ${JSON.stringify(c.new)}`)
                    .join('; ')
                : `${e.changes.length} fields`,
          });
        }
        if (rows.length > 0) ctx.stdout.write(renderRows(rows, 'table'));
        if (summary.events > rows.length) {
          ctx.stdout.write(
            `(${summary.events - rows.length} more; --limit N or --format json for all)\n`,
          );
        }
        return 0;
      } finally {
        await lake.close();
      }
    },
  };
}

/** `matriz changes` over the local lake. */
export const changesCommand: Command = createChangesCommand();
