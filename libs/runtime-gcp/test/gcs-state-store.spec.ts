/** GcsStateStore with the real storage client against the loopback fake GCS JSON API. */
import { Storage } from '@google-cloud/storage';
import type { ChangeEvent } from '@matriz/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GcsStateStore } from '../src/index.ts';
import { startFakeGcs, type FakeGcsServer } from './fake-gcs-server.ts';

let fake: FakeGcsServer;
let storage: Storage;

beforeAll(async () => {
  fake = await startFakeGcs();
  storage = new Storage({ apiEndpoint: fake.endpoint, projectId: 'matriz-test' });
});
afterAll(async () => {
  await fake?.close();
});

function event(
  id: string,
  to: string,
  capacity: number,
  kind: ChangeEvent['kind'] = 'updated',
): ChangeEvent {
  return {
    event_id: `evt-${id}-000000000000`,
    dataset: 'siga',
    key: 'UFV.RS.BA.000001-0.01',
    kind,
    from_snapshot: null,
    to_snapshot: to,
    changes: [],
    record: kind === 'deleted' ? null : { capacity_kw: capacity },
    source: 'diff',
  };
}

describe('GcsStateStore', () => {
  it('applies events, ignores duplicates and keeps older snapshots as stale history', async () => {
    const store = new GcsStateStore({ storage, bucket: 'lake-state' });
    expect(await store.apply(event('a', '2022-06-01', 10))).toBe('applied');
    expect(await store.apply(event('a', '2022-06-01', 10))).toBe('duplicate');
    expect(await store.apply(event('b', '2022-08-01', 30))).toBe('applied');
    expect(await store.apply(event('c', '2022-07-01', 20))).toBe('stale');

    const latest = await store.latest('siga', 'UFV.RS.BA.000001-0.01');
    expect(latest).toMatchObject({
      snapshot: '2022-08-01',
      record: { capacity_kw: 30 },
      deleted: false,
    });
    const history = await store.history('siga', 'UFV.RS.BA.000001-0.01');
    expect(history.map((e) => e.to_snapshot)).toEqual(['2022-06-01', '2022-07-01', '2022-08-01']);
    expect(await store.latest('siga', 'other')).toBeUndefined();
  });

  it('loses no event when two consumers write the same key at once', async () => {
    const a = new GcsStateStore({ storage, bucket: 'lake-state-race' });
    const b = new GcsStateStore({ storage, bucket: 'lake-state-race' });
    const outcomes = await Promise.all([
      a.apply(event('x1', '2022-06-01', 1)),
      b.apply(event('x2', '2022-06-02', 2)),
      a.apply(event('x3', '2022-06-03', 3)),
      b.apply(event('x4', '2022-06-04', 4)),
    ]);
    expect(outcomes.every((o) => o === 'applied' || o === 'stale')).toBe(true);
    const history = await a.history('siga', 'UFV.RS.BA.000001-0.01');
    expect(history.map((e) => e.event_id).sort()).toEqual(
      ['x1', 'x2', 'x3', 'x4'].map((id) => `evt-${id}-000000000000`),
    );
    expect((await a.latest('siga', 'UFV.RS.BA.000001-0.01'))?.snapshot).toBe('2022-06-04');
  });
});
