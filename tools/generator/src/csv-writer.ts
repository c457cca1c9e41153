import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

import iconv from 'iconv-lite';

/**
 * Windows-1252 bytes of `text`. Latin-1 covers every code point below U+0100 natively and fast;
 * the few Windows-1252 characters above it (`’ “ ” – €` ...) are mapped through iconv-lite.
 */
export function encodeWindows1252(text: string): Buffer {
  const mapped = text.replace(/[\u0100-\uffff]/g, (ch) => {
    const bytes = iconv.encode(ch, 'win1252');
    if (bytes.length !== 1 || bytes[0] === 0x3f) {
      throw new Error(
        `Character \`${ch}\` (U+${ch.codePointAt(0)!.toString(16)}) has no Windows-1252 byte.`,
      );
    }
    return String.fromCharCode(bytes[0]!);
  });
  return Buffer.from(mapped, 'latin1');
}

/** File encodings ANEEL publishes: Windows-1252 (most files) or UTF-8 (some newer ones). */
export type FileEncoding = 'windows-1252' | 'utf-8';

/** What a finished file holds. */
export interface WrittenFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Data lines, header excluded. */
  readonly rows: number;
}

/**
 * A streamed `;`-separated writer in ANEEL's layout: every field in double quotes (as SIGA and
 * the other large files are published), CRLF line endings, no BOM. Lines are batched to about
 * 1 MB of text, encoded and written with back-pressure, so memory stays flat at any row count.
 */
export class CsvWriter {
  private readonly out: WriteStream;
  private readonly hash = createHash('sha256');
  private readonly encoding: FileEncoding;
  private pending: string[] = [];
  private pendingChars = 0;
  private bytes = 0;
  private rows = -1;

  constructor(
    readonly path: string,
    encoding: FileEncoding,
  ) {
    this.encoding = encoding;
    this.out = createWriteStream(path);
  }

  /** Writes one line (the first call writes the header). Await it: it waits for the disk. */
  async write(cells: readonly string[]): Promise<void> {
    let line = '';
    for (let i = 0; i < cells.length; i += 1) {
      const cell = cells[i]!;
      line +=
        (i === 0 ? '"' : ';"') + (cell.includes('"') ? cell.replaceAll('"', '""') : cell) + '"';
    }
    this.pending.push(line);
    this.pendingChars += line.length + 2;
    this.rows += 1;
    if (this.pendingChars >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('\r\n') + '\r\n';
    this.pending = [];
    this.pendingChars = 0;
    const chunk = this.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : encodeWindows1252(text);
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<WrittenFile> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    return {
      path: this.path,
      bytes: this.bytes,
      sha256: this.hash.digest('hex'),
      rows: Math.max(this.rows, 0),
    };
  }
}
