// `matriz changes` on a lake where quality blocked the newest snapshot: the comparison is shown,
// but nothing reaches the stream and the pipeline's own events stay as they were.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { silentLogger } from '@matriz/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { changesCommand } from '../../src/commands/changes.ts';
import type { CommandContext } from '../../src/commands/command.ts';
import { ingestCommand } from '../../src/commands/ingest.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CAPACIDADE = path.resolve(
  here,
  '../../../../tools/portal/data/aneel/capacidade-instalada-geracao-uf/2024-07-01/capacidade-instalada-geracao-uf.csv',
);

async function run(
  command: typeof ingestCommand,
  lake: string,
  args: string[],
): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const stderr = new PassThrough();
  stderr.resume();
  const ctx: CommandContext = {
    lake,
    stdout,
    stderr,
    interactive: false,
    logger: silentLogger,
    env: {},
  };
  return { code: await command.run(args, ctx), out };
}

async function streamLines(lake: string): Promise<number> {
  const dir = path.join(lake, 'stream', 'changes', 'segments');
  let n = 0;
  for (const file of await fs.readdir(dir)) {
    n += (await fs.readFile(path.join(dir, file), 'utf8')).split('\n').filter(Boolean).length;
  }
  return n;
}

describe('matriz changes after a blocked snapshot', () => {
  let lake: string;
  let work: string;

  beforeAll(async () => {
    lake = await fs.mkdtemp(path.join(os.tmpdir(), 'matriz-changes-'));
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'matriz-changes-files-'));
    expect((await run(ingestCommand, lake, ['--dataset', 'capacidade_uf', CAPACIDADE])).code).toBe(
      0,
    );
    // The real file re-dated 2024-08-01 without its last data row (a state missing from the
    // newest month: a recent gap, an error finding that blocks the snapshot).
    const lines = (await fs.readFile(CAPACIDADE)).toString('latin1').split('\r\n');
    const body = lines.filter((l) => l !== '');
    const edited = [body[0]!, ...body.slice(1, -1)].map((l) =>
      l.replace(/^2024-07-01;/, '2024-08-01;'),
    );
    const newest = path.join(work, 'capacidade-instalada-geracao-uf.csv');
    await fs.writeFile(newest, Buffer.from(edited.join('\r\n') + '\r\n', 'latin1'));
    const blocked = await run(ingestCommand, lake, ['--dataset', 'capacidade_uf', newest]);
    expect(blocked.code).toBe(1);
    expect(blocked.out).toMatch(/capacidade_uf\s+blocked/);
  }, 120_000);
  afterAll(async () => {
    await fs.rm(lake, { recursive: true, force: true });
    await fs.rm(work, { recursive: true, force: true });
  });

  it('shows the blocked pair as an ad-hoc comparison and publishes nothing', async () => {
    const before = await streamLines(lake);
    expect(before).toBe(1507);
    const shown = await run(changesCommand, lake, ['--dataset', 'capacidade_uf', '--limit', '1']);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('2024-07-01 -> 2024-08-01: inserted 0, updated 0, deleted 1');
    expect(shown.out).toContain('ad-hoc comparison: not published');
    expect(await streamLines(lake)).toBe(before);
    await expect(fs.readdir(path.join(lake, 'changes', 'capacidade_uf'))).resolves.toEqual([
      '_adhoc',
      'to=2024-07-01',
    ]);
  });

  it('shows the pipeline’s own events for a snapshot it derived', async () => {
    const shown = await run(changesCommand, lake, [
      '--dataset',
      'capacidade_uf',
      '--to',
      '2024-07-01',
      '--format',
      'json',
    ]);
    const parsed = JSON.parse(shown.out) as { summary: { inserted: number; adhoc: boolean } };
    expect(parsed.summary).toMatchObject({ inserted: 1507, adhoc: false });
  });
});
