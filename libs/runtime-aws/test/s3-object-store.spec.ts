import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createS3Client, lakeBucketRoutes, S3ObjectStore } from '../src/index.ts';
import { createBuckets, startS3, type Emulator } from './support/index.ts';

const buckets = { bronze: 'lake-bronze', silver: 'lake-silver', gold: 'lake-gold' };

describe('S3ObjectStore against s3rver', () => {
  let s3: Emulator;
  let client: S3Client;
  let store: S3ObjectStore;
  let work: string;

  beforeAll(async () => {
    s3 = await startS3();
    client = createS3Client(s3.aws);
    await createBuckets(client, Object.values(buckets));
    store = new S3ObjectStore({ client, buckets: lakeBucketRoutes(buckets), pageSize: 2 });
    work = await mkdtemp(path.join(os.tmpdir(), 'matriz-s3-store-'));
  });

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('puts and gets a small object, and names it by bucket', async () => {
    await store.put('bronze/siga/2024-09-01/manifest.json', '{"sha256":"abc"}', {
      contentType: 'application/json',
    });
    const body = await store.get('bronze/siga/2024-09-01/manifest.json');
    expect(new TextDecoder().decode(body)).toBe('{"sha256":"abc"}');
    expect(store.uri('bronze/siga/2024-09-01/manifest.json')).toBe(
      's3://lake-bronze/bronze/siga/2024-09-01/manifest.json',
    );
    expect(store.uri('silver/siga/data_date=2024-09-01/part-0.parquet')).toBe(
      's3://lake-silver/silver/siga/data_date=2024-09-01/part-0.parquet',
    );
  });

  it('returns undefined for a missing key on get and head', async () => {
    expect(await store.get('bronze/none/x.csv')).toBeUndefined();
    expect(await store.head('bronze/none/x.csv')).toBeUndefined();
  });

  it('rejects getStream of a missing key with a coded error', async () => {
    await expect(store.getStream('silver/none/x.parquet')).rejects.toMatchObject({
      code: 'aws_object_missing',
    });
  });

  it('streams a body larger than one part through a multipart upload', async () => {
    const part = Buffer.alloc(1024 * 1024, 0x61);
    const chunks = Array.from({ length: 11 }, (_, i) =>
      Buffer.concat([part, Buffer.from(`#${i}`)]),
    );
    const total = chunks.reduce((n, c) => n + c.length, 0);

    const out = await store.putStream('bronze/gd/2024-09-01/big.csv', Readable.from(chunks));

    expect(out.bytes).toBe(total);
    const head = await store.head('bronze/gd/2024-09-01/big.csv');
    expect(head?.size).toBe(total);
    const back: Buffer[] = [];
    for await (const c of await store.getStream('bronze/gd/2024-09-01/big.csv'))
      back.push(c as Buffer);
    expect(Buffer.concat(back).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('leaves no object behind when the source stream fails', async () => {
    async function* failing() {
      yield new Uint8Array([1, 2, 3]);
      throw new Error('connection reset by portal');
    }
    await expect(store.putStream('bronze/gd/2024-09-02/broken.csv', failing())).rejects.toThrow(
      'connection reset by portal',
    );
    expect(await store.head('bronze/gd/2024-09-02/broken.csv')).toBeUndefined();
  });

  it('round-trips a local file with putFile and getFile', async () => {
    const local = path.join(work, 'part-0.parquet');
    await writeFile(local, Buffer.from('PAR1 not really parquet PAR1'));
    await store.putFile('silver/siga/data_date=2024-09-01/part-0.parquet', local);
    const target = path.join(work, 'nested', 'copy.parquet');
    await store.getFile('silver/siga/data_date=2024-09-01/part-0.parquet', target);
    expect(await readFile(target, 'utf8')).toBe('PAR1 not really parquet PAR1');
  });

  it('lists a prefix across pages, sorted by key, from the right bucket', async () => {
    for (const d of ['2024-03-01', '2024-01-01', '2024-02-01', '2024-04-01', '2024-05-01']) {
      await store.put(`quality/siga/${d}.json`, `{"d":"${d}"}`);
    }
    const listed = await store.list('quality/siga/');
    expect(listed.map((o) => o.key)).toEqual([
      'quality/siga/2024-01-01.json',
      'quality/siga/2024-02-01.json',
      'quality/siga/2024-03-01.json',
      'quality/siga/2024-04-01.json',
      'quality/siga/2024-05-01.json',
    ]);
    expect(listed[0]?.size).toBe('{"d":"2024-01-01"}'.length);
    const raw = await client.send(
      new HeadObjectCommand({ Bucket: 'lake-silver', Key: 'quality/siga/2024-01-01.json' }),
    );
    expect(raw.ContentLength).toBe(18);
  });

  it('lists a short prefix across every bucket', async () => {
    const all = await store.list('');
    const keys = all.map((o) => o.key);
    expect(keys).toContain('bronze/siga/2024-09-01/manifest.json');
    expect(keys).toContain('silver/siga/data_date=2024-09-01/part-0.parquet');
    expect([...keys].sort()).toEqual(keys);
  });

  it('deletes an object', async () => {
    await store.put('gold/plants/part-0.parquet', 'x');
    expect((await store.head('gold/plants/part-0.parquet'))?.size).toBe(1);
    await store.delete('gold/plants/part-0.parquet');
    expect(await store.head('gold/plants/part-0.parquet')).toBeUndefined();
  });
});
