#!/usr/bin/env node
// The README's test command: typecheck, lint and test every project through Nx, then print one
// closing line with the totals read from each project's vitest JSON report.
// `node tools/ci/run-tests.mjs --affected` runs only what changed against main.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const reportDir = path.join(root, '.reports');
fs.rmSync(reportDir, { recursive: true, force: true });
fs.mkdirSync(reportDir, { recursive: true });

const mode = process.argv.includes('--affected') ? 'affected' : 'run-many';
const result = spawnSync(
  'pnpm',
  ['exec', 'nx', mode, '-t', 'typecheck', 'lint', 'test', '--outputStyle=static', '--skipNxCache'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MATRIZ_REPORT_DIR: reportDir, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of fs.readdirSync(reportDir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(fs.readFileSync(path.join(reportDir, file), 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
const exitCode = result.status ?? 1;
if (exitCode !== 0 && failed === 0) failed = 1; // typecheck or lint failed: never report green
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);
