import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { getDataset } from '@matriz/core';
import {
  bronzeToSilver,
  checkDatasetQuality,
  ingestFileToBronze,
  silentLogger,
} from '@matriz/pipeline';
import { openLocalLake } from '@matriz/runtime-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CommandContext } from './command.ts';
import { qualityCommand } from './quality.ts';

const CAPACIDADE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../tools/portal/data/aneel/capacidade-instalada-geracao-uf/2024-07-01/capacidade-instalada-geracao-uf.csv',
);

async function run(lake: string, args: string[]): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const ctx: CommandContext = {
    lake,
    stdout,
    stderr: new PassThrough(),
    interactive: false,
    logger: silentLogger,
    env: {},
  };
  const code = await qualityCommand.run(args, ctx);
  return { code, out };
}

describe('matriz quality', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'matriz-cli-quality-'));
    const lake = await openLocalLake(dir, { threads: 1 });
    const clock = { now: () => new Date('2024-07-20T00:00:00Z') };
    const deps = {
      store: lake.store,
      engine: lake.engine,
      clock,
      logger: silentLogger,
      workDir: lake.workDir,
    };
    const { snapshot } = await ingestFileToBronze(deps, 'capacidade_uf', CAPACIDADE);
    await bronzeToSilver(deps, getDataset('capacidade_uf'), snapshot!.dataDate);
    await checkDatasetQuality(
      { ...deps, warehouse: lake.warehouse, notifier: { notify: async () => undefined } },
      'capacidade_uf',
    );
    await lake.close();
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('lists the latest findings as JSON and exits 1 when one blocks', async () => {
    const { code, out } = await run(dir, ['--dataset', 'capacidade_uf', '--format', 'json']);
    const [latest] = JSON.parse(out) as { snapshot: string; findings: { code: string }[] }[];
    expect(latest?.snapshot).toBe('2024-07-01');
    expect(latest?.findings.filter((f) => f.code === 'label_mismatch')).toHaveLength(5);
    expect(code).toBe(1);
  });

  it('renders a table with one line per finding and a summary', async () => {
    const { out } = await run(dir, ['--dataset', 'capacidade_uf']);
    expect(out).toMatch(/missing_period/);
    expect(out).toMatch(/capacidade_uf\s+2024-07-01\s+5\s+5/);
  });

  it('writes a self-contained HTML page with every value escaped', async () => {
    const { out } = await run(dir, ['--format', 'html']);
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(out).toContain('<code>label_mismatch</code>');
    expect(out).toContain('RIO DE JANEIRO');
    expect(out).not.toMatch(/<script|https?:\/\//);
  });

  it('rejects an unknown dataset as a usage error', async () => {
    await expect(run(dir, ['--dataset', 'nope'])).rejects.toMatchObject({ code: 'usage' });
  });
});
