import { createReadStream } from 'node:fs';
import readline from 'node:readline';

import { DUCKDB_CSV_MAX_LINE_BYTES, splitCsvLine } from '@matriz/core';

import { PADDED_HEADER, SOURCE_ROW_HEADER } from './recode.ts';

/** Lines one record may span before a quote that never closes is reported. */
const MAX_RECORD_LINES = 1000;

function unclosed(line: number, expected: number, text: string): CsvProblem {
  return { kind: 'unclosed_quote', line, fields: -1, expected, text: text.slice(0, 120) };
}

/**
 * A quoted field followed by text before the next separator (`"UF"V`): DuckDB refuses it. Only a
 * `"` at the start of a field opens one; `""` inside it is a quote.
 */
const TEXT_AFTER_QUOTE = /(?:^|;)"(?:[^"]|"")*"[^;"\r\n]/;

/** The two columns the silver step puts in front of each record (see `CsvRecoder`). */
const NUMBER_PREFIX = new RegExp(`^(?:[0-9]+;[01]|"${SOURCE_ROW_HEADER}";"${PADDED_HEADER}");`);

export interface CsvProblem {
  /**
   * `field_count`: not as many fields as the header; `unclosed_quote`: the file ends inside a
   * quoted field (`fields` is -1); `text_after_quote`: a quoted field goes on after its closing
   * quote; `too_long`: a record longer than DuckDB reads ({@link DUCKDB_CSV_MAX_LINE_BYTES}).
   */
  readonly kind: 'field_count' | 'unclosed_quote' | 'text_after_quote' | 'too_long';
  /** 1-based line of the file (the header is line 1). `fields` is -1 for an unclosed quote. */
  readonly line: number;
  readonly fields: number;
  readonly expected: number;
  /** The start of the offending line. */
  readonly text: string;
}

/**
 * Finds the first line DuckDB cannot read: a field count other than the header's (a truncated
 * download, a stray separator or quote), text after a closing quote, or a record too long. Run
 * only after the engine refused a file, to tell the user where.
 * Streams the UTF-8 file; a quoted field may span lines (the record's first line is named). With
 * `numbered`, the file is the silver step's copy with a record number and a padded flag in front
 * of every line: those columns are left out of the counts and the quoted text.
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
      const problem = (kind: CsvProblem['kind']): CsvProblem => ({
        kind,
        line: start,
        fields,
        expected,
        text: line.slice(0, 120),
      });
      if (Buffer.byteLength(line) > DUCKDB_CSV_MAX_LINE_BYTES) return problem('too_long');
      if (TEXT_AFTER_QUOTE.test(line)) return problem('text_after_quote');
      if (expected < 0) {
        expected = fields;
        continue;
      }
      if (fields !== expected) return problem('field_count');
    }
  } finally {
    lines.close();
  }
  if (open) return unclosed(open.line, expected, open.text);
  return undefined;
}
