/** How many leading bytes are inspected to tell data from an HTML page. */
export const SNIFF_BYTES = 1024;

const HTML_STARTS = ['<!doctype', '<html'];

/**
 * True when bytes start like an HTML document (`<!DOCTYPE` or `<html`, any case), after an
 * optional UTF-8 BOM and whitespace (field case C7).
 */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i]!)) i += 1;
  const head = new TextDecoder('latin1').decode(bytes.subarray(i, i + 16)).toLowerCase();
  return HTML_STARTS.some((start) => head.startsWith(start));
}

/** Joins chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
