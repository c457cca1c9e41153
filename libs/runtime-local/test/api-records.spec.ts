import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { getDataset } from '@matriz/core';
import { handleApiRequest, type ApiDeps, type ApiRequest } from '@matriz/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FileLog } from '../src/stream/file-log.ts';
import { foldStream } from '../src/stream/fold-stream.ts';
import { FsStateStore } from '../src/state/fs-state-store.ts';

const TOKEN = 'test-token-0123456789abcdef';

// The first two plants of the real SIGA file of 2026-10-01, as a client would push them.
const plant = { plant_id_ceg: 'PCH.PH.MG.000008-6.1', plant_name: 'E', capacity_granted_kw: 1400 };
const other = { plant_id_ceg: 'PCH.PH.MG.000009-4.1', plant_name: 'F', capacity_granted_kw: 3972 };

describe('POST /records and GET /plants through the stream', () => {
  let root: string;
  let deps: ApiDeps;
  let log: FileLog;
  let store: FsStateStore;
  const ingested: string[] = [];

  const request = (over: Partial<ApiRequest> & { json?: unknown }): ApiRequest => {
    const body =
      over.body ??
      new TextEncoder().encode(over.json === undefined ? '' : JSON.stringify(over.json));
    return {
      method: over.method ?? 'POST',
      path: over.path ?? '/records/siga',
      query: {},
      headers: over.headers ?? {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      body,
    };
  };

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'matriz-api-'));
    log = new FileLog(path.join(root, 'stream', 'changes'));
    store = new FsStateStore(path.join(root, 'state'));
    deps = {
      token: TOKEN,
      dataset: (id) => getDataset(id),
      producer: log,
      state: store,
      ingest: async (id) => {
        ingested.push(id);
        return { status: 'ok' };
      },
      datasets: async () => [{ id: 'siga' }],
      quality: async () => ({ findings: [] }),
      clock: { now: () => new Date('2026-12-04T10:00:00Z') },
      limits: { maxBodyBytes: 4096, maxRecords: 10 },
    };
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('rejects a write without a token with 401', async () => {
    const response = await handleApiRequest(
      request({ headers: { 'content-type': 'application/json' }, json: { records: [plant] } }),
      deps,
    );
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'missing_token' });
  });

  it('rejects a bad token with 403', async () => {
    const response = await handleApiRequest(
      request({
        headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
        json: { records: [plant] },
      }),
      deps,
    );
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'bad_token' });
  });

  it('rejects a malformed record with 400 naming the field and value', async () => {
    const response = await handleApiRequest(
      request({ json: { records: [plant, { ...plant, capacity_granted_kw: 'lots' }] } }),
      deps,
    );
    expect(response.status).toBe(400);
    const body = JSON.parse(response.body);
    expect(body.error).toBe('invalid_record');
    expect(body.issues[0]).toMatchObject({
      path: ['records', 1, 'capacity_granted_kw'],
      value: 'lots',
    });
    expect(body.message).toContain('`records.1.capacity_granted_kw`');
  });

  it.each([
    ['an impossible snapshot date', { snapshot: '2099-99-99', records: [plant] }, 'snapshot'],
    ['a future snapshot', { snapshot: '2999-01-01', records: [plant] }, 'snapshot'],
    [
      'an impossible date value',
      { records: [{ ...plant, operation_start_date: '2024-02-31' }] },
      'records.0.operation_start_date',
    ],
    ['an unknown phase code', { records: [{ ...plant, phase: 'banana' }] }, 'records.0.phase'],
    ['an unknown state', { records: [{ ...plant, state_code: 'XX' }] }, 'records.0.state_code'],
    [
      'a negative capacity',
      { records: [{ ...plant, capacity_granted_kw: -5 }] },
      'records.0.capacity_granted_kw',
    ],
  ])('rejects %s as silver would', async (_what, json, path) => {
    const response = await handleApiRequest(request({ json }), deps);
    expect(response.status).toBe(400);
    const body = JSON.parse(response.body);
    expect([...new Set(body.issues.map((i: { path: unknown[] }) => i.path.join('.')))]).toEqual([
      path,
    ]);
  });

  it('rejects an unknown field and a missing key', async () => {
    const { plant_id_ceg: _omit, ...keyless } = plant;
    const response = await handleApiRequest(
      request({ json: { records: [{ ...keyless, colour: 'red' }] } }),
      deps,
    );
    const body = JSON.parse(response.body);
    expect(response.status).toBe(400);
    expect(body.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort()).toEqual([
      'records.0',
      'records.0.plant_id_ceg',
    ]);
  });

  it('rejects an oversized body with 413, other media with 415, GET on a write route with 405', async () => {
    const big = { records: [{ ...plant, plant_name: 'x'.repeat(5000) }] };
    const tooLarge = await handleApiRequest(request({ json: big }), deps);
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({ error: 'body_too_large', limit_bytes: 4096 });

    const text = await handleApiRequest(
      request({
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
        json: {},
      }),
      deps,
    );
    expect(text.status).toBe(415);
    expect((await handleApiRequest(request({ method: 'GET' }), deps)).status).toBe(405);
    expect(
      (await handleApiRequest(request({ path: '/records/nope', json: {} }), deps)).status,
    ).toBe(404);
  });

  it('delivers accepted records to the state store once the consumer runs, across a restart', async () => {
    const second = other;
    const accepted = await handleApiRequest(request({ json: { records: [plant, second] } }), deps);
    expect(accepted.status).toBe(202);
    const body = JSON.parse(accepted.body);
    expect(body.accepted).toBe(2);

    // The consumer stops after the first record, then a new one picks up the rest.
    await foldStream({ log, consumer: 'state', store, batchSize: 1, maxBatches: 1 });
    await foldStream({
      log: new FileLog(log.root),
      consumer: 'state',
      store: new FsStateStore(store.root),
    });

    const read = await handleApiRequest(
      request({ method: 'GET', path: `/plants/siga/${encodeURIComponent(second.plant_id_ceg)}` }),
      deps,
    );
    expect(read.status).toBe(200);
    const state = JSON.parse(read.body);
    expect(state.latest).toMatchObject({
      snapshot: '2026-12-04',
      record: second,
      last_event_id: body.events[1].event_id,
    });
    expect(state.history).toHaveLength(1);
    expect((await store.latest('siga', plant.plant_id_ceg))?.record).toEqual(plant);

    // The same records pushed again are duplicates in the store.
    await handleApiRequest(request({ json: { records: [plant, second] } }), deps);
    expect(await foldStream({ log, consumer: 'state', store })).toMatchObject({
      duplicate: 2,
      applied: 0,
    });
  });

  it('triggers ingestion and answers the read routes', async () => {
    const ingest = await handleApiRequest(request({ path: '/ingest/siga' }), deps);
    expect(ingest.status).toBe(200);
    expect(ingested).toEqual(['siga']);
    const health = await handleApiRequest(
      request({ method: 'GET', path: '/health', headers: {} }),
      deps,
    );
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    const missing = await handleApiRequest(
      request({ method: 'GET', path: '/plants/siga/NOPE', headers: {} }),
      deps,
    );
    expect(missing.status).toBe(404);
  });
});
