import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FsObjectStore } from './fs-object-store.ts';

describe('FsObjectStore', () => {
  let root: string;
  let store: FsObjectStore;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'matriz-fs-'));
    store = new FsObjectStore(root);
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('puts, heads, gets and lists objects sorted by key', async () => {
    await store.put('silver/b/x.txt', 'two');
    await store.put('silver/a/y.txt', new Uint8Array([1, 2, 3]));
    await store.put('gold/z.txt', 'z');
    expect(new TextDecoder().decode(await store.get('silver/b/x.txt'))).toBe('two');
    expect((await store.head('silver/a/y.txt'))?.size).toBe(3);
    expect((await store.list('silver/')).map((o) => o.key)).toEqual([
      'silver/a/y.txt',
      'silver/b/x.txt',
    ]);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('streams a body in and counts its bytes', async () => {
    const chunks = [new Uint8Array(1000).fill(65), new Uint8Array(24).fill(66)];
    const { bytes } = await store.putStream('bronze/a.csv', Readable.from(chunks));
    expect(bytes).toBe(1024);
    expect((await fs.readFile(path.join(root, 'bronze/a.csv'))).length).toBe(1024);
  });

  it('leaves no object behind when the stream fails midway', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(10);
      throw new Error('connection reset');
    }
    await expect(store.putStream('bronze/broken.csv', failing())).rejects.toThrow(
      'connection reset',
    );
    expect(await store.head('bronze/broken.csv')).toBeUndefined();
    expect(await fs.readdir(path.join(root, '.staging'))).toEqual([]);
  });

  it('refuses keys that escape the lake', () => {
    expect(() => store.pathOf('../etc/passwd')).toThrow(/Invalid object key `..\/etc\/passwd`/);
    expect(() => store.pathOf('/abs')).toThrow(/Invalid object key/);
  });
});
