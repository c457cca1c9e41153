import { Transform, type TransformCallback } from 'node:stream';

import type { SourceEncoding } from '@matriz/core';

/**
 * Header of the column a numbering {@link CsvRecoder} puts in front of every record: the record's
 * 1-based number among the data records (header and blank lines not counted).
 */
export const SOURCE_ROW_HEADER = 'matriz_source_row';

/**
 * Header of the second column a numbering {@link CsvRecoder} puts in front of every record: `0`
 * when no field of the record can start or end with a character SQL `trim` removes, so the
 * engine may skip trimming that record's fields; `1` when one may (or the recoder could not
 * tell, for a record split across its input chunks).
 */
export const PADDED_HEADER = 'matriz_padded';

/**
 * Windows-1252 code points of the bytes 0x80-0x9F, where it differs from Latin-1. The five
 * bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD, as
 * iconv-lite's `win1252` decoder makes them (the core's `decodeWindows1252`, used on samples,
 * keeps them as C1 controls instead, as WHATWG does).
 */
const C1_TO_WINDOWS_1252: readonly number[] = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0xfffd, 0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

/** UTF-8 of the bytes 0x80-0xFF: four slots each, the length then up to three bytes. */
function highByteTable(from: SourceEncoding): Uint8Array {
  const table = new Uint8Array(128 * 4);
  for (let b = 0x80; b <= 0xff; b++) {
    const slot = (b - 0x80) * 4;
    if (from === 'utf-8') {
      table[slot] = 1;
      table[slot + 1] = b;
      continue;
    }
    const utf8 = Buffer.from(String.fromCharCode(b < 0xa0 ? C1_TO_WINDOWS_1252[b - 0x80]! : b));
    table[slot] = utf8.length;
    utf8.copy(table, slot + 1);
  }
  return table;
}

/**
 * Where the scanner is in a record: only a `"` at the start of a field, or after one space there,
 * opens a quoted field.
 */
type FieldState = 0 | 1 | 2 | 3 | 4;
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Just read a `"` inside a quoted field: it closes the field unless another `"` follows. */
const QUOTE_SEEN = 3;
/**
 * One space at the start of a field: DuckDB then reads a `"` as opening a quoted field (` "a;b"`
 * is `a;b`), while two spaces or more make the quote plain text (checked in DuckDB 1.5.6).
 */
const ONE_SPACE = 4;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SEMICOLON = 0x3b;
const SPACE = 0x20;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const DIGIT_0 = 0x30;
const DIGIT_1 = 0x31;
const HEADER_PREFIX = Buffer.from(`"${SOURCE_ROW_HEADER}";"${PADDED_HEADER}";`, 'latin1');
/** Room for the longest prefix: the header's, or a record number, `;1;`. */
const PREFIX_ROOM = Math.max(HEADER_PREFIX.length, 24);
/** Field position outside data records: past any watched field, so one comparison skips it. */
const OUTSIDE = 2 ** 30;

/**
 * Input bytes that may begin a character DuckDB's `trim` removes (the Unicode space separators:
 * U+0020, U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000): the space, and Windows-1252's
 * no-break space or the UTF-8 lead bytes of the others.
 */
function spaceStarts(from: SourceEncoding): Uint8Array {
  const table = new Uint8Array(256);
  table[SPACE] = 1;
  for (const b of from === 'utf-8' ? [0xc2, 0xe1, 0xe2, 0xe3] : [0xa0]) table[b] = 1;
  return table;
}

/**
 * The field starting at `chunk[i]` (after its opening `"`, if any) may start with a space
 * separator; yes when that byte is in the next chunk.
 */
function startsWithSpace(chunk: Buffer, i: number, spaceStart: Uint8Array): boolean {
  if (i >= chunk.length) return true;
  let b = chunk[i]!;
  if (b === QUOTE) {
    if (i + 1 >= chunk.length) return true;
    b = chunk[i + 1]!;
  }
  return spaceStart[b] === 1;
}

/**
 * The UTF-8 written before `w` may end with a space separator: a space, or a multi-byte
 * sequence whose last two bytes could be one (`C2 A0`, `9A 80`, `80 xx`, `81 9F`). Errs towards
 * yes, which only costs a trim.
 */
function endsWithSpace(out: Buffer, w: number): boolean {
  const last = out[w - 1]!;
  if (last === SPACE) return true;
  if (last < 0x80) return false;
  if (w < 2) return true;
  const before = out[w - 2]!;
  return (
    (before === 0xc2 && last === 0xa0) || before === 0x80 || before === 0x81 || before === 0x9a
  );
}

/** Writes the UTF-8 of high byte `b` (from {@link highByteTable}) at `w`; returns the new end. */
function writeHighByte(out: Buffer, w: number, table: Uint8Array, b: number): number {
  const slot = (b - 0x80) << 2;
  const length = table[slot]!;
  out[w] = table[slot + 1]!;
  if (length === 1) return w + 1;
  out[w + 1] = table[slot + 2]!;
  if (length === 2) return w + 2;
  out[w + 2] = table[slot + 3]!;
  return w + 3;
}

/** A buffer twice as large with the first `used` bytes of `out`. */
function grow(out: Buffer, used: number): Buffer {
  const grown = Buffer.allocUnsafe(out.length * 2 + PREFIX_ROOM * 64);
  out.copy(grown, 0, 0, used);
  return grown;
}

/** Options of {@link CsvRecoder}. */
export interface CsvRecoderOptions {
  /** Encoding of the input (the bronze manifest's). */
  readonly from: SourceEncoding;
  /** Put each record's number in a first column ({@link SOURCE_ROW_HEADER}). */
  readonly numberRecords: boolean;
  /**
   * When numbering, also note where in the output record 1, `1 + every`, `1 + 2 * every`, ...
   * start ({@link CsvRecoder.index}), so single records can be read back later
   * (`writeNumberedRecords`). Default 256.
   */
  readonly indexEvery?: number;
  /**
   * When numbering, fields whose value of every data record is handed to a classifier as it is
   * copied, and the answers counted ({@link CsvRecoder.fieldCounts}): the silver step counts
   * placeholders this way instead of in a second scan of SQL.
   */
  readonly watch?: readonly FieldWatch[];
}

/** A field the numbering recoder classifies in every data record. */
export interface FieldWatch {
  /** 0-based position of the field in the source records (the header's order). */
  readonly field: number;
  /**
   * The category of the value in `bytes[start..end)`, the field as written to the output (UTF-8,
   * enclosing quotes and `""` included), or undefined to count nothing. Called once per record;
   * `bytes` is only valid during the call.
   */
  readonly classify: (bytes: Buffer, start: number, end: number) => string | undefined;
}

/** Where some numbered records start in the recoder's output. */
export interface RecordIndex {
  /** Records per entry: entry `k` is where record `k * every + 1` starts. */
  readonly every: number;
  /** Byte offsets in the output, one per entry. */
  readonly offsets: readonly number[];
}

/**
 * Streams a `;`-separated CSV into UTF-8, in bounded memory and one pass over the bytes: a
 * Windows-1252 input is transcoded (same output as iconv-lite's `win1252`), a UTF-8 one copied,
 * and with `numberRecords` the header gains `"matriz_source_row";"matriz_padded";` and the n-th
 * data record `n;0;` or `n;1;` ({@link PADDED_HEADER}: whether a field may need trimming).
 * A leading UTF-8 byte-order mark is dropped when numbering (the prefix goes in front).
 *
 * Records end at a line break outside a quoted field, as DuckDB reads them: a `"` opens a quoted
 * field only at the start of a field or after one space there (`3" pol` in an unquoted field is
 * text, and so is the quote of `  "x"`), `""` inside one is a
 * quote, and a quoted field may span lines. Record ends (CRLF, LF, or a lone CR) are written as
 * LF, so a file with mixed line ends reads as one with LF only; line breaks inside quoted fields
 * are kept as they are. Blank lines are passed through unnumbered.
 *
 * Why number in JavaScript: DuckDB reads a CSV on all cores only when nothing needs the file's
 * order while reading. `row_number() OVER ()` does, and it kept the whole validation on one core.
 * With the number in the file every row carries its place and the scan stays parallel (issue 7).
 * The loop costs less than the string-based transcoding it replaces.
 */
export class CsvRecoder extends Transform {
  private readonly table: Uint8Array;
  private readonly spaceStart: Uint8Array;
  private readonly expansion: number;
  private readonly numbering: boolean;
  private state: FieldState = FIELD_START;
  private atRecordStart = true;
  /** A CR outside quotes was the chunk's last byte: the next byte decides (LF or a new record). */
  private pendingCr = false;
  private first = true;
  /** The first bytes, held while they may still be the start of a byte-order mark. */
  private head: Buffer | undefined;
  /** ASCII digits of the last number written, most significant first. */
  private readonly digits = new Uint8Array(24);
  private digitCount = 0;
  /** A field of the current record may start or end with a space separator. */
  private padded = false;
  private recordCount = 0;
  /** Watch per field position (-1: none), and per watch the count of each category. */
  private readonly watchAt: Int32Array;
  private readonly watches: readonly FieldWatch[];
  private readonly counts: Map<string, number>[];
  /** Position of the current field in its record; {@link OUTSIDE} outside data records. */
  private fieldIndex = OUTSIDE;
  /** The current watched field's bytes from earlier chunks, when it spans them. */
  private carry: Buffer | undefined;
  private headerSeen = false;
  /** Bytes handed on before the current chunk's. */
  private written = 0;
  private readonly indexEvery: number;
  private readonly offsets: number[] = [];

  constructor(options: CsvRecoderOptions) {
    super();
    this.table = highByteTable(options.from);
    this.spaceStart = spaceStarts(options.from);
    this.expansion = options.from === 'utf-8' ? 1 : 3;
    this.numbering = options.numberRecords;
    this.indexEvery = options.indexEvery ?? 256;
    if (!Number.isInteger(this.indexEvery) || this.indexEvery < 1) {
      throw new RangeError(`indexEvery must be a positive integer, got ${this.indexEvery}.`);
    }
    this.watches = options.watch ?? [];
    this.counts = this.watches.map(() => new Map<string, number>());
    const last = Math.max(-1, ...this.watches.map((w) => w.field));
    this.watchAt = new Int32Array(last + 1).fill(-1);
    this.watches.forEach((w, k) => {
      if (!Number.isInteger(w.field) || w.field < 0 || this.watchAt[w.field] !== -1) {
        throw new RangeError(`watched field ${w.field} is not a new non-negative integer.`);
      }
      this.watchAt[w.field] = k;
    });
  }

  /** Per watch, in the order given, how many records' values fell in each category. */
  get fieldCounts(): readonly ReadonlyMap<string, number>[] {
    return this.counts;
  }

  /** The watch of field `field` of a data record, or -1. */
  private watchOf(field: number): number {
    return field < this.watchAt.length ? this.watchAt[field]! : -1;
  }

  /** A field watched by watch `k` ended at `out[end]`: classify and count it. */
  private endField(k: number, out: Buffer, start: number, end: number): void {
    let bytes = out;
    if (this.carry !== undefined) {
      bytes = Buffer.concat([this.carry, out.subarray(start, end)]);
      start = 0;
      end = bytes.length;
      this.carry = undefined;
    }
    const category = this.watches[k]!.classify(bytes, start, end);
    if (category === undefined) return;
    const counts = this.counts[k]!;
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }

  /** The chunk ends inside a watched field: keep its bytes so far for {@link endField}. */
  private carryField(out: Buffer, start: number, end: number): void {
    if (this.watchOf(this.fieldIndex) < 0) return;
    const part = out.subarray(start, end);
    this.carry = this.carry ? Buffer.concat([this.carry, part]) : Buffer.from(part);
  }

  /** Where every {@link RecordIndex.every}-th record starts in the output (when numbering). */
  get index(): RecordIndex {
    return { every: this.indexEvery, offsets: this.offsets };
  }

  /** Data records numbered so far (the header is not one); 0 when not numbering. */
  get records(): number {
    return this.recordCount;
  }

  override _flush(done: TransformCallback): void {
    // A file of one or two bytes, held back in case they began a byte-order mark.
    if (this.head) {
      const head = this.head;
      this.head = undefined;
      this.first = false;
      this.push(this.numbering ? this.recodeNumbered(head) : this.recode(head));
    }
    // A last record without a line end: its last field ends here (its bytes are carried).
    const k = this.atRecordStart ? -1 : this.watchOf(this.fieldIndex);
    if (k >= 0) this.endField(k, Buffer.alloc(0), 0, 0);
    this.fieldIndex = OUTSIDE;
    done(null, this.pendingCr ? Buffer.from([LF]) : undefined);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let input = chunk;
    if (this.first && input.length > 0) {
      if (this.head) input = Buffer.concat([this.head, input]);
      // A first chunk shorter than a byte-order mark that could still be one: wait for more.
      if (input.length < 3 && UTF8_BOM.subarray(0, input.length).equals(input)) {
        this.head = input;
        done();
        return;
      }
      this.first = false;
      this.head = undefined;
      const bom = input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
      if (bom && this.numbering && this.expansion === 1) input = input.subarray(3);
    }
    done(null, this.numbering ? this.recodeNumbered(input) : this.recode(input));
  }

  private recode(chunk: Buffer): Buffer {
    if (this.expansion === 1) return chunk;
    const table = this.table;
    const n = chunk.length;
    const out = Buffer.allocUnsafe(n * this.expansion);
    let w = 0;
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!;
      if (b < 0x80) {
        out[w++] = b;
        continue;
      }
      w = writeHighByte(out, w, table, b);
    }
    return out.subarray(0, w);
  }

  private recodeNumbered(chunk: Buffer): Buffer {
    const table = this.table;
    const spaceStart = this.spaceStart;
    const expansion = this.expansion;
    const n = chunk.length;
    let out: Buffer = Buffer.allocUnsafe(n * expansion + PREFIX_ROOM * 64);
    let w = 0;
    let state = this.state;
    let atStart = this.atRecordStart;
    let pendingCr = this.pendingCr;
    // A record begun in an earlier chunk keeps the `1` already handed on.
    let flagAt = -1;
    let padded = this.padded;
    // Where the current field starts in `out` (its earlier bytes, if any, are carried).
    let fieldStart = 0;
    // Position of the current field in its data record (OUTSIDE outside one), and the watches.
    let field = this.fieldIndex;
    const watchAt = this.watchAt;
    const watched = watchAt.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!;
      if (pendingCr) {
        // A CR outside quotes ends the record: CRLF and a lone CR both become one LF.
        pendingCr = false;
        if (field < watched && watchAt[field]! >= 0)
          this.endField(watchAt[field]!, out, fieldStart, w);
        field = OUTSIDE;
        if (flagAt >= 0 && !padded && !(state === UNQUOTED && endsWithSpace(out, w)))
          out[flagAt] = DIGIT_0;
        flagAt = -1;
        out[w++] = LF;
        atStart = true;
        state = FIELD_START;
        if (b === LF) continue;
      }
      if (atStart && b !== LF && b !== CR) {
        atStart = false;
        if (w + PREFIX_ROOM + (n - i) * expansion > out.length) out = grow(out, w);
        const header = !this.headerSeen;
        w = this.writePrefix(out, w);
        flagAt = header ? -1 : w - 2;
        padded = startsWithSpace(chunk, i, spaceStart);
        field = header ? OUTSIDE : 0;
        fieldStart = w;
      }
      if (b >= 0x80) {
        w = writeHighByte(out, w, table, b);
        if (state !== QUOTED) state = UNQUOTED;
      } else if (state === QUOTED) {
        if (b === QUOTE) {
          // Closes the field unless another `"` follows; either way, check what it ends.
          if (endsWithSpace(out, w)) padded = true;
          // `";"` (most fields of a quoted export): the field ends and the next quoted one
          // opens, done here as the bytes one by one would (same checks, same watch).
          if (i + 2 < n && chunk[i + 1] === SEMICOLON && chunk[i + 2] === QUOTE) {
            out[w++] = QUOTE;
            out[w++] = SEMICOLON;
            if (field < watched && watchAt[field]! >= 0)
              this.endField(watchAt[field]!, out, fieldStart, w - 1);
            field += 1;
            fieldStart = w;
            if (startsWithSpace(chunk, i + 2, spaceStart)) padded = true;
            out[w++] = QUOTE;
            i += 2;
            continue;
          }
          state = QUOTE_SEEN;
          out[w++] = b;
          continue;
        }
        // Most bytes are plain ASCII inside quotes: copy the run in a tight loop.
        out[w++] = b;
        let j = i + 1;
        for (; j < n; j++) {
          const c = chunk[j]!;
          if (c === QUOTE || c >= 0x80) break;
          out[w++] = c;
        }
        i = j - 1;
      } else if (b === CR) {
        pendingCr = true;
      } else {
        out[w++] = b;
        if (b === QUOTE) state = state === UNQUOTED ? UNQUOTED : QUOTED;
        else if (b === SPACE && state === FIELD_START) state = ONE_SPACE;
        else if (b === SEMICOLON) {
          // A quoted field's end was checked at its closing quote.
          if (state === UNQUOTED && endsWithSpace(out, w - 1)) padded = true;
          if (startsWithSpace(chunk, i + 1, spaceStart)) padded = true;
          state = FIELD_START;
          if (field < watched && watchAt[field]! >= 0)
            this.endField(watchAt[field]!, out, fieldStart, w - 1);
          field += 1;
          fieldStart = w;
        } else if (b === LF) {
          if (field < watched && watchAt[field]! >= 0)
            this.endField(watchAt[field]!, out, fieldStart, w - 1);
          field = OUTSIDE;
          if (flagAt >= 0 && !padded && !(state === UNQUOTED && endsWithSpace(out, w - 1)))
            out[flagAt] = DIGIT_0;
          flagAt = -1;
          state = FIELD_START;
          atStart = true;
        } else {
          state = UNQUOTED;
          // The rest of a plain unquoted run, in a tight loop too.
          let j = i + 1;
          for (; j < n; j++) {
            const c = chunk[j]!;
            if (c === SEMICOLON || c === QUOTE || c === LF || c === CR || c >= 0x80) break;
            out[w++] = c;
          }
          i = j - 1;
        }
      }
    }
    this.fieldIndex = field;
    if (!atStart) this.carryField(out, fieldStart, w);
    this.state = state;
    this.atRecordStart = atStart;
    this.pendingCr = pendingCr;
    this.padded = padded;
    this.written += w;
    return out.subarray(0, w);
  }

  /** The header's prefix, or the next record number, `;1;`, at `w`; returns the new end. */
  private writePrefix(out: Buffer, w: number): number {
    if (!this.headerSeen) {
      this.headerSeen = true;
      return w + HEADER_PREFIX.copy(out, w);
    }
    if (this.recordCount % this.indexEvery === 0) this.offsets.push(this.written + w);
    this.recordCount += 1;
    this.increment();
    const digits = this.digits;
    let at = w;
    for (let k = 0; k < this.digitCount; k++) out[at++] = digits[k]!;
    out[at++] = SEMICOLON;
    // Padded until the record ends inside this chunk without a field that needs trimming.
    out[at++] = DIGIT_1;
    out[at++] = SEMICOLON;
    return at;
  }

  /** Adds one to the decimal counter in {@link digits} (no division per record). */
  private increment(): void {
    const digits = this.digits;
    for (let p = this.digitCount - 1; p >= 0; p--) {
      if (digits[p] !== 0x39) {
        digits[p] = digits[p]! + 1;
        return;
      }
      digits[p] = 0x30;
    }
    digits.copyWithin(1, 0, this.digitCount);
    digits[0] = 0x31;
    this.digitCount += 1;
  }
}
