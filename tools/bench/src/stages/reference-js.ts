import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { getDataset } from '@matriz/core';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';

import { required, timed, type Stage } from './stage.ts';

/** `1.234,56` or `,85` as a number; NaN when it is not one. */
function brNumber(text: string): number {
  const t = text.trim();
  return t === '' || t === '-' ? NaN : Number(t.replaceAll('.', '').replace(',', '.'));
}

/**
 * What most peers do: iconv-lite decodes, csv-parse splits, each record becomes a typed object
 * (silver names, numbers, dates) written as NDJSON. No quarantine, no reconciliation.
 */
export const referenceJsStage: Stage = async (args) => {
  const file = required(args.file, 'file');
  const scratch = required(args.scratch, 'scratch');
  await fs.mkdir(scratch, { recursive: true });
  const out = path.join(scratch, 'reference.ndjson');
  const columns = getDataset('gd').columns;
  const bytes = (await fs.stat(file)).size;
  let rows = 0;
  try {
    const { ms } = await timed(() =>
      pipeline(
        createReadStream(file, { highWaterMark: 1 << 20 }),
        iconv.decodeStream('win1252'),
        parse({ delimiter: ';', columns: true, bom: true }),
        new Transform({
          objectMode: true,
          transform(record: Record<string, string>, _encoding, done) {
            const typed: Record<string, unknown> = {};
            for (const c of columns) {
              const raw = record[c.source] ?? '';
              if (c.type === 'decimal' || c.type === 'double' || c.type === 'int64') {
                const n = brNumber(raw);
                typed[c.name] = Number.isNaN(n) ? null : n;
              } else if (c.type === 'date') {
                typed[c.name] = /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : null;
              } else {
                const t = raw.trim();
                typed[c.name] = t === '' || t === '-' ? null : t;
              }
            }
            rows += 1;
            done(null, JSON.stringify(typed) + '\n');
          },
        }),
        createWriteStream(out),
      ),
    );
    return { ms, rows, bytes, details: { ndjsonBytes: (await fs.stat(out)).size } };
  } finally {
    await fs.rm(out, { force: true });
  }
};
