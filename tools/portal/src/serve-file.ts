import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { digestFile } from './file-digest.ts';

/** How one file is served. */
export interface ServeFileOptions {
  readonly path: string;
  readonly contentType: string;
  /** `Last-Modified` of the resource (the snapshot's data date). */
  readonly lastModified: Date;
  /** Close the socket after about half of the body (fault `truncate`). */
  readonly truncate?: boolean;
}

/** A parsed single `Range: bytes=...` header: inclusive offsets, or unsatisfiable. */
export type ByteRange = { readonly start: number; readonly end: number } | 'unsatisfiable';

/**
 * Reads a single-range `bytes=a-b`, `bytes=a-` or `bytes=-n` header against a size. Returns
 * undefined when there is no usable range (absent, malformed or multi-range: the full body is
 * served, which RFC 9110 allows).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const [a, b] = [m[1] ?? '', m[2] ?? ''];
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** The strong ETag of a file: its sha256, quoted. */
export async function etagOf(path: string): Promise<string> {
  return `"sha256-${(await digestFile(path)).sha256}"`;
}

function etagMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

/**
 * Serves a file as a CKAN upload does: strong ETag, `Last-Modified`, 304 on `If-None-Match` (or,
 * without it, `If-Modified-Since`), 206 on a single byte range (416 when unsatisfiable), HEAD,
 * and the bytes streamed from disk (never read whole).
 */
export async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  options: ServeFileOptions,
): Promise<void> {
  const digest = await digestFile(options.path);
  const etag = `"sha256-${digest.sha256}"`;
  const lastModified = options.lastModified.toUTCString();
  const size = digest.size;
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', lastModified);
  res.setHeader('Accept-Ranges', 'bytes');

  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const notModified =
    ifNoneMatch !== undefined
      ? etagMatches(ifNoneMatch, etag)
      : ifModifiedSince !== undefined &&
        !Number.isNaN(Date.parse(ifModifiedSince)) &&
        Math.floor(options.lastModified.getTime() / 1000) <=
          Math.floor(Date.parse(ifModifiedSince) / 1000);
  if (notModified) {
    res.writeHead(304).end();
    return;
  }

  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Length': 0 }).end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  res.setHeader('Content-Type', options.contentType);
  res.setHeader('Content-Length', length);
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  res.writeHead(range ? 206 : 200);
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }

  const stopAt = options.truncate ? Math.max(1, Math.floor(length / 2)) : length;
  const stream = createReadStream(options.path, { start, end: start + stopAt - 1 });
  await new Promise<void>((resolve) => {
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.on('end', () => {
      if (options.truncate) res.destroy();
      else res.end();
    });
    stream.pipe(res, { end: false });
  });
}
