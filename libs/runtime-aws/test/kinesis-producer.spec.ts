import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { chunkRecords, createKinesisClient, KinesisProducer } from '../src/index.ts';
import {
  createStream,
  readAllRecords,
  startKinesis,
  startRecordingEndpoint,
  type Emulator,
} from './support/index.ts';

describe('KinesisProducer against kinesalite', () => {
  let kinesis: Emulator;
  let client: KinesisClient;

  beforeAll(async () => {
    kinesis = await startKinesis();
    client = createKinesisClient(kinesis.aws);
    await createStream(client, 'changes', 2);
  });

  afterAll(async () => {
    client?.destroy();
    await kinesis?.stop();
  });

  it('publishes 1,203 records in chunks of 500 and returns one sequence per record', async () => {
    const producer = new KinesisProducer({ client, streamName: 'changes' });
    const records = Array.from({ length: 1203 }, (_, i) => ({
      partitionKey: `siga#${i % 17}`,
      data: JSON.stringify({ n: i }),
    }));

    const { sequences } = await producer.publish(records);

    expect(sequences).toHaveLength(1203);
    expect(new Set(sequences).size).toBe(1203);
    const read = await readAllRecords(client, 'changes');
    expect(read).toHaveLength(1203);
    const numbers = read.map(
      (r) => (JSON.parse(Buffer.from(r.data).toString('utf8')) as { n: number }).n,
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(records.map((_, i) => i));
    // One partition key always lands on one shard, in publish order.
    const key3 = read.filter((r) => r.partitionKey === 'siga#3');
    expect(new Set(key3.map((r) => r.shardId)).size).toBe(1);
    const n3 = key3.map(
      (r) => (JSON.parse(Buffer.from(r.data).toString('utf8')) as { n: number }).n,
    );
    expect(n3).toEqual([...n3].sort((a, b) => a - b));
  });
});

describe('chunkRecords', () => {
  it('splits at 500 records', () => {
    const records = Array.from({ length: 1001 }, () => ({ partitionKey: 'k', data: 'x' }));
    expect(chunkRecords(records).map((c) => c.length)).toEqual([500, 500, 1]);
  });

  it('splits before 5 MiB of payload', () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const records = [big, big, big].map((data) => ({ partitionKey: 'k', data }));
    expect(chunkRecords(records)).toEqual([[0, 1], [2]]);
  });
});

describe('KinesisProducer retries', () => {
  it('re-sends only the entries Kinesis reported as failed', async () => {
    // kinesalite never throttles, so a recording endpoint answers the first call with one failure.
    let round = 0;
    const endpoint = await startRecordingEndpoint((call) => {
      round += 1;
      const entries = call.input['Records'] as { PartitionKey: string }[];
      return {
        json: {
          FailedRecordCount: round === 1 ? 1 : 0,
          Records: entries.map((e, i) =>
            round === 1 && i === 1
              ? { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'slow down' }
              : { SequenceNumber: `${round}-${e.PartitionKey}`, ShardId: 'shardId-000000000000' },
          ),
        },
      };
    });
    const client = createKinesisClient(endpoint.aws);
    try {
      const producer = new KinesisProducer({ client, streamName: 's', backoffMs: 1 });
      const out = await producer.publish([
        { partitionKey: 'a', data: '1' },
        { partitionKey: 'b', data: '2' },
        { partitionKey: 'c', data: '3' },
      ]);
      expect(out.sequences).toEqual(['1-a', '2-b', '1-c']);
      expect(endpoint.calls.map((c) => c.operation)).toEqual([
        'Kinesis_20131202.PutRecords',
        'Kinesis_20131202.PutRecords',
      ]);
      const second = endpoint.calls[1]?.input['Records'] as {
        PartitionKey: string;
        Data: string;
      }[];
      expect(second).toEqual([{ PartitionKey: 'b', Data: Buffer.from('2').toString('base64') }]);
    } finally {
      client.destroy();
      await endpoint.stop();
    }
  });

  it('fails with a coded error when records keep being rejected', async () => {
    const endpoint = await startRecordingEndpoint(() => ({
      json: {
        FailedRecordCount: 1,
        Records: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'no' }],
      },
    }));
    const client = createKinesisClient(endpoint.aws);
    try {
      const producer = new KinesisProducer({
        client,
        streamName: 's',
        backoffMs: 1,
        maxRetries: 2,
      });
      await expect(producer.publish([{ partitionKey: 'a', data: '1' }])).rejects.toMatchObject({
        code: 'aws_kinesis_rejected',
      });
      expect(endpoint.calls).toHaveLength(3);
    } finally {
      client.destroy();
      await endpoint.stop();
    }
  });
});
