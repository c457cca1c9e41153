import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** Digests of one file, computed in a single streaming pass. */
export interface FileDigest {
  /** Hex sha256 of the bytes (the ETag is derived from it). */
  readonly sha256: string;
  /** Hex md5 of the bytes (CKAN's `hash` field holds an md5-like digest). */
  readonly md5: string;
  /** Size in bytes. */
  readonly size: number;
}

const cache = new Map<string, Promise<FileDigest>>();

/**
 * sha256 and md5 of a file, streamed (a dropped-in GD file may be 1.4 GB) and memoised per path,
 * size and modification time, so concurrent requests share one pass.
 */
export async function digestFile(path: string): Promise<FileDigest> {
  const info = await stat(path);
  const key = `${path}\0${info.size}\0${info.mtimeMs}`;
  let digest = cache.get(key);
  if (!digest) {
    digest = computeDigest(path, info.size);
    cache.set(key, digest);
    digest.catch(() => cache.delete(key));
  }
  return digest;
}

async function computeDigest(path: string, size: number): Promise<FileDigest> {
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    sha256.update(chunk as Buffer);
    md5.update(chunk as Buffer);
  }
  return { sha256: sha256.digest('hex'), md5: md5.digest('hex'), size };
}
