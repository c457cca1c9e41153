import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { splitCsvLine, type SourceEncoding } from '@matriz/core';

import { CsvRecoder, PADDED_HEADER, SOURCE_ROW_HEADER, type FieldWatch } from './recode.ts';

/** Runs `input` through a recoder in the given chunk sizes (cycled); returns output and count. */
async function recode(
  input: Buffer,
  from: SourceEncoding,
  numberRecords: boolean,
  chunkSizes: readonly number[] = [1 << 20],
  watch: readonly FieldWatch[] = [],
): Promise<{
  text: string;
  bytes: Buffer;
  records: number;
  counts: readonly ReadonlyMap<string, number>[];
}> {
  const chunks: Buffer[] = [];
  for (let at = 0, k = 0; at < input.length; k++) {
    const size = chunkSizes[k % chunkSizes.length]!;
    chunks.push(input.subarray(at, at + size));
    at += size;
  }
  const out: Buffer[] = [];
  const recoder = new CsvRecoder({ from, numberRecords, watch });
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
  return {
    text: bytes.toString('utf8'),
    bytes,
    records: recoder.records,
    counts: recoder.fieldCounts,
  };
}

const H = `"${SOURCE_ROW_HEADER}";"${PADDED_HEADER}";`;

/** The output with every padded flag read as `0`: what stays the same whatever the chunks. */
const unflagged = (text: string): string => text.replace(/^([0-9]+);[01];/gm, '$1;0;');

describe('CsvRecoder numbering records', () => {
  it('numbers data records after the header, record ends written as LF', async () => {
    const input = Buffer.from('"A";"B"\r\n"x";"1"\r\n"y";"2"\r\n');
    const { text, records } = await recode(input, 'utf-8', true);
    expect(text).toBe(`${H}"A";"B"\n1;0;"x";"1"\n2;0;"y";"2"\n`);
    expect(records).toBe(2);
  });

  it('keeps a quoted field spanning lines in one record, `""` included', async () => {
    const input = Buffer.from('"A";"B"\n"multi\nline ""quoted""\r\nstill";"1"\n"z";"2"');
    const { text, records } = await recode(input, 'utf-8', true);
    // Record 1: the space before `""` could have ended the field, so it is flagged (erring
    // towards a trim). Record 2 has no line end: its flag stays `1`.
    expect(text).toBe(`${H}"A";"B"\n1;1;"multi\nline ""quoted""\r\nstill";"1"\n2;1;"z";"2"`);
    expect(records).toBe(2);
  });

  it('passes blank lines through unnumbered and drops a UTF-8 byte-order mark', async () => {
    const input = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('"A"\r\n\r\n"x"\r\n\n\r\n"y"\r\n\r\n'),
    ]);
    const { text, records } = await recode(input, 'utf-8', true);
    expect(text).toBe(`${H}"A"\n\n1;0;"x"\n\n\n2;0;"y"\n\n`);
    expect(records).toBe(2);
  });

  it('drops a byte-order mark split across the first chunks', async () => {
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"A"\n"x"\n')]);
    for (const sizes of [[1], [2, 5], [1 << 20]]) {
      const { text } = await recode(input, 'utf-8', true, sizes);
      expect(unflagged(text)).toBe(`${H}"A"\n1;0;"x"\n`);
    }
    // Two bytes that only look like the start of one are kept.
    const { bytes } = await recode(Buffer.from([0xef, 0xbb]), 'utf-8', false, [1]);
    expect(bytes).toEqual(Buffer.from([0xef, 0xbb]));
  });

  it('reads a `"` inside an unquoted field as text, as DuckDB does', async () => {
    // The real agents file is unquoted; a name like `Tubo 3" pol` must not open a quoted field.
    const input = Buffer.from('A;B\r\nx;Tubo 3" pol\r\ny;2\r\nz;"q;1"\r\n');
    const { text, records } = await recode(input, 'utf-8', true);
    expect(text).toBe(`${H}A;B\n1;0;x;Tubo 3" pol\n2;0;y;2\n3;0;z;"q;1"\n`);
    expect(records).toBe(3);
  });

  it('opens a quoted field after one space, as DuckDB does, but not after two', async () => {
    // DuckDB 1.5.6 reads `1; "x\ny";3` as one record whose second field is `x\ny`, and the
    // quote of `  "p` as text.
    const input = Buffer.from('A;B;C\n1; "x\ny";3\n4;  "p\nq";6\n');
    for (const sizes of [[1 << 20], [1], [3, 2]]) {
      const { text, records } = await recode(input, 'utf-8', true, sizes);
      expect(unflagged(text)).toBe(`${H}A;B;C\n1;0;1; "x\ny";3\n2;0;4;  "p\n3;0;q";6\n`);
      expect(records).toBe(3);
    }
  });

  it('ends records at CRLF, LF or a lone CR alike, keeping line breaks inside quotes', async () => {
    const input = Buffer.from('"A";"B"\r\n"x";"1"\n"y";"a\rb\r\nc"\r"z";"3"\r\n"w";"4"\r');
    for (const sizes of [[1 << 20], [1], [3, 2]]) {
      const { text, records } = await recode(input, 'utf-8', true, sizes);
      expect(unflagged(text)).toBe(
        `${H}"A";"B"\n1;0;"x";"1"\n2;0;"y";"a\rb\r\nc"\n3;0;"z";"3"\n4;0;"w";"4"\n`,
      );
      expect(records).toBe(4);
    }
  });

  it('counts past every power of ten without a gap', async () => {
    const rows = Array.from({ length: 1_005 }, (_, i) => `"r${i + 1}"`);
    const { text } = await recode(Buffer.from(['"A"', ...rows, ''].join('\n')), 'utf-8', true);
    const lines = text.split('\n').slice(1, -1);
    expect(lines).toHaveLength(1_005);
    lines.forEach((line, i) => expect(line).toBe(`${i + 1};0;"r${i + 1}"`));
  });

  it('gives the same records whatever the chunk boundaries (quotes, CRLF and è split)', async () => {
    const text = '"A";"B"\r\n"é";"a\r\nb"\r\n\r\n"x;y";""""\r\n"ç";"3"';
    const whole = await recode(Buffer.from(text), 'utf-8', true);
    for (const sizes of [[1], [2, 3], [5, 1, 7], [13]]) {
      const split = await recode(Buffer.from(text), 'utf-8', true, sizes);
      // A record split across chunks keeps the flag `1`; nothing else differs.
      expect(unflagged(split.text)).toBe(unflagged(whole.text));
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
      .map((line, i) => (i === 0 ? H + line : line === '' ? line : `${i};0;${line}`))
      .join('\n');
    for (const sizes of [[1 << 20], [7]]) {
      const { text, records } = await recode(input, 'windows-1252', true, sizes);
      expect(unflagged(text)).toBe(expected);
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
    expect(text.endsWith('4999;0;x\n5000;0;x\n')).toBe(true);
  });
});

/** What DuckDB's `trim` removes: the Unicode space separators, nothing else (not tab, not LF). */
const TRIMMED =
  /^[\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]|[\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]$/;

/** Padded flag and fields of each numbered output line (no line breaks inside fields). */
function flaggedRecords(text: string): { flag: string; fields: string[] }[] {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => {
      const [, flag, ...fields] = splitCsvLine(line);
      return { flag: flag!, fields };
    });
}

describe('CsvRecoder padded flag', () => {
  const spaces = ['\u0020', '\u00a0', '\u1680', '\u2000', '\u200a', '\u202f', '\u205f', '\u3000'];

  it('flags a record whose field starts or ends with any space separator, quoted or not', async () => {
    for (const space of spaces) {
      for (const field of [`${space}x`, `x${space}`, `"${space}x"`, `"x${space}"`, `${space}`]) {
        const input = Buffer.from(`A;B;C\r\n1;${field};3\r\n1;x;3\r\n`);
        const { text } = await recode(input, 'utf-8', true);
        expect(
          flaggedRecords(text).map((r) => r.flag),
          JSON.stringify(field),
        ).toEqual(['1', '0']);
      }
    }
    // Windows-1252 has one besides the space: the no-break space, byte 0xA0.
    for (const bytes of [
      [0xa0, 0x78],
      [0x78, 0xa0],
      [0x22, 0xa0, 0x78, 0x22],
    ]) {
      const input = Buffer.concat([
        Buffer.from('A;B\r\n1;'),
        Buffer.from(bytes),
        Buffer.from('\r\n'),
      ]);
      const { text } = await recode(input, 'windows-1252', true);
      expect(flaggedRecords(text)[0]!.flag).toBe('1');
    }
  });

  it('leaves unflagged the fields trim would not change: accents, tabs, inner spaces', async () => {
    const input = Buffer.from(
      'A;B;C\n"PARÁ";ÁGUA BOA;São Paulo\n\tx\t;"a ; b";JOSÉ\n;"";-\n',
      'latin1',
    );
    for (const from of ['windows-1252', 'utf-8'] as const) {
      const bytes = from === 'utf-8' ? Buffer.from(input.toString('latin1'), 'utf8') : input;
      const { text } = await recode(bytes, from, true);
      expect(flaggedRecords(text).map((r) => r.flag)).toEqual(['0', '0', '0']);
    }
  });

  it('never leaves a record unflagged when one of its fields needs trimming (random records)', async () => {
    // Deterministic pseudo-random fields over the characters that matter at a field's edges.
    const alphabet = [
      'a',
      'Á',
      'é',
      'Ã',
      ' ',
      '\u00a0',
      '\u3000',
      '\u2009',
      '\u202f',
      '\t',
      ';',
      '""',
      '€',
      '…',
      '1',
    ];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const field = (): string => {
      const text = Array.from({ length: next(5) }, () => alphabet[next(alphabet.length)]).join('');
      const quoted = text.includes(';') || text.includes('"') || next(3) === 0;
      return quoted ? `"${text}"` : text;
    };
    const lines = Array.from({ length: 3_000 }, () => Array.from({ length: 4 }, field).join(';'));
    const input = Buffer.from(['A;B;C;D', ...lines, ''].join('\r\n'));
    for (const sizes of [[1 << 20], [97, 13, 1]]) {
      const records = flaggedRecords((await recode(input, 'utf-8', true, sizes)).text);
      expect(records).toHaveLength(3_000);
      let clean = 0;
      let unflagged = 0;
      for (const { flag, fields } of records) {
        const padded = fields.some((f) => TRIMMED.test(f));
        if (padded) expect(flag).toBe('1');
        if (!padded) clean += 1;
        if (flag === '0') unflagged += 1;
      }
      // It errs towards `1` on purpose (`…` at an edge, a space beside `""`), and this alphabet is
      // made of such edge cases; still, in whole chunks, a good share of clean records get `0`.
      if (sizes.length === 1) expect(unflagged / clean).toBeGreaterThan(0.3);
    }
  });
});

describe('CsvRecoder on quoted exports (the `";"` shortcut)', () => {
  // Every field quoted, as SIGA and the synthetic GD files are: the recoder closes a field and
  // opens the next in one step when it sees `";"`. Chunks of one or two bytes never leave room
  // for that step, so they give the byte-by-byte answer to compare with.
  let seed = 11;
  // The high bits of the generator: its low bits cycle with a short period.
  const next = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.floor(seed / 2 ** 16) % n;
  };
  const records = (alphabet: readonly string[], count: number): Buffer => {
    const field = () =>
      `"${Array.from({ length: next(4) }, () => alphabet[next(alphabet.length)]).join('')}"`;
    const lines = Array.from({ length: count }, () => Array.from({ length: 5 }, field).join(';'));
    return Buffer.from(['"A";"B";"C";"D";"E"', ...lines, ''].join('\r\n'));
  };
  const byText = (field: number): FieldWatch => ({
    field,
    classify: (bytes, start, end) => bytes.toString('utf8', start, end),
  });
  const watch = [byText(0), byText(2), byText(4)];

  it('gives the records, flags and watch counts of the byte-by-byte path', async () => {
    // No `""` here: without it the flag is exact, so it must equal the fields' own answer.
    const input = records(['a', 'é', 'Ã', ' ', '\u00a0', '1', ';', '\r\n'], 2_000);
    const whole = await recode(input, 'utf-8', true, [1 << 20], watch);
    expect(whole.records).toBe(2_000);
    for (const sizes of [[1], [2], [3], [97, 13, 1]]) {
      const split = await recode(input, 'utf-8', true, sizes, watch);
      expect(unflagged(split.text), JSON.stringify(sizes)).toBe(unflagged(whole.text));
      expect(split.counts, JSON.stringify(sizes)).toEqual(whole.counts);
    }
    // Line breaks inside quoted fields as a mark trim keeps, so each record is one line.
    const oneLine = whole.text.replace(/"[^"]*"/g, (f) => f.replace(/\r\n/g, '¶'));
    const flagged = flaggedRecords(oneLine);
    expect(flagged).toHaveLength(2_000);
    const expected = flagged.map(({ fields }) => (fields.some((f) => TRIMMED.test(f)) ? '1' : '0'));
    expect(flagged.map((r) => r.flag)).toEqual(expected);
    // Both flags occur, and fields are not all empty.
    expect(expected.filter((f) => f === '0').length).toBeGreaterThan(100);
    expect(expected.filter((f) => f === '1').length).toBeGreaterThan(100);
    expect(flagged.filter((r) => r.fields.every((f) => f === '')).length).toBeLessThan(100);
  });

  it('takes `"";"` inside a field as an escaped quote, not as the end of the field', async () => {
    const input = Buffer.from('"A";"B"\r\n"a"";""b";"c"\r\n"x""";"y"\r\n');
    const watched = await recode(input, 'utf-8', true, [1 << 20], [byText(0)]);
    expect(watched.records).toBe(2);
    expect(watched.text).toBe(`${H}"A";"B"\n1;0;"a"";""b";"c"\n2;0;"x""";"y"\n`);
    expect(watched.counts).toEqual([
      new Map([
        ['"a"";""b"', 1],
        ['"x"""', 1],
      ]),
    ]);
  });
});

describe('CsvRecoder watched fields', () => {
  /** Counts each value of the field as written (quotes included). */
  const byText = (field: number): FieldWatch => ({
    field,
    classify: (bytes, start, end) => bytes.toString('utf8', start, end),
  });

  it('hands the field of every data record to its watch, whatever the chunks', async () => {
    // Header not counted, blank lines skipped, a quoted field with `;`, `""` and a line break,
    // CRLF, a lone CR, and a last record without a line end.
    const input = Buffer.from('A;B;C\r\n1;"x;""y""\r\nz";p\r\n\r\n2;é;p\r3;"é";\n\n4;é;p');
    const expected = [
      new Map([
        ['"x;""y""\r\nz"', 1],
        ['é', 2],
        ['"é"', 1],
      ]),
      new Map([
        ['p', 3],
        ['', 1],
      ]),
    ];
    for (const sizes of [[1 << 20], [1], [2, 3], [5, 1, 7]]) {
      const { counts, records } = await recode(input, 'utf-8', true, sizes, [byText(1), byText(2)]);
      expect(records).toBe(4);
      expect(counts, JSON.stringify(sizes)).toEqual(expected);
    }
  });

  it('sees Windows-1252 values as UTF-8, and refuses a field watched twice', async () => {
    const input = Buffer.from([...Buffer.from('A\r\n'), 0xe9, 0x0d, 0x0a, 0x80, 0x0d, 0x0a]);
    const { counts } = await recode(input, 'windows-1252', true, [1], [byText(0)]);
    expect(counts).toEqual([
      new Map([
        ['é', 1],
        ['€', 1],
      ]),
    ]);
    expect(
      () => new CsvRecoder({ from: 'utf-8', numberRecords: true, watch: [byText(0), byText(0)] }),
    ).toThrow(RangeError);
  });
});
