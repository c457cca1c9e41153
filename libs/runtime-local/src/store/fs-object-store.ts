import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';

import type { ObjectInfo, ObjectStore } from '@matriz/pipeline';

/** Name of the folder under the root that holds writes in flight. */
const STAGING = '.staging';

/**
 * The lake on the local filesystem. Every write goes to a staging file first and is renamed into
 * place, so a reader (or an interrupted run) never sees half an object.
 */
export class FsObjectStore implements ObjectStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Absolute path of a key, refusing keys that would escape the root. */
  pathOf(key: string): string {
    if (key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '')) {
      throw new Error(
        `Invalid object key \`${key}\`: keys are relative, without empty or '..' parts.`,
      );
    }
    return path.join(this.root, ...key.split('/'));
  }

  localPath(key: string): string {
    return this.pathOf(key);
  }

  uri(key: string): string {
    return pathToFileURL(this.pathOf(key)).href;
  }

  async put(key: string, body: Uint8Array | string): Promise<void> {
    await this.atomically(key, (tmp) => fs.writeFile(tmp, body));
  }

  async putStream(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
  ): Promise<{ bytes: number }> {
    let bytes = 0;
    await this.atomically(key, async (tmp) => {
      const source = body instanceof Readable ? body : Readable.from(body);
      source.on('data', (chunk: Uint8Array) => {
        bytes += chunk.length;
      });
      await pipeline(source, createWriteStream(tmp));
    });
    return { bytes };
  }

  async putFile(key: string, localPath: string): Promise<void> {
    await this.atomically(key, (tmp) => fs.copyFile(localPath, tmp));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async getStream(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await fs.access(file);
    return createReadStream(file);
  }

  async getFile(key: string, localPath: string): Promise<void> {
    await fs.mkdir(path.dirname(localPath), { recursive: true });
    await fs.copyFile(this.pathOf(key), localPath);
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const stat = await fs.stat(this.pathOf(key));
      return stat.isFile() ? { key, size: stat.size, lastModified: stat.mtime } : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const out: ObjectInfo[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      for (const entry of entries) {
        if (entry.name === STAGING && keyPrefix === '') continue;
        const key = keyPrefix + entry.name;
        if (entry.isDirectory()) {
          if (prefix.startsWith(key + '/') || (key + '/').startsWith(prefix)) {
            await walk(path.join(dir, entry.name), key + '/');
          }
        } else if (entry.isFile() && key.startsWith(prefix)) {
          const stat = await fs.stat(path.join(dir, entry.name));
          out.push({ key, size: stat.size, lastModified: stat.mtime });
        }
      }
    };
    await walk(this.root, '');
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  /** Writes through a staging file, fsyncs it, then renames it into place. */
  private async atomically(key: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(key);
    const staging = path.join(this.root, STAGING);
    await fs.mkdir(staging, { recursive: true });
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(staging, `${randomUUID()}.part`);
    try {
      await write(tmp);
      const handle = await fs.open(tmp, 'r');
      await handle.sync();
      await handle.close();
      await fs.rename(tmp, target);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** sha256 of a local file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}
