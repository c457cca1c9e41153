// Bundles each Lambda handler for the Node.js 20 runtime: dist/<handler>/index.mjs (ESM, one file).
// DuckDB is a native module: `@duckdb/node-api` and its bindings stay external, and the transform
// bundle gets them as real packages in dist/transform/node_modules (the linux-x64 glibc binding
// Lambda's x86_64 Node.js 20 runtime loads). The other handlers never import DuckDB.
import { cp, mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const handlers = ['extract', 'transform', 'consumer', 'api'];
const duckdbPackages = [
  '@duckdb/node-api',
  '@duckdb/node-bindings',
  '@duckdb/node-bindings-linux-x64',
];

/** Finds an installed package's real folder, following pnpm's links from `from`. */
async function packageDir(name, from) {
  const require = createRequire(path.join(from, 'package.json'));
  const manifest = require.resolve(`${name}/package.json`);
  return realpath(path.dirname(manifest));
}

/** Copies DuckDB's packages (flat, as npm would lay them out) next to the transform bundle. */
async function packageDuckDb(target) {
  const api = await packageDir('@duckdb/node-api', path.join(here, '../../libs/duckdb'));
  const bindings = await packageDir('@duckdb/node-bindings', api);
  const linux = await packageDir('@duckdb/node-bindings-linux-x64', bindings);
  const dirs = {
    '@duckdb/node-api': api,
    '@duckdb/node-bindings': bindings,
    '@duckdb/node-bindings-linux-x64': linux,
  };
  for (const name of duckdbPackages) {
    await cp(dirs[name], path.join(target, 'node_modules', name), {
      recursive: true,
      dereference: true,
    });
  }
}

await rm(dist, { recursive: true, force: true });
for (const handler of handlers) {
  const outdir = path.join(dist, handler);
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(here, 'src', `${handler}.ts`)],
    outfile: path.join(outdir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    conditions: ['@matriz/source'],
    external: ['@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-*'],
    // Some CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    sourcemap: true,
    minify: false,
    metafile: true,
    logLevel: 'warning',
  });
  const imports = Object.values(result.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external)
    .map((i) => i.path);
  if (handler === 'transform') {
    await packageDuckDb(outdir);
  } else if (imports.some((p) => p.startsWith('@duckdb/'))) {
    throw new Error(
      `Handler \`${handler}\` imports DuckDB; only transform may (keep it out of ${handler}.ts).`,
    );
  }
  await writeFile(path.join(outdir, 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
  const size = (await readFile(path.join(outdir, 'index.mjs'))).length;
  console.log(`${handler}: dist/${handler}/index.mjs ${(size / 1024).toFixed(0)} KiB`);
}
