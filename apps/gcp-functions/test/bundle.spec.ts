/**
 * The esbuild bundle as Cloud Functions would load it: dist/index.js next to a node_modules with
 * only the packages dist/package.json lists. Every entry point must register on that external
 * Functions Framework copy (a bundled copy would leave the runtime with no functions).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
let sandbox = '';

afterAll(async () => {
  if (sandbox) await fs.rm(sandbox, { recursive: true, force: true });
});

/** Where a package is installed for the workspace project that depends on it. */
async function installed(name: string): Promise<string> {
  for (const dir of ['apps/gcp-functions', 'libs/runtime-gcp', 'libs/duckdb']) {
    const candidate = path.resolve(root, '../..', dir, 'node_modules', name);
    try {
      return await fs.realpath(candidate);
    } catch {
      // not installed for this project
    }
  }
  throw new Error(`\`${name}\` is not installed in the workspace; run pnpm install.`);
}

describe('bundle', () => {
  it('builds dist/ whose entry points register on the external Functions Framework', async () => {
    await run('node', ['build.mjs'], { cwd: root });
    const pkg = JSON.parse(await fs.readFile(path.join(root, 'dist/package.json'), 'utf8')) as {
      type: string;
      main: string;
      dependencies: Record<string, string>;
    };
    expect(pkg).toMatchObject({ type: 'module', main: 'index.js' });
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      '@duckdb/node-api',
      '@google-cloud/bigquery',
      '@google-cloud/functions-framework',
      '@google-cloud/pubsub',
      '@google-cloud/storage',
    ]);

    sandbox = await fs.mkdtemp(path.join(os.tmpdir(), 'gcf-bundle-'));
    for (const file of ['index.js', 'package.json']) {
      await fs.copyFile(path.join(root, 'dist', file), path.join(sandbox, file));
    }
    for (const name of Object.keys(pkg.dependencies)) {
      const target = path.join(sandbox, 'node_modules', name);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.symlink(await installed(name), target);
    }
    const script = [
      "await import('./index.js');",
      "const t = await import('@google-cloud/functions-framework/testing');",
      "const names = ['extract', 'transform', 'quality', 'notify', 'consumer', 'api'];",
      'console.log(JSON.stringify(names.filter((n) => typeof t.getFunction(n) === "function")));',
    ].join('\n');
    const { stdout } = await run('node', ['--input-type=module', '-e', script], {
      cwd: sandbox,
      env: { PATH: process.env['PATH'] ?? '', METADATA_SERVER_DETECTION: 'none' },
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]')).toEqual([
      'extract',
      'transform',
      'quality',
      'notify',
      'consumer',
      'api',
    ]);
  });
});
