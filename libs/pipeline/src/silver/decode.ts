import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

import { decodeWindows1252, type SourceEncoding } from '@matriz/core';

import { CsvRecoder, type FieldWatch, type RecordIndex } from './recode.ts';

export type { SourceEncoding } from '@matriz/core';

export interface DecodeResult {
  readonly encoding: SourceEncoding;
  /** A UTF-8 file with the same content: the input itself when it already was valid UTF-8. */
  readonly utf8Path: string;
  readonly bytes: number;
}

/**
 * Makes a CSV readable as UTF-8, streaming, in bounded memory: strict UTF-8 is validated and left
 * untouched (no copy); anything else is decoded as Windows-1252 (ANEEL's usual encoding; Latin-1
 * would turn `’ – “ ”` into control characters) into `outPath`.
 */
export async function decodeToUtf8(inPath: string, outPath: string): Promise<DecodeResult> {
  const { valid, bytes } = await isValidUtf8File(inPath);
  if (valid) return { encoding: 'utf-8', utf8Path: inPath, bytes };
  await transcodeWindows1252(inPath, outPath);
  return { encoding: 'windows-1252', utf8Path: outPath, bytes };
}

/**
 * Streams a Windows-1252 file into a UTF-8 file, in bounded memory (1 MB chunks), with the
 * same output as iconv-lite's `win1252` decoder at several times its speed.
 */
export async function transcodeWindows1252(inPath: string, outPath: string): Promise<void> {
  await pipeline(
    createReadStream(inPath, { highWaterMark: 1 << 20 }),
    new CsvRecoder({ from: 'windows-1252', numberRecords: false }),
    createWriteStream(outPath),
  );
}

/** What {@link writeNumberedUtf8} wrote. */
export interface NumberedCsv {
  readonly encoding: SourceEncoding;
  /** Data records numbered (header and blank lines not counted). */
  readonly records: number;
  /** Where every few records start in `outPath`, to read single records back. */
  readonly index: RecordIndex;
  /** Per watched field (in the order given), the count of each category over the records. */
  readonly fieldCounts: readonly ReadonlyMap<string, number>[];
}

/**
 * Streams a CSV into `outPath` as UTF-8 with each record numbered in a first column
 * ({@link CsvRecoder}), in one pass and bounded memory: Windows-1252 is transcoded on the
 * way, UTF-8 copied. `encoding` is the bronze manifest's (bronze checked every byte).
 */
export async function writeNumberedUtf8(
  inPath: string,
  outPath: string,
  encoding: SourceEncoding,
  options: { readonly indexEvery?: number; readonly watch?: readonly FieldWatch[] } = {},
): Promise<NumberedCsv> {
  const recoder = new CsvRecoder({ from: encoding, numberRecords: true, ...options });
  await pipeline(
    createReadStream(inPath, { highWaterMark: 1 << 20 }),
    recoder,
    createWriteStream(outPath),
  );
  return {
    encoding,
    records: recoder.records,
    index: recoder.index,
    fieldCounts: recoder.fieldCounts,
  };
}

/** Streams a file through a fatal UTF-8 decoder; multi-byte sequences may span chunks. */
export async function isValidUtf8File(file: string): Promise<{ valid: boolean; bytes: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      bytes += (chunk as Buffer).length;
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return { valid: true, bytes };
  } catch (error) {
    if (error instanceof TypeError) return { valid: false, bytes };
    throw error;
  }
}

/**
 * Reads the first line of a file (the header) in `encoding` (default UTF-8), without a BOM or
 * line ending, looking no further than `maxBytes`.
 */
export async function readFirstLine(
  file: string,
  encoding: SourceEncoding = 'utf-8',
  maxBytes = 1 << 16,
): Promise<string> {
  const stream = createReadStream(file, { start: 0, end: maxBytes - 1 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(0x0a)) {
      stream.destroy();
      break;
    }
  }
  const bytes = Buffer.concat(chunks);
  const nl = bytes.indexOf(0x0a);
  const line = nl >= 0 ? bytes.subarray(0, nl) : bytes;
  const text = encoding === 'utf-8' ? line.toString('utf8') : decodeWindows1252(line);
  return text.replace(/^\uFEFF/, '').replace(/\r$/, '');
}
