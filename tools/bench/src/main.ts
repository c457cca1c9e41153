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
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // A negative number or a missing value: say which option, without a stack trace.
    console.error(`${(error as Error).message} (see tools/bench/README.md for the options).`);
    process.exit(2);
  }
}

const { values } = readArgs();

if (values.help) {
  console.log(
    [
      'pnpm bench [options]: the pipeline on synthetic GD files, stage by stage (tools/bench/README.md)',
      '  --rows N           rows of the first snapshot (default 200000; 4600000 is the national scale)',
      '  --small-rows N     rows of the smaller size for the memory comparison (default rows/4)',
      '  --pairs N          DuckDB reference and bronze → silver measured N times, alternately;',
      '                     the silver ratio is the median of the pair ratios (default 3)',
      '  --no-js-reference  skip the JavaScript reference (the slowest stage)',
      "  --out DIR          working folder: new, empty or an earlier run's (default a /tmp folder)",
      '  --keep             keep the working folder (deleted after the run otherwise)',
      '  --seed N           generator seed (default 1)',
      '  --json FILE        the whole report as JSON',
      'Exit status: 0 when every reconciliation check holds (targets are reported, not enforced:',
      'small sizes miss them), 1 when one does not, 2 for a bad option.',
    ].join('\n'),
  );
  process.exit(0);
}

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
let claimed = false;
try {
  const report = await runBench({
    rows,
    out,
    seed,
    ...(smallRows !== undefined ? { smallRows } : {}),
    jsReference: !values['no-js-reference'],
    pairs,
    log: (line) => console.error(line),
    onClaimed: () => {
      claimed = true;
    },
  });
  console.log(formatReport(report));
  if (values.json) await fs.writeFile(values.json, JSON.stringify(report, null, 2) + '\n');
  const broken = report.reconciliation.filter((c) => !c.ok);
  if (broken.length > 0) {
    console.error(
      `${broken.length} reconciliation check(s) failed: ${broken.map((c) => c.check).join('; ')}.`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  // Only a folder this run made its own is deleted: never one `--out` named that it refused.
  if (!values.keep && claimed) await fs.rm(out, { recursive: true, force: true });
}
