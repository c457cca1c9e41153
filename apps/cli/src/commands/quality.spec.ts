import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

/** A lake holding one checked snapshot of `capacidade_uf` made from `file`. */
async function lakeWith(file: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'matriz-cli-quality-'));
  const lake = await openLocalLake(dir, { threads: 1 });
  const clock = { now: () => new Date('2024-07-20T00:00:00Z') };
  const deps = {
    store: lake.store,
    engine: lake.engine,
    clock,
    logger: silentLogger,
    workDir: lake.workDir,
  };
  const { snapshot } = await ingestFileToBronze(deps, 'capacidade_uf', file);
  await bronzeToSilver(deps, getDataset('capacidade_uf'), snapshot!.dataDate);
  await checkDatasetQuality(
    { ...deps, warehouse: lake.warehouse, notifier: { notify: async () => undefined } },
    'capacidade_uf',
  );
  await lake.close();
  return dir;
}

describe('matriz quality', () => {
  let dir: string;
  let gapDir: string;
  let gapFile: string;
  beforeAll(async () => {
    dir = await lakeWith(CAPACIDADE);
    // The real file without Acre's row for its newest month: a recent gap, which blocks.
    const bytes = await readFile(CAPACIDADE);
    const lines = bytes.toString('latin1').split('\r\n');
    const newest = lines
      .slice(1)
      .filter((l) => l.includes(';AC;'))
      .sort((a, b) => {
        const [, ya, ma] = a.split(';');
        const [, yb, mb] = b.split(';');
        return Number(yb) * 100 + Number(mb) - (Number(ya) * 100 + Number(ma));
      })[0]!;
    gapFile = path.join(tmpdir(), `capacidade-uf-recent-gap-${process.pid}.csv`);
    await writeFile(gapFile, Buffer.from(lines.filter((l) => l !== newest).join('\r\n'), 'latin1'));
    gapDir = await lakeWith(gapFile);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(gapDir, { recursive: true, force: true });
    await rm(gapFile, { force: true });
  });

  it('lists the latest findings as JSON and exits 0 when none blocks', async () => {
    const { code, out } = await run(dir, ['--dataset', 'capacidade_uf', '--format', 'json']);
    const [latest] = JSON.parse(out) as {
      snapshot: string;
      findings: { code: string; severity: string }[];
    }[];
    expect(latest?.snapshot).toBe('2024-07-01');
    expect(latest?.findings.filter((f) => f.code === 'label_mismatch')).toHaveLength(5);
    // The real file's five missing state-quarters are all in 2013-2015: historical, warnings.
    const gaps = latest?.findings.filter((f) => f.code === 'missing_period') ?? [];
    expect(gaps.map((f) => f.severity)).toEqual(Array(5).fill('warning'));
    expect(code).toBe(0);
  });

  it('exits 1 when a recent period is missing', async () => {
    const { code, out } = await run(gapDir, ['--dataset', 'capacidade_uf', '--format', 'json']);
    const [latest] = JSON.parse(out) as { findings: { code: string; severity: string }[] }[];
    const errors = latest?.findings.filter((f) => f.severity === 'error') ?? [];
    expect(errors.map((f) => f.code)).toEqual(['missing_period']);
    expect(code).toBe(1);
  });

  it('renders a table with one line per finding and a summary', async () => {
    const { out } = await run(dir, ['--dataset', 'capacidade_uf']);
    expect(out).toMatch(/missing_period/);
    expect(out).toMatch(/label_mismatch/);
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
