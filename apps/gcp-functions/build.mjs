// Bundles the Cloud Functions for the Node.js 20 runtime into dist/: one ESM file with every
// workspace library inlined, plus a package.json naming what stays external and is installed by
// Cloud Build: DuckDB (a native binding for linux-x64), the Functions Framework (the runtime
// starts it, and our handlers must register on that same copy) and the Google Cloud SDKs (the
// gRPC ones load .proto/.json files from their own folders at run time).
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(root, 'dist');
const own = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8'));
const readPackage = async (dir) =>
  JSON.parse(await fs.readFile(path.join(root, dir, 'package.json'), 'utf8'));
const duckdb = await readPackage('../../libs/duckdb');
const gcp = await readPackage('../../libs/runtime-gcp');

const external = {
  '@duckdb/node-api': duckdb.dependencies['@duckdb/node-api'],
  '@google-cloud/functions-framework': own.dependencies['@google-cloud/functions-framework'],
  '@google-cloud/bigquery': gcp.dependencies['@google-cloud/bigquery'],
  '@google-cloud/pubsub': gcp.dependencies['@google-cloud/pubsub'],
  '@google-cloud/storage': gcp.dependencies['@google-cloud/storage'],
};

await fs.rm(out, { recursive: true, force: true });
const result = await build({
  entryPoints: [path.join(root, 'src/index.ts')],
  outfile: path.join(out, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['@matriz/source'],
  external: Object.keys(external),
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join('\n'),
  },
  sourcemap: 'linked',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
await fs.writeFile(
  path.join(out, 'package.json'),
  JSON.stringify(
    {
      name: 'matriz-gcp-functions',
      version: own.version,
      private: true,
      type: 'module',
      main: 'index.js',
      engines: { node: '20' },
      dependencies: external,
    },
    null,
    2,
  ) + '\n',
);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(
  `dist/index.js and dist/package.json written (${(bytes / 1e6).toFixed(1)} MB of output)`,
);
