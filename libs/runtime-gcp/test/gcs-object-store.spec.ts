/**
 * GcsObjectStore against the real `@google-cloud/storage` client talking to the fake JSON API
 * server in `fake-gcs-server.ts` on 127.0.0.1. What the fake does not cover (auth, IAM, ACLs,
 * versioning, lifecycle, ranged reads, compose, retries on 429/503) is listed in that file and in
 * infra-gcp/README.md; those behaviours are not tested here.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GcsObjectStore } from '../src/index.ts';
import { startFakeGcs, type FakeGcsServer } from './fake-gcs-server.ts';

let fake: FakeGcsServer;
let store: GcsObjectStore;
let tmp: string;

beforeAll(async () => {
  fake = await startFakeGcs({ pageSize: 2 });
  const storage = new Storage({ apiEndpoint: fake.endpoint, projectId: 'matriz-test' });
  store = new GcsObjectStore({
    storage,
    buckets: { bronze: 'lake-bronze', silver: 'lake-silver' },
    defaultBucket: 'lake-misc',
    pageSize: 2,
  });
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'gcs-store-'));
});

afterAll(async () => {
  await fake?.close();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

describe('GcsObjectStore', () => {
  it('routes keys to the bucket of their layer and renders gs:// uris', () => {
    expect(store.uri('bronze/siga/2022-06-01/a.csv')).toBe(
      'gs://lake-bronze/bronze/siga/2022-06-01/a.csv',
    );
    expect(store.uri('silver/siga/data_date=2022-06-01/part-0.parquet')).toBe(
      'gs://lake-silver/silver/siga/data_date=2022-06-01/part-0.parquet',
    );
    expect(store.uri('gold/t/part-0.parquet')).toBe('gs://lake-misc/gold/t/part-0.parquet');
  });

  it('puts small bodies with one multipart request and reads them back', async () => {
    await store.put('bronze/siga/2022-06-01/manifest.json', '{"sha256":"abc"}', {
      contentType: 'application/json',
    });
    expect(fake.uploads.at(-1)).toBe('multipart');
    const stored = fake.objects.get('lake-bronze/bronze/siga/2022-06-01/manifest.json');
    expect(stored?.contentType).toBe('application/json');
    const body = await store.get('bronze/siga/2022-06-01/manifest.json');
    expect(Buffer.from(body ?? []).toString('utf8')).toBe('{"sha256":"abc"}');
  });

  it('returns undefined for a missing object on get and head', async () => {
    expect(await store.get('bronze/none/x.csv')).toBeUndefined();
    expect(await store.head('bronze/none/x.csv')).toBeUndefined();
  });

  it('streams a body with a resumable upload and counts its bytes', async () => {
    const line = Buffer.from('Nome;Potência kW\nUsina;1.250,00\n', 'latin1');
    async function* chunks() {
      for (let i = 0; i < 2000; i++) yield line;
    }
    const result = await store.putStream('bronze/siga/2022-06-01/siga.csv', chunks(), {
      contentType: 'text/csv',
    });
    expect(result.bytes).toBe(line.length * 2000);
    expect(fake.uploads.at(-1)).toBe('resumable');
    const info = await store.head('bronze/siga/2022-06-01/siga.csv');
    expect(info?.size).toBe(line.length * 2000);
    expect(info?.lastModified).toBeInstanceOf(Date);
    const back = await store.getStream('bronze/siga/2022-06-01/siga.csv');
    const parts: Buffer[] = [];
    for await (const c of back) parts.push(c as Buffer);
    expect(Buffer.concat(parts).equals(Buffer.concat(Array(2000).fill(line)))).toBe(true);
  });

  it('leaves no object behind when the source stream fails', async () => {
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('portal connection reset');
    }
    await expect(store.putStream('bronze/siga/2022-07-01/siga.csv', failing())).rejects.toThrow(
      /portal connection reset/,
    );
    expect(await store.head('bronze/siga/2022-07-01/siga.csv')).toBeUndefined();
  });

  it('uploads and downloads local files byte for byte', async () => {
    const local = path.join(tmp, 'part-0.parquet');
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    await fs.writeFile(local, bytes);
    await store.putFile('silver/siga/data_date=2022-06-01/part-0.parquet', local);
    const stored = fake.objects.get('lake-silver/silver/siga/data_date=2022-06-01/part-0.parquet');
    expect(stored?.contentType).toBe('application/vnd.apache.parquet');
    const copy = path.join(tmp, 'copy.parquet');
    await store.getFile('silver/siga/data_date=2022-06-01/part-0.parquet', copy);
    expect((await fs.readFile(copy)).equals(bytes)).toBe(true);
  });

  it('lists every page of a prefix, sorted by key', async () => {
    for (const d of ['2022-03-01', '2022-01-01', '2022-02-01', '2022-05-01', '2022-04-01']) {
      await store.put(`bronze/gd/${d}/gd.csv`, d);
    }
    await store.put('bronze/gdx/2022-01-01/other.csv', 'x');
    const listed = await store.list('bronze/gd/');
    expect(listed.map((o) => o.key)).toEqual([
      'bronze/gd/2022-01-01/gd.csv',
      'bronze/gd/2022-02-01/gd.csv',
      'bronze/gd/2022-03-01/gd.csv',
      'bronze/gd/2022-04-01/gd.csv',
      'bronze/gd/2022-05-01/gd.csv',
    ]);
    expect(listed.every((o) => o.size === 10)).toBe(true);
  });

  it('lists across layer buckets for a prefix wider than one layer', async () => {
    const all = await store.list('');
    expect(all.some((o) => o.key.startsWith('bronze/'))).toBe(true);
    expect(all.some((o) => o.key.startsWith('silver/'))).toBe(true);
    const keys = all.map((o) => o.key);
    expect(keys).toEqual([...keys].sort());
  });

  it('deletes objects and ignores a missing one', async () => {
    await store.delete('bronze/gd/2022-01-01/gd.csv');
    expect(await store.head('bronze/gd/2022-01-01/gd.csv')).toBeUndefined();
    await expect(store.delete('bronze/gd/2022-01-01/gd.csv')).resolves.toBeUndefined();
  });

  it('names the uri and the remedy when a stream of a missing object is asked', async () => {
    await expect(store.getStream('bronze/none/y.csv')).rejects.toMatchObject({
      code: 'gcs_request_failed',
      message: expect.stringContaining('`gs://lake-bronze/bronze/none/y.csv`'),
    });
  });
});
