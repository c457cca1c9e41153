import { createHash } from 'node:crypto';
import path from 'node:path';

import type { ChangeEvent } from '@matriz/core';
import {
  applyEventToEntry,
  type ApplyOutcome,
  type EntityState,
  type KeyEntry,
  type StateStore,
} from '@matriz/pipeline';

import { readFileIfExists, writeFileAtomic } from './atomic-write.ts';

type Shard = Record<string, KeyEntry>;

export interface FsStateStoreOptions {
  /** fsync each shard before it is renamed into place (default true). */
  readonly fsync?: boolean;
}

/** Thrown when a dataset name could not be a folder name. */
export class StateDatasetError extends Error {
  readonly code = 'state_dataset_invalid';
  constructor(dataset: string) {
    super(`Dataset \`${dataset}\` is not a valid folder name; use a registry dataset id.`);
    this.name = 'StateDatasetError';
  }
}

/**
 * The local key-value store of entity state: latest state and change history per key, in shard
 * files `<root>/<dataset>/<h2>.json` chosen by the first two hex digits of sha256(key)
 * (256 shards per dataset). Events are applied in batches, each touched shard read and
 * rewritten once per batch: with a few thousand events per batch a shard absorbs several events
 * per write, which keeps the number of fsyncs (the dominant cost) well below the event count.
 *
 * Idempotent by event id; per key, the latest state follows the snapshot date (an older event is
 * kept in history as `stale`). Each shard is rewritten whole through a temp file and a rename,
 * and its JSON is canonical (keys sorted), so replaying a stream leaves the files byte-identical.
 * One writer (one consumer) per store at a time.
 */
export class FsStateStore implements StateStore {
  readonly root: string;
  private readonly fsync: boolean;

  constructor(root: string, options: FsStateStoreOptions = {}) {
    this.root = path.resolve(root);
    this.fsync = options.fsync ?? true;
  }

  /** Shard file holding a key. */
  shardFile(dataset: string, key: string): string {
    if (!/^[a-z0-9_]+$/.test(dataset)) throw new StateDatasetError(dataset);
    const hash = createHash('sha256').update(key).digest('hex');
    return path.join(this.root, dataset, `${hash.slice(0, SHARD_HEX_DIGITS)}.json`);
  }

  async apply(event: ChangeEvent): Promise<ApplyOutcome> {
    const [outcome] = await this.applyMany([event]);
    return outcome!;
  }

  /**
   * Applies events in order, reading and writing each touched shard once (shard files are read
   * and written concurrently; events are applied one after the other in memory).
   */
  async applyMany(events: readonly ChangeEvent[]): Promise<ApplyOutcome[]> {
    const files = events.map((e) => this.shardFile(e.dataset, e.key));
    const shards = new Map<string, { shard: Shard; dirty: boolean }>();
    const unique = [...new Set(files)];
    await inParallel(unique, async (file) => {
      shards.set(file, { shard: await readShard(file), dirty: false });
    });

    const outcomes = events.map((event, i) => {
      const entry = shards.get(files[i]!)!;
      const outcome = applyTo(entry.shard, event);
      if (outcome !== 'duplicate') entry.dirty = true;
      return outcome;
    });

    const dirty = unique.filter((file) => shards.get(file)!.dirty);
    await inParallel(dirty, (file) =>
      writeFileAtomic(file, serialise(shards.get(file)!.shard), this.fsync),
    );
    return outcomes;
  }

  async latest(dataset: string, key: string): Promise<EntityState | undefined> {
    const shard = await readShard(this.shardFile(dataset, key));
    return shard[key]?.latest ?? undefined;
  }

  async history(dataset: string, key: string): Promise<ChangeEvent[]> {
    const shard = await readShard(this.shardFile(dataset, key));
    return shard[key]?.history ?? [];
  }
}

/** Hex digits of sha256(key) naming the shard file (2 digits: 256 shards per dataset). */
const SHARD_HEX_DIGITS = 2;

const IO_CONCURRENCY = 16;

/** Runs `work` over items with at most {@link IO_CONCURRENCY} in flight. */
async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IO_CONCURRENCY, items.length) }, worker));
}

async function readShard(file: string): Promise<Shard> {
  const text = await readFileIfExists(file);
  return text ? (JSON.parse(text) as Shard) : {};
}

function applyTo(shard: Shard, event: ChangeEvent): ApplyOutcome {
  return applyEventToEntry((shard[event.key] ??= { latest: null, history: [] }), event);
}

/**
 * Canonical JSON: entity keys sorted; events and states keep the field order the change-event
 * schema gives them, so equal content gives equal bytes.
 */
function serialise(shard: Shard): string {
  const sorted: Shard = {};
  for (const key of Object.keys(shard).sort()) sorted[key] = shard[key]!;
  return JSON.stringify(sorted) + '\n';
}
