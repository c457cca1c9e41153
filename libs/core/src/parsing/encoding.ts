/**
 * Character encodings of ANEEL files. ANEEL publishes Windows-1252 (not Latin-1: the agents file
 * has `’ – “ ”` as bytes 0x92 0x96 0x93 0x94), and may publish UTF-8; detect, never assume.
 */

export type SourceEncoding = 'utf-8' | 'windows-1252';

/** Code points of Windows-1252 bytes 0x80..0x9F (WHATWG table; the 5 unassigned map to C1). */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/**
 * Whether `bytes` are valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
 * With `complete: false`, a multi-byte sequence cut by the end of the sample is not an error:
 * the sample is a prefix of a longer file.
 */
export function isValidUtf8(bytes: Uint8Array, options: { complete: boolean }): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) length = 3;
    else if (b >= 0xf0 && b <= 0xf4) length = 4;
    else return false;
    // Second-byte limits exclude overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
    const min = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const max = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k += 1) {
      if (i + k >= bytes.length) return !options.complete;
      const c = bytes[i + k]!;
      if (c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return false;
    }
    i += length;
  }
  return true;
}

/**
 * The encoding of a file from a sample of its bytes: `utf-8` when the sample is strictly valid
 * UTF-8 (pure ASCII included), else `windows-1252`. Pass `complete: true` when the sample is the
 * whole file, so a truncated trailing sequence counts as invalid.
 */
export function detectEncoding(sample: Uint8Array, options: { complete: boolean }): SourceEncoding {
  const body = hasUtf8Bom(sample) ? sample.subarray(3) : sample;
  return isValidUtf8(body, options) ? 'utf-8' : 'windows-1252';
}

/** Whether the bytes start with the UTF-8 byte-order mark EF BB BF. */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The bytes without a leading UTF-8 byte-order mark (same view when there is none). */
export function stripUtf8Bom(bytes: Uint8Array): Uint8Array {
  return hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
}

/** The text without a leading U+FEFF (a BOM that survived decoding). */
export function stripBomText(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes Windows-1252 bytes, including 0x80..0x9F (`€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – —`). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    chunk.push(b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

/**
 * Decodes a whole file (or a prefix ending on a line boundary): detects the encoding, drops a
 * UTF-8 BOM and decodes. Invalid UTF-8 never reaches the UTF-8 decoder.
 */
export function decodeSource(
  bytes: Uint8Array,
  options: { complete: boolean } = { complete: true },
): { text: string; encoding: SourceEncoding; hadBom: boolean } {
  const hadBom = hasUtf8Bom(bytes);
  const encoding = detectEncoding(bytes, options);
  const body = stripUtf8Bom(bytes);
  const text =
    encoding === 'utf-8' ? new TextDecoder('utf-8').decode(body) : decodeWindows1252(body);
  return { text, encoding, hadBom };
}

/**
 * Mojibake left by decoding UTF-8 bytes as Windows-1252 (or Latin-1): `Ã` or `Â` followed by a
 * character a UTF-8 continuation byte decodes to, or `â€` followed by one (`’ “ ”` mangled).
 */
const DOUBLE_ENCODED =
  /[ÂÃ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|â€/;

/** Whether the text looks double-encoded (`SÃ£o` for `São`), so it must be flagged, not loaded. */
export function looksDoubleEncoded(text: string): boolean {
  return DOUBLE_ENCODED.test(text);
}
