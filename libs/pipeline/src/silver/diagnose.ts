import { createReadStream } from 'node:fs';
import readline from 'node:readline';

import { splitCsvLine } from '@matriz/core';

/** The column the silver step puts in front of each record (see `CsvRecoder`). */
const NUMBER_PREFIX = /^(?:[0-9]+|"matriz_source_row");/;

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
 * Streams the UTF-8 file; quoted fields spanning lines are not expected in ANEEL's files. With
 * `numbered`, the file is the silver step's copy with a record number in front of every line:
 * that column is left out of the counts and the quoted text.
 */
export async function findFieldCountProblem(
  file: string,
  options: { readonly numbered?: boolean } = {},
): Promise<CsvProblem | undefined> {
  const lines = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }) });
  let expected = -1;
  let n = 0;
  try {
    for await (const raw of lines) {
      n += 1;
      let line = raw.replace(/^\uFEFF/, '').replace(/\r$/, '');
      if (options.numbered) line = line.replace(NUMBER_PREFIX, '');
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
