import fs from 'node:fs/promises';

import type { RecordIndex } from './recode.ts';

const QUOTE = 0x22;
const LF = 0x0a;
const SEMICOLON = 0x3b;
const SPACE = 0x20;

/**
 * Splits a run of numbered records (UTF-8, LF record ends, as `CsvRecoder` writes them) into
 * records, following the recoder's rules: a `"` opens a quoted field only at the start of a field
 * or after one space there, and a line break inside a quoted field does not end the record. Blank
 * lines are skipped.
 */
function splitRecords(bytes: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let start = 0;
  let atFieldStart = true;
  let oneSpace = false;
  let quoted = false;
  let quoteSeen = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (quoted) {
      if (quoteSeen) {
        quoteSeen = false;
        if (b === QUOTE) continue; // `""`: a quote inside the field
        quoted = false;
      } else {
        if (b === QUOTE) quoteSeen = true;
        continue;
      }
    }
    if (b === LF) {
      if (i > start) records.push(bytes.subarray(start, i));
      start = i + 1;
      atFieldStart = true;
      oneSpace = false;
    } else if (b === SEMICOLON) {
      atFieldStart = true;
      oneSpace = false;
    } else {
      if (b === QUOTE && (atFieldStart || oneSpace)) quoted = true;
      oneSpace = b === SPACE && atFieldStart;
      atFieldStart = false;
    }
  }
  if (start < bytes.length) records.push(bytes.subarray(start));
  return records;
}

/** The record number a numbered record starts with (`123;...`), or -1. */
function numberOf(record: Buffer): number {
  const end = record.indexOf(SEMICOLON);
  const text = end > 0 ? record.toString('latin1', 0, end) : '';
  return /^[0-9]+$/.test(text) ? Number(text) : -1;
}

/**
 * Copies the header and the records numbered `wanted` (sorted or not, each at most once) of a
 * numbered CSV written by `CsvRecoder` into `outPath`, reading only the index blocks that hold
 * them. Returns how many records were written; a number the file does not hold is an error.
 */
export async function writeNumberedRecords(
  file: string,
  index: RecordIndex,
  wanted: readonly number[],
  outPath: string,
): Promise<number> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const { every, offsets } = index;
    const read = async (from: number, to: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(to - from);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
      return buffer.subarray(0, bytesRead);
    };
    const header = await read(0, offsets[0] ?? size);
    const byBlock = new Map<number, Set<number>>();
    for (const n of wanted) {
      const block = Math.floor((n - 1) / every);
      if (!Number.isInteger(n) || n < 1 || block >= offsets.length) {
        throw new RangeError(`Record ${n} is not in \`${file}\` (${offsets.length} index blocks).`);
      }
      byBlock.set(block, (byBlock.get(block) ?? new Set()).add(n));
    }
    const parts: Buffer[] = [header];
    let written = 0;
    for (const block of [...byBlock.keys()].sort((a, b) => a - b)) {
      const numbers = byBlock.get(block)!;
      const records = splitRecords(await read(offsets[block]!, offsets[block + 1] ?? size));
      for (const [i, record] of records.entries()) {
        const expected = block * every + i + 1;
        if (!numbers.has(expected)) continue;
        if (numberOf(record) !== expected) {
          throw new Error(
            `Record ${expected} of \`${file}\` does not start with its number ` +
              `(\`${record.toString('utf8', 0, 40)}\`): the index does not match the file.`,
          );
        }
        parts.push(record, Buffer.from([LF]));
        written += 1;
      }
    }
    if (written !== wanted.length) {
      throw new RangeError(
        `Found ${written} of the ${wanted.length} records asked of \`${file}\`.`,
      );
    }
    await fs.writeFile(outPath, Buffer.concat(parts));
    return written;
  } finally {
    await handle.close();
  }
}
