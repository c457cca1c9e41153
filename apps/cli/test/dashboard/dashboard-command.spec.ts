import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';

import { silentLogger } from '@matriz/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CommandContext } from '../../src/commands/command.ts';
import { dashboardCommand } from '../../src/commands/dashboard.ts';
import { ANEEL_FILES, buildLake, type TestLake } from './build-lake.ts';

let fixture: TestLake;

beforeAll(async () => {
  // The 74-row SIGA sample keeps this suite quick; the full file is covered elsewhere.
  fixture = await buildLake([ANEEL_FILES.siga2026Sample]);
  await fixture.lake.close();
});
afterAll(() => fs.rm(fixture.dir, { recursive: true, force: true }));

function context(lake: string) {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const ctx: CommandContext = {
    lake,
    stdout,
    stderr: new PassThrough(),
    interactive: false,
    logger: silentLogger,
    env: {},
  };
  return { ctx, output: () => out };
}

describe('matriz dashboard', () => {
  it('writes the page to <lake>/dashboard.html by default and prints its path', async () => {
    const { ctx, output } = context(fixture.dir);
    await expect(dashboardCommand.run([], ctx)).resolves.toBe(0);
    const file = path.join(fixture.dir, 'dashboard.html');
    expect(output()).toBe(`${file}\n`);
    const html = await fs.readFile(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('datetime="2026-10-01"');
  });

  it('writes to --out, resolved from the directory pnpm was started in', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'matriz-dashboard-out-'));
    const { ctx } = context(fixture.dir);
    const code = await dashboardCommand.run(['--out', 'page/index.html'], {
      ...ctx,
      env: { INIT_CWD: dir },
    });
    expect(code).toBe(0);
    await expect(fs.stat(path.join(dir, 'page/index.html'))).resolves.toBeTruthy();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('rejects a snapshot the lake does not hold', async () => {
    const { ctx } = context(fixture.dir);
    await expect(dashboardCommand.run(['--snapshot', '2022-06-01'], ctx)).rejects.toThrow(
      /no SIGA snapshot dated `2022-06-01` \(it has: 2026-10-01\)/,
    );
    await expect(dashboardCommand.run(['--snapshot', 'june'], ctx)).rejects.toThrow(
      /--snapshot: expected a SIGA data date/,
    );
  });

  it('refuses an empty lake, saying how to fill it', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'matriz-dashboard-empty-'));
    const { ctx } = context(empty);
    await expect(dashboardCommand.run([], ctx)).rejects.toThrow(/holds no data yet/);
    await fs.rm(empty, { recursive: true, force: true });
  });
});
