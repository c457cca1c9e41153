import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import type { SourceEncoding } from '@matriz/core';

import { CsvRecoder, SOURCE_ROW_HEADER } from './recode.ts';

/** Runs `input` through a recoder in the given chunk sizes (cycled); returns output and count. */
async function recode(
  input: Buffer,
  from: SourceEncoding,
  numberRecords: boolean,
  chunkSizes: readonly number[] = [1 << 20],
): Promise<{ text: string; bytes: Buffer; records: number }> {
  const chunks: Buffer[] = [];
  for (let at = 0, k = 0; at < input.length; k++) {
    const size = chunkSizes[k % chunkSizes.length]!;
    chunks.push(input.subarray(at, at + size));
    at += size;
  }
  const out: Buffer[] = [];
  const recoder = new CsvRecoder({ from, numberRecords });
  await pipeline(
    Readable.from(chunks),
    recoder,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  const bytes = Buffer.concat(out);
  return { text: bytes.toString('utf8'), bytes, records: recoder.records };
}

const H = `"${SOURCE_ROW_HEADER}";`;

describe('CsvRecoder numbering records', () => {
  it('numbers data records after the header, record ends written as LF', async () => {
    const input = Buffer.from('"A";"B"\r\n"x";"1"\r\n"y";"2"\r\n');
    const { text, records } = await recode(input, 'utf-8', true);
    expect(text).toBe(`${H}"A";"B"\n1;"x";"1"\n2;"y";"2"\n`);
    expect(records).toBe(2);
  });

  it('keeps a quoted field spanning lines in one record, `""` included', async () => {
    const input = Buffer.from('"A";"B"\n"multi\nline ""quoted""\r\nstill";"1"\n"z";"2"');
    const { text, records } = await recode(input, 'utf-8', true);
    expect(text).toBe(`${H}"A";"B"\n1;"multi\nline ""quoted""\r\nstill";"1"\n2;"z";"2"`);
    expect(records).toBe(2);
  });

  it('passes blank lines through unnumbered and drops a UTF-8 byte-order mark', async () => {
    const input = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('"A"\r\n\r\n"x"\r\n\n\r\n"y"\r\n\r\n'),
    ]);
    const { text, records } = await recode(input, 'utf-8', true);
    expect(text).toBe(`${H}"A"\n\n1;"x"\n\n\n2;"y"\n\n`);
    expect(records).toBe(2);
  });

  it('reads a `"` inside an unquoted field as text, as DuckDB does', async () => {
    // The real agents file is unquoted; a name like `Tubo 3" pol` must not open a quoted field.
    const input = Buffer.from('A;B\r\nx;Tubo 3" pol\r\ny;2\r\nz;"q;1"\r\n');
    const { text, records } = await recode(input, 'utf-8', true);
    expect(text).toBe(`${H}A;B\n1;x;Tubo 3" pol\n2;y;2\n3;z;"q;1"\n`);
    expect(records).toBe(3);
  });

  it('ends records at CRLF, LF or a lone CR alike, keeping line breaks inside quotes', async () => {
    const input = Buffer.from('"A";"B"\r\n"x";"1"\n"y";"a\rb\r\nc"\r"z";"3"\r\n"w";"4"\r');
    for (const sizes of [[1 << 20], [1], [3, 2]]) {
      const { text, records } = await recode(input, 'utf-8', true, sizes);
      expect(text).toBe(`${H}"A";"B"\n1;"x";"1"\n2;"y";"a\rb\r\nc"\n3;"z";"3"\n4;"w";"4"\n`);
      expect(records).toBe(4);
    }
  });

  it('counts past every power of ten without a gap', async () => {
    const rows = Array.from({ length: 1_005 }, (_, i) => `"r${i + 1}"`);
    const { text } = await recode(Buffer.from(['"A"', ...rows, ''].join('\n')), 'utf-8', true);
    const lines = text.split('\n').slice(1, -1);
    expect(lines).toHaveLength(1_005);
    lines.forEach((line, i) => expect(line).toBe(`${i + 1};"r${i + 1}"`));
  });

  it('gives the same bytes whatever the chunk boundaries (quotes, CRLF and è split)', async () => {
    const text = '"A";"B"\r\n"é";"a\r\nb"\r\n\r\n"x;y";""""\r\n"ç";"3"';
    const whole = await recode(Buffer.from(text), 'utf-8', true);
    for (const sizes of [[1], [2, 3], [5, 1, 7], [13]]) {
      const split = await recode(Buffer.from(text), 'utf-8', true, sizes);
      expect(split.text).toBe(whole.text);
      expect(split.records).toBe(3);
    }
  });

  it('transcodes Windows-1252 while numbering, as iconv-lite decodes it', async () => {
    // Every byte but the line feed, quote and carriage return, in one quoted field per record.
    const body = Buffer.from(
      Array.from({ length: 256 }, (_, i) => i).filter((b) => ![0x0a, 0x0d, 0x22].includes(b)),
    );
    const input = Buffer.concat([
      Buffer.from('"A"\r\n"'),
      body,
      Buffer.from('"\r\n"'),
      body,
      Buffer.from('"\r\n'),
    ]);
    const expected = iconv
      .decode(input, 'win1252')
      .split('\r\n')
      .map((line, i) => (i === 0 ? H + line : line === '' ? line : `${i};${line}`))
      .join('\n');
    for (const sizes of [[1 << 20], [7]]) {
      const { text, records } = await recode(input, 'windows-1252', true, sizes);
      expect(text).toBe(expected);
      expect(records).toBe(2);
    }
  });

  it('without numbering, transcodes every Windows-1252 byte as iconv-lite does', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const { bytes: out, records } = await recode(bytes, 'windows-1252', false, [3]);
    expect(out.equals(Buffer.from(iconv.decode(bytes, 'win1252'), 'utf8'))).toBe(true);
    expect(records).toBe(0);
  });

  it('grows its output for chunks made of many short records', async () => {
    const input = Buffer.from('"A"\n' + 'x\n'.repeat(5_000));
    const { text, records } = await recode(input, 'windows-1252', true);
    expect(records).toBe(5_000);
    expect(text.endsWith('4999;x\n5000;x\n')).toBe(true);
  });
});
