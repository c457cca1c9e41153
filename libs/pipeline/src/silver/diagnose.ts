import { createReadStream } from 'node:fs';
import readline from 'node:readline';

import { splitCsvLine } from '@matriz/core';

import { SOURCE_ROW_HEADER } from './recode.ts';

/** Lines one record may span before a quote that never closes is reported. */
const MAX_RECORD_LINES = 1000;

function unclosed(line: number, expected: number, text: string): CsvProblem {
  return { line, fields: -1, expected, text: text.slice(0, 120) };
}

/** The column the silver step puts in front of each record (see `CsvRecoder`). */
const NUMBER_PREFIX = new RegExp(`^(?:[0-9]+|"${SOURCE_ROW_HEADER}");`);

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
 * Streams the UTF-8 file; a quoted field may span lines (the record's first line is named). With
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
  // A record whose quoted field spans lines: its first line's number and the text so far.
  let open: { line: number; text: string } | undefined;
  try {
    for await (const raw of lines) {
      n += 1;
      let line = raw.replace(/^\uFEFF/, '').replace(/\r$/, '');
      if (open) {
        line = `${open.text}\n${line}`;
      } else {
        if (options.numbered) line = line.replace(NUMBER_PREFIX, '');
        if (n > 1 && line === '') continue;
      }
      const start = open?.line ?? n;
      let fields: number;
      try {
        fields = splitCsvLine(line).length;
        open = undefined;
      } catch {
        // A quote still open: the field goes on on the next line, or the file was cut inside it.
        if (n - start >= MAX_RECORD_LINES) return unclosed(start, expected, line);
        open = { line: start, text: line };
        continue;
      }
      if (expected < 0) {
        expected = fields;
        continue;
      }
      if (fields !== expected) return { line: start, fields, expected, text: line.slice(0, 120) };
    }
  } finally {
    lines.close();
  }
  if (open) return unclosed(open.line, expected, open.text);
  return undefined;
}
