import fs from 'node:fs/promises';

import {
  decodeWindows1252,
  detectEncoding,
  matchHeader,
  parseDate,
  splitCsvLine,
  type DatasetDefinition,
} from '@matriz/core';

import { PipelineError } from './errors.ts';

/** How many bytes are read to find the header and the first data row. */
const SNIFF_BYTES = 1 << 16;

export interface Sniffed {
  readonly dataDate: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly headers: readonly string[];
}

/**
 * Reads the start of a downloaded file: refuses what is not CSV data (empty, HTML: case C7),
 * detects the encoding, checks the header against the registry and reads the snapshot's own date
 * from the first data row (`DatGeracaoConjuntoDados`, ISO or `dd-mm-yyyy`).
 */
export async function sniffSnapshot(
  def: DatasetDefinition,
  file: string,
  origin: string,
  /** The whole file's encoding, when the caller checked it while writing the file. */
  knownEncoding?: 'utf-8' | 'windows-1252',
): Promise<Sniffed> {
  const handle = await fs.open(file, 'r');
  let sample: Uint8Array;
  let complete: boolean;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
    complete = bytesRead < SNIFF_BYTES;
  } finally {
    await handle.close();
  }

  const notData = (why: string): PipelineError =>
    new PipelineError(
      'source_not_data',
      def.id,
      `The payload from \`${origin}\` is ${why}, not a CSV of \`${def.id}\`. Nothing was written ` +
        'to silver; the previous snapshot stays current. Retry later or check the source.',
    );
  if (sample.length === 0) throw notData('empty');
  const encoding = knownEncoding ?? detectEncoding(sample, { complete });
  const text = encoding === 'utf-8' ? new TextDecoder().decode(sample) : decodeWindows1252(sample);
  const start = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 64)
    .toLowerCase();
  if (start.startsWith('<!doctype') || start.startsWith('<html') || start.startsWith('<?xml')) {
    throw notData('an HTML page');
  }

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (/\r(?!\n)[^]/.test(lines[0] ?? '')) {
    throw new PipelineError(
      'malformed_csv',
      def.id,
      `Cannot read \`${origin}\` as CSV: its lines end in a lone carriage return (CR), not CRLF or ` +
        'LF, so its records cannot be told apart. Nothing was written; convert the line ends and ingest it again.',
    );
  }
  const headers = splitCsvLine(lines[0] ?? '');
  const match = matchHeader(def, headers, { file: origin });
  const dateIndex = match.columns.find((c) => c.column.name === def.dataDateColumn)?.index ?? -1;
  const firstRow = firstRecord(lines.slice(1));
  if (dateIndex < 0 || firstRow === undefined || firstRow.trim() === '') {
    throw new PipelineError(
      'no_data_date',
      def.id,
      `Cannot read the data date of \`${origin}\`: ${firstRow ? `no \`${def.dataDateColumn}\` column` : 'the file has no data row'}. ` +
        'Check that the file is the dataset the command names.',
    );
  }
  const raw = splitCsvLine(firstRow)[dateIndex] ?? '';
  const parsed = parseDate(raw);
  if (!parsed.ok || typeof parsed.value !== 'string') {
    throw new PipelineError(
      'no_data_date',
      def.id,
      `The data date \`${raw}\` in row 1 of \`${origin}\` is not a date (expected yyyy-mm-dd or dd-mm-yyyy).`,
    );
  }
  return { dataDate: parsed.value, encoding, headers };
}

/**
 * The first data record of the sample: blank lines are skipped, and a record whose quoted field
 * spans lines is joined back together (as DuckDB reads it). Undefined when there is none.
 */
function firstRecord(lines: readonly string[]): string | undefined {
  const start = lines.findIndex((line) => line.trim() !== '');
  if (start < 0) return undefined;
  let record = lines[start]!;
  for (let next = start + 1; next < Math.min(lines.length, start + 50); next++) {
    if (parses(record)) break;
    record += '\n' + lines[next];
  }
  return record;
}

function parses(line: string): boolean {
  try {
    splitCsvLine(line);
    return true;
  } catch {
    return false;
  }
}
