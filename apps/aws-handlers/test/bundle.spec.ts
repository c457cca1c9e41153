import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

describe('the esbuild bundles', () => {
  beforeAll(async () => {
    await run(process.execPath, ['build.mjs'], { cwd: root });
  }, 240_000);

  it.each(['extract', 'transform', 'consumer', 'api'])(
    'loads the %s bundle in plain Node and exports a handler',
    async (name) => {
      // A fresh Node process without the workspace's TS loader, as in Lambda.
      const script = `import(${JSON.stringify(path.join(root, 'dist', name, 'index.mjs'))}).then((m) => console.log(typeof m.handler))`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        cwd: '/tmp',
      });
      expect(stdout.trim()).toBe('function');
    },
  );

  it('ships DuckDB native binding beside the transform bundle and it opens a database', async () => {
    const script =
      "import { DuckDBInstance } from '@duckdb/node-api';" +
      "const db = await DuckDBInstance.create(':memory:'); const c = await db.connect();" +
      "const r = await c.runAndReadAll('SELECT 40 + 2 AS n'); console.log(String(r.getRows()[0][0]));";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: path.join(root, 'dist', 'transform'),
    });
    expect(stdout.trim()).toBe('42');
  });
});
