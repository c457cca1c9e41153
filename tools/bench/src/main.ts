import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { formatReport } from './format-report.ts';
import { runBench } from './run-bench.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    'small-rows': { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'no-js-reference': { type: 'boolean', default: false },
    pairs: { type: 'string', default: '1' },
  },
});

function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`\`--${name} ${text}\` is not a positive integer.`);
    process.exit(2);
  }
  return n;
}

const rows = positive('rows', values.rows)!;
const smallRows = positive('small-rows', values['small-rows']);
const pairs = positive('pairs', values.pairs)!;
const out = values.out ?? path.join(os.tmpdir(), `matriz-bench-${process.pid}`);
console.log(
  `SYNTHETIC DATA: the bench generates its GD files (${out}); nothing here is ANEEL data.`,
);
try {
  const report = await runBench({
    rows,
    out,
    seed: Number(values.seed),
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
