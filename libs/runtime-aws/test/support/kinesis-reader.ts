import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';

/** A record read back from a stream, as Lambda's Kinesis event source would hand it over. */
export interface ReadRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly data: Uint8Array;
  readonly arrivedAt: Date;
}

/** Reads every record of every shard from the trim horizon (what a fresh consumer sees). */
export async function readAllRecords(
  client: KinesisClient,
  streamName: string,
): Promise<ReadRecord[]> {
  const shards = await client.send(new ListShardsCommand({ StreamName: streamName }));
  const records: ReadRecord[] = [];
  for (const shard of shards.Shards ?? []) {
    const shardId = shard.ShardId ?? '';
    const it = await client.send(
      new GetShardIteratorCommand({
        StreamName: streamName,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    let iterator = it.ShardIterator;
    for (let round = 0; iterator && round < 100; round += 1) {
      const out = await client.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
      );
      for (const r of out.Records ?? []) {
        records.push({
          shardId,
          sequenceNumber: r.SequenceNumber ?? '',
          partitionKey: r.PartitionKey ?? '',
          data: r.Data ?? new Uint8Array(),
          arrivedAt: r.ApproximateArrivalTimestamp ?? new Date(0),
        });
      }
      if ((out.Records ?? []).length === 0) break;
      iterator = out.NextShardIterator;
    }
  }
  return records;
}
