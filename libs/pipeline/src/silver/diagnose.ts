import { createReadStream } from 'node:fs';
import readline from 'node:readline';

import { splitCsvLine } from '@matriz/core';

export interface CsvProblem {
  /** 1-based line of the file (the header is line 1). `fields` is -1 for an unclosed quote. */
  readonly line: number;
  readonly fields: number;
  readonly expected: number;
  /** The start of the offending line. */
  readonly text: string;
}

/**
 * Finds the first line whose field count differs from the header's (a truncated download, a
 * stray separator or quote): run only after the engine refused a file, to tell the user where.
 * Streams the UTF-8 file; quoted fields spanning lines are not expected in ANEEL's files.
 */
export async function findFieldCountProblem(file: string): Promise<CsvProblem | undefined> {
  const lines = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }) });
  let expected = -1;
  let n = 0;
  try {
    for await (const raw of lines) {
      n += 1;
      const line = raw.replace(/^\uFEFF/, '').replace(/\r$/, '');
      if (n > 1 && line === '') continue;
      let fields: number;
      try {
        fields = splitCsvLine(line).length;
      } catch {
        // A quote that opens and never closes: the line was cut inside a quoted field.
        return { line: n, fields: -1, expected, text: line.slice(0, 120) };
      }
      if (expected < 0) {
        expected = fields;
        continue;
      }
      if (fields !== expected) return { line: n, fields, expected, text: line.slice(0, 120) };
    }
  } finally {
    lines.close();
  }
  return undefined;
}
