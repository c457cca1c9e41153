import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ChangeEvent } from '@matriz/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDynamoDbClient, DynamoDbStateStore } from '../src/index.ts';
import { createStateTable, startDynamoDb, type Emulator } from './support/index.ts';

function event(over: Partial<ChangeEvent> & Pick<ChangeEvent, 'event_id'>): ChangeEvent {
  return {
    dataset: 'siga',
    key: 'UFV.RS.SP.000123-4.01',
    kind: 'updated',
    from_snapshot: '2024-08-01',
    to_snapshot: '2024-09-01',
    changes: [{ field: 'capacity_kw', old: 1000, new: 1250.5 }],
    record: { plant_name: 'Usina Sol', capacity_kw: 1250.5, uf: 'SP' },
    source: 'diff',
    ...over,
  };
}

describe('DynamoDbStateStore against dynalite', () => {
  let ddb: Emulator;
  let client: DynamoDBClient;
  let store: DynamoDbStateStore;

  beforeAll(async () => {
    ddb = await startDynamoDb();
    client = createDynamoDbClient(ddb.aws);
    await createStateTable(client, 'state');
    store = new DynamoDbStateStore({ client, tableName: 'state' });
  });

  afterAll(async () => {
    client?.destroy();
    await ddb?.stop();
  });

  it('applies an insert and exposes it as the latest state', async () => {
    const insert = event({
      event_id: 'evt-insert-000000001',
      kind: 'inserted',
      from_snapshot: null,
      to_snapshot: '2024-08-01',
      record: { plant_name: 'Usina Sol', capacity_kw: 1000, uf: 'SP' },
    });
    expect(await store.apply(insert)).toBe('applied');
    expect(await store.latest('siga', 'UFV.RS.SP.000123-4.01')).toEqual({
      dataset: 'siga',
      key: 'UFV.RS.SP.000123-4.01',
      record: { plant_name: 'Usina Sol', capacity_kw: 1000, uf: 'SP' },
      snapshot: '2024-08-01',
      last_event_id: 'evt-insert-000000001',
      deleted: false,
    });
  });

  it('reports a replayed event as a duplicate and writes nothing', async () => {
    const update = event({ event_id: 'evt-update-000000002' });
    expect(await store.apply(update)).toBe('applied');
    const before = await client.send(new ScanCommand({ TableName: 'state' }));

    expect(await store.apply(update)).toBe('duplicate');

    const after = await client.send(new ScanCommand({ TableName: 'state' }));
    expect(after.Items).toEqual(before.Items);
    expect((await store.latest('siga', 'UFV.RS.SP.000123-4.01'))?.record).toEqual({
      plant_name: 'Usina Sol',
      capacity_kw: 1250.5,
      uf: 'SP',
    });
  });

  it('keeps an older event in history without replacing the latest state', async () => {
    const late = event({
      event_id: 'evt-late-00000000003',
      from_snapshot: '2024-06-01',
      to_snapshot: '2024-07-01',
      record: { plant_name: 'Usina Antiga', capacity_kw: 900, uf: 'SP' },
    });
    expect(await store.apply(late)).toBe('stale');
    expect((await store.latest('siga', 'UFV.RS.SP.000123-4.01'))?.snapshot).toBe('2024-09-01');
    const history = await store.history('siga', 'UFV.RS.SP.000123-4.01');
    expect(history.map((e) => e.event_id)).toEqual([
      'evt-late-00000000003',
      'evt-insert-000000001',
      'evt-update-000000002',
    ]);
    expect(await store.apply(late)).toBe('duplicate');
  });

  it('marks a delete with a null record and keeps the history', async () => {
    const del = event({
      event_id: 'evt-delete-000000004',
      kind: 'deleted',
      from_snapshot: '2024-09-01',
      to_snapshot: '2024-10-01',
      changes: [],
      record: null,
    });
    expect(await store.apply(del)).toBe('applied');
    expect(await store.latest('siga', 'UFV.RS.SP.000123-4.01')).toMatchObject({
      record: null,
      deleted: true,
      snapshot: '2024-10-01',
    });
    expect(await store.history('siga', 'UFV.RS.SP.000123-4.01')).toHaveLength(4);
    expect((await store.history('siga', 'UFV.RS.SP.000123-4.01')).at(-1)).toEqual(del);
  });

  it('returns nothing for an unknown key', async () => {
    expect(await store.latest('siga', 'nope')).toBeUndefined();
    expect(await store.history('siga', 'nope')).toEqual([]);
  });
});
