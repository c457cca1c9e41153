import { createHash } from 'node:crypto';
import path from 'node:path';

import type { ChangeEvent } from '@matriz/core';
import type { ApplyOutcome, EntityState, StateStore } from '@matriz/pipeline';

import { readFileIfExists, writeFileAtomic } from './atomic-write.ts';

/** One key's entry in a shard file. */
interface KeyEntry {
  latest: EntityState | null;
  /** Applied events, ordered by snapshot date (arrival order within a date). */
  history: ChangeEvent[];
}

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
 * files `<root>/<dataset>/<h2>/<h4>.json` chosen by the first hex digits of sha256(key), so each
 * file holds a handful of keys even at hundreds of thousands of keys.
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
    return path.join(this.root, dataset, hash.slice(0, 2), `${hash.slice(0, 4)}.json`);
  }

  async apply(event: ChangeEvent): Promise<ApplyOutcome> {
    const [outcome] = await this.applyMany([event]);
    return outcome!;
  }

  /** Applies events in order, reading and writing each touched shard once. */
  async applyMany(events: readonly ChangeEvent[]): Promise<ApplyOutcome[]> {
    const shards = new Map<string, { shard: Shard; dirty: boolean }>();
    const outcomes: ApplyOutcome[] = [];
    for (const event of events) {
      const file = this.shardFile(event.dataset, event.key);
      let entry = shards.get(file);
      if (!entry) {
        entry = { shard: await readShard(file), dirty: false };
        shards.set(file, entry);
      }
      const outcome = applyTo(entry.shard, event);
      if (outcome !== 'duplicate') entry.dirty = true;
      outcomes.push(outcome);
    }
    for (const [file, { shard, dirty }] of shards) {
      if (dirty) await writeFileAtomic(file, serialise(shard), this.fsync);
    }
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

async function readShard(file: string): Promise<Shard> {
  const text = await readFileIfExists(file);
  return text ? (JSON.parse(text) as Shard) : {};
}

function applyTo(shard: Shard, event: ChangeEvent): ApplyOutcome {
  const entry = (shard[event.key] ??= { latest: null, history: [] });
  if (entry.history.some((e) => e.event_id === event.event_id)) return 'duplicate';

  let at = entry.history.length;
  while (at > 0 && entry.history[at - 1]!.to_snapshot > event.to_snapshot) at -= 1;
  entry.history.splice(at, 0, event);

  if (entry.latest && event.to_snapshot < entry.latest.snapshot) return 'stale';
  const deleted = event.kind === 'deleted';
  entry.latest = {
    dataset: event.dataset,
    key: event.key,
    record: deleted ? null : event.record,
    snapshot: event.to_snapshot,
    last_event_id: event.event_id,
    deleted,
  };
  return 'applied';
}

/** Canonical JSON: object keys sorted at every level, so equal content gives equal bytes. */
function serialise(shard: Shard): string {
  return JSON.stringify(sortKeys(shard)) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
