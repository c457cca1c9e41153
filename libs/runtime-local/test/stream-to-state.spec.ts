import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import type { ChangeEvent } from '@matriz/core';
import { changesEventsKey, consumeBatch } from '@matriz/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FileLog } from '../src/stream/file-log.ts';
import { foldStream } from '../src/stream/fold-stream.ts';
import { FsStateStore } from '../src/state/fs-state-store.ts';
import { openTestLake, type TestLake } from './lake-fixture.ts';

const fixtures = path.join(import.meta.dirname, 'snapshot-changes');

/** sha256 of every file under a folder, by relative path: equal maps mean byte-identical trees. */
async function treeDigest(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(root, file)] = createHash('sha256')
      .update(await fs.readFile(file))
      .digest('hex');
  }
  return out;
}

// About 31 000 events through fsync-free shards: slow on a busy two-core machine.
describe('two SIGA snapshots through the stream into the state store', { timeout: 240_000 }, () => {
  let lake: TestLake;
  let log: FileLog;
  let events: ChangeEvent[];
  let total: number;
  const stateOf = (name: string) =>
    new FsStateStore(path.join(lake.root, 'state', name), { fsync: false });

  beforeAll(async () => {
    lake = await openTestLake();
    log = new FileLog(path.join(lake.root, 'stream', 'changes'));
    await lake.ingest('siga', path.join(fixtures, 'siga-2022-06-01.csv'), '2022-06-01');
    await lake.ingest('siga', path.join(fixtures, 'siga-2026-10-01.csv'), '2026-10-01');
    const first = await lake.changes('siga', null, '2022-06-01', log);
    const second = await lake.changes('siga', '2022-06-01', '2026-10-01', log);
    total = first.events + second.events;
    const text = new TextDecoder().decode(
      await lake.store.get(changesEventsKey('siga', '2026-10-01')),
    );
    events = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ChangeEvent);
  }, 180_000);
  afterAll(() => lake.close());

  it('answers a changed plant with its old and new state', async () => {
    const store = stateOf('a');
    const folded = await foldStream({ log, consumer: 'a', store, batchSize: 500 });
    expect(folded).toMatchObject({
      records: total,
      applied: total,
      duplicate: 0,
      invalid: 0,
      stopped: false,
    });

    const update = events.find((e) => e.kind === 'updated')!;
    expect(update.changes.length).toBeGreaterThan(0);
    const latest = await store.latest('siga', update.key);
    const history = await store.history('siga', update.key);

    expect(latest).toMatchObject({
      snapshot: '2026-10-01',
      deleted: false,
      last_event_id: update.event_id,
    });
    expect(latest!.record).toEqual(update.record);
    expect(history.map((e) => [e.kind, e.to_snapshot])).toEqual([
      ['inserted', '2022-06-01'],
      ['updated', '2026-10-01'],
    ]);
    for (const change of update.changes) {
      expect(history[0]!.record![change.field]).toEqual(change.old);
      expect(latest!.record![change.field]).toEqual(change.new);
    }

    const deleted = events.find((e) => e.kind === 'deleted')!;
    expect(await store.latest('siga', deleted.key)).toMatchObject({ deleted: true, record: null });
  });

  it('leaves the store byte-identical when the whole stream is replayed twice', async () => {
    const before = await treeDigest(path.join(lake.root, 'state', 'a'));
    for (let i = 0; i < 2; i += 1) {
      await log.reset('a');
      const replay = await foldStream({ log, consumer: 'a', store: stateOf('a'), batchSize: 1000 });
      expect(replay).toMatchObject({ records: total, applied: 0, duplicate: total });
    }
    expect(await treeDigest(path.join(lake.root, 'state', 'a'))).toEqual(before);
  });

  it('loses and duplicates nothing when the consumer stops mid-way and restarts', async () => {
    const partial = await foldStream({
      log,
      consumer: 'b',
      store: stateOf('b'),
      batchSize: 100,
      maxBatches: 3,
    });
    expect(partial.records).toBe(300);

    // A crash after applying a batch but before committing it: those records come again.
    const uncommitted = await log.read('b', { max: 100 });
    const applied = await consumeBatch(uncommitted.records, stateOf('b'));
    expect(applied.counts.applied).toBe(100);

    // Restart: fresh log and store objects over the same folders.
    const restarted = new FileLog(log.root);
    const rest = await foldStream({
      log: restarted,
      consumer: 'b',
      store: stateOf('b'),
      batchSize: 700,
    });
    expect(rest).toMatchObject({
      records: total - 300,
      applied: total - 400,
      duplicate: 100,
      stopped: false,
    });
    expect(await treeDigest(path.join(lake.root, 'state', 'b'))).toEqual(
      await treeDigest(path.join(lake.root, 'state', 'a')),
    );
  });
});
