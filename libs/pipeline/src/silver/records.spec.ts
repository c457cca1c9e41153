import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { useSigaSample } from '../test-support/siga-sample.ts';
import { writeNumberedUtf8 } from './decode.ts';
import { SOURCE_ROW_HEADER } from './recode.ts';
import { writeNumberedRecords } from './records.ts';

const sample = useSigaSample();

/** The real SIGA sample, numbered by the recoder with an index entry every `every` records. */
async function numbered(text: string, every: number) {
  const source = await sample.write(`source-${every}.csv`, text);
  const out = path.join(path.dirname(source), `numbered-${every}.csv`);
  const decoded = await writeNumberedUtf8(source, out, 'utf-8', { indexEvery: every });
  return { out, decoded, text: (await readFile(out)).toString('utf8') };
}

describe('writeNumberedRecords on the real SIGA sample', () => {
  it('copies the header and exactly the records asked for, in number order', async () => {
    const { out, decoded, text } = await numbered(sample.lines().join('\n'), 256);
    expect(decoded.records).toBe(74);
    expect(decoded.index).toEqual({ every: 256, offsets: [text.indexOf('\n1;') + 1] });
    const picked = path.join(path.dirname(out), 'picked.csv');
    expect(await writeNumberedRecords(out, decoded.index, [74, 1, 40], picked)).toBe(3);
    const lines = (await readFile(picked)).toString('utf8').split('\n');
    expect(lines[0]?.startsWith(`"${SOURCE_ROW_HEADER}";`)).toBe(true);
    expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(['1', '40', '74', '']);
    expect(lines[2]).toBe(text.split('\n')[40]);
  });

  it('finds records across index blocks, a quoted field spanning lines and blank lines', async () => {
    const lines = sample.lines();
    // Record 5's plant name spans two lines; a blank line follows record 9.
    lines[5] = lines[5]!.replace(/^("[^"]*";")([^"]*)"/, '$1$2\nsecond line"');
    // Record 7's spans two lines too, its quote opened after one space (DuckDB reads it so).
    lines[7] = lines[7]!.replace(/^("[^"]*";)"([^"]*)"/, '$1 "$2\nthird line"');
    lines.splice(10, 0, '');
    const { out, decoded, text } = await numbered(lines.join('\n'), 4);
    // The recoder's index: where records 1, 5, 9, ... start in its output.
    const offsets: number[] = [];
    for (let n = 1; n <= decoded.records; n += 4) {
      offsets.push(Buffer.byteLength(text.slice(0, text.indexOf(`\n${n};`) + 1)));
    }
    expect(decoded.index).toEqual({ every: 4, offsets });
    const picked = path.join(path.dirname(out), 'picked-blocks.csv');
    const wanted = [5, 6, 7, 8, 9, 10, 73];
    await writeNumberedRecords(out, decoded.index, wanted, picked);
    const written = (await readFile(picked)).toString('utf8');
    const records = written.split(/\n(?=[0-9]+;)/).slice(1);
    expect(records.map((r) => Number(r.split(';')[0]))).toEqual(wanted);
    expect(records[0]).toContain('\nsecond line"');
    expect(records[2]).toContain('\nthird line"');
    expect(decoded.records).toBe(74);
  });

  it('refuses a number the file does not hold, and an index that does not match it', async () => {
    const { out, decoded } = await numbered(sample.lines().join('\n'), 256);
    const picked = path.join(path.dirname(out), 'refused.csv');
    await expect(writeNumberedRecords(out, decoded.index, [75], picked)).rejects.toThrow(
      /Found 0 of the 1 records/,
    );
    await expect(writeNumberedRecords(out, decoded.index, [0], picked)).rejects.toThrow(
      /Record 0 is not in/,
    );
    const shifted = { every: 256, offsets: [decoded.index.offsets[0]! + 1] };
    await expect(writeNumberedRecords(out, shifted, [1], picked)).rejects.toThrow(
      /does not start with its number/,
    );
  });
});
