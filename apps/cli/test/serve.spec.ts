import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startServer, type RunningServer } from '../src/commands/serve.ts';

const TOKEN = 'serve-test-token-0123456789';
// The first plant of the real SIGA file of 2026-10-01.
const plant = { plant_id_ceg: 'PCH.PH.MG.000008-6.1', plant_name: 'E', capacity_granted_kw: 1400 };

describe('matriz serve', () => {
  let lake: string;
  let server: RunningServer;

  beforeAll(async () => {
    lake = await fs.mkdtemp(path.join(os.tmpdir(), 'matriz-serve-'));
    server = await startServer({ lake, port: 0, token: TOKEN, pollMs: 50, maxBodyBytes: 2048 });
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(lake, { recursive: true, force: true });
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/records/siga`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401, 403, 400 and 413 to bad writes', async () => {
    const good = JSON.stringify({ records: [plant] });
    expect((await post(good)).status).toBe(401);
    expect((await post(good, { authorization: 'Bearer wrong' })).status).toBe(403);
    const bad = await post(
      JSON.stringify({ records: [{ ...plant, capacity_granted_kw: '1.400' }] }),
      {
        authorization: `Bearer ${TOKEN}`,
      },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: 'invalid_record',
      issues: [{ path: ['records', 0, 'capacity_granted_kw'] }],
    });
    const big = await post(
      JSON.stringify({ records: [{ ...plant, plant_name: 'x'.repeat(10_000) }] }),
      {
        authorization: `Bearer ${TOKEN}`,
      },
    );
    expect(big.status).toBe(413);
  });

  it('folds accepted records into the state store served by GET /plants', async () => {
    const accepted = await post(JSON.stringify({ snapshot: '2026-10-01', records: [plant] }), {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(accepted.status).toBe(202);

    let state: { latest?: { record: unknown; snapshot: string } } = {};
    for (let i = 0; i < 100 && !state.latest; i += 1) {
      const read = await fetch(
        `${server.url}/plants/siga/${encodeURIComponent(plant.plant_id_ceg)}`,
      );
      if (read.status === 200) state = (await read.json()) as typeof state;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(state.latest).toMatchObject({ record: plant, snapshot: '2026-10-01' });
    const datasets = (await (await fetch(`${server.url}/datasets`)).json()) as { id: string }[];
    expect(datasets.map((d) => d.id)).toContain('siga');
  });
});
