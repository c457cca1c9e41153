import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { formatReport } from './format-report.ts';
import { runBench } from './run-bench.ts';

function readArgs() {
  try {
    return parseArgs({
      options: {
        rows: { type: 'string', default: '200000' },
        'small-rows': { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string', default: '1' },
        json: { type: 'string' },
        keep: { type: 'boolean', default: false },
        'no-js-reference': { type: 'boolean', default: false },
        pairs: { type: 'string', default: '3' },
      },
    });
  } catch (error) {
    // A negative number or a missing value: say which option, without a stack trace.
    console.error(`${(error as Error).message} (see tools/bench/README.md for the options).`);
    process.exit(2);
  }
}

const { values } = readArgs();

function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`\`--${name} ${text}\` is not a positive integer.`);
    process.exit(2);
  }
  return n;
}

const rows = positive('rows', values.rows)!;
const smallRows = positive('small-rows', values['small-rows']);
const pairs = positive('pairs', values.pairs)!;
// The seed may be 0; the others must be at least 1.
const seed = values.seed === '0' ? 0 : positive('seed', values.seed)!;
const out = values.out ?? path.join(os.tmpdir(), `matriz-bench-${process.pid}`);
console.log(
  `SYNTHETIC DATA: the bench generates its GD files (${out}); nothing here is ANEEL data.`,
);
try {
  const report = await runBench({
    rows,
    out,
    seed,
    ...(smallRows !== undefined ? { smallRows } : {}),
    jsReference: !values['no-js-reference'],
    pairs,
    log: (line) => console.error(line),
  });
  console.log(formatReport(report));
  if (values.json) await fs.writeFile(values.json, JSON.stringify(report, null, 2) + '\n');
} finally {
  if (!values.keep) await fs.rm(out, { recursive: true, force: true });
}
