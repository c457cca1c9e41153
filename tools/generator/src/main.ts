import { parseArgs } from 'node:util';

import { generate } from './generate.ts';

const usage =
  'Usage: generator --dataset gd --rows N --out DIR [--seed N] [--encoding windows-1252|utf-8] ' +
  '[--date yyyy-mm-dd] [--second-snapshot]';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'gd' },
    rows: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    encoding: { type: 'string', default: 'windows-1252' },
    date: { type: 'string', default: '2026-09-01' },
    'second-snapshot': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const rows = Number(values.rows);
if (!values.out) fail('Missing `--out DIR`.');
if (!Number.isInteger(rows) || rows < 1)
  fail(`\`--rows ${values.rows}\` is not a positive integer.`);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail(`\`--seed ${values.seed}\` is not an integer.`);
if (values.encoding !== 'windows-1252' && values.encoding !== 'utf-8') {
  fail(`\`--encoding ${values.encoding}\` is not \`windows-1252\` or \`utf-8\`.`);
}
if (values.dataset !== 'gd')
  fail(`\`--dataset ${values.dataset}\` is not generated yet; use \`gd\`.`);
if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) fail(`\`--date ${values.date}\` is not yyyy-mm-dd.`);

console.log(
  'SYNTHETIC DATA: these files are generated, not published by ANEEL (see README.md beside them).',
);
const started = Date.now();
const result = await generate({
  dataset: 'gd',
  rows,
  out: values.out,
  seed,
  encoding: values.encoding,
  dataDate: values.date,
  secondSnapshot: values['second-snapshot'],
  command: process.argv.slice(2).join(' '),
});
for (const file of [result.first, ...(result.second ? [result.second] : [])]) {
  console.log(
    `${file.path}: ${file.rows} rows, ${(file.bytes / 1e6).toFixed(1)} MB, ${file.encoding}, ` +
      `${file.quarantined} to quarantine, sha256 ${file.sha256}`,
  );
}
if (result.second) {
  const s = result.second;
  console.log(
    `second snapshot: +${s.inserted} inserted, ${s.updated} updated, -${s.deleted} deleted`,
  );
}
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
