import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createS3Client,
  lakeBucketRoutes,
  ObjectStoreDeadLetter,
  S3ObjectStore,
} from '../src/index.ts';
import { createBuckets, startS3, type Emulator } from './support/index.ts';

describe('ObjectStoreDeadLetter on S3 (s3rver)', () => {
  let s3: Emulator;
  let client: S3Client;
  let store: S3ObjectStore;

  beforeAll(async () => {
    s3 = await startS3();
    client = createS3Client(s3.aws);
    await createBuckets(client, ['dl-bronze', 'dl-silver', 'dl-gold']);
    store = new S3ObjectStore({
      client,
      buckets: lakeBucketRoutes({ bronze: 'dl-bronze', silver: 'dl-silver', gold: 'dl-gold' }),
    });
  });

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  it('writes one JSON letter per sequence into the bronze bucket, idempotently', async () => {
    const letters = new ObjectStoreDeadLetter({
      store,
      now: () => new Date('2024-09-02T03:04:05Z'),
    });
    const letter = {
      source: 'arn:aws:kinesis:us-east-1:000000000000:stream/changes',
      sequence: '49590338271490256608559692538361571095921575989136588898',
      partitionKey: 'siga#x',
      data: '{not json',
      code: 'invalid_json',
      reason: 'Unexpected token n in JSON at position 1',
    };
    await letters.send(letter);
    await letters.send(letter);

    const listed = await store.list('dead-letter/');
    expect(listed.map((o) => o.key)).toEqual([
      'dead-letter/stream/2024-09-02/49590338271490256608559692538361571095921575989136588898.json',
    ]);
    expect(store.uri(listed[0]?.key ?? '')).toMatch(/^s3:\/\/dl-bronze\//);
    const body = JSON.parse(new TextDecoder().decode(await store.get(listed[0]?.key ?? '')));
    expect(body).toEqual({ ...letter, rejected_at: '2024-09-02T03:04:05.000Z' });
  });
});
