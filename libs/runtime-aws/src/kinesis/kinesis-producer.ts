import {
  KinesisClient,
  PutRecordsCommand,
  type PutRecordsRequestEntry,
} from '@aws-sdk/client-kinesis';
import type { StreamProducer, StreamRecord } from '@matriz/pipeline';

import { AwsAdapterError } from '../config/aws-adapter-error.ts';
import { clientConfig, type AwsClientOptions } from '../config/client-config.ts';

/** PutRecords accepts at most 500 records per call. */
export const KINESIS_MAX_RECORDS = 500;
/** PutRecords accepts at most 5 MiB per call (data plus partition keys). */
export const KINESIS_MAX_BYTES = 5 * 1024 * 1024;

/** Builds a Kinesis client on the HTTP/1.1 handler (kinesalite rejects HTTP/2). */
export function createKinesisClient(options: AwsClientOptions): KinesisClient {
  return new KinesisClient(clientConfig(options));
}

/** Options of {@link KinesisProducer}. */
export interface KinesisProducerOptions {
  readonly client: KinesisClient;
  readonly streamName: string;
  /** Rounds of re-sending records Kinesis rejected (throttling), default 5. */
  readonly maxRetries?: number;
  /** Base back-off between rounds in milliseconds, doubled each round (default 100). */
  readonly backoffMs?: number;
}

/**
 * {@link StreamProducer} on Kinesis Data Streams: PutRecords in chunks of at most 500 records and
 * 5 MiB, re-sending only the entries Kinesis reported as failed, with exponential back-off.
 *
 * Order: records of one partition key land on one shard; Kinesis does not promise order inside a
 * single PutRecords call, which is why consumers order by snapshot, not by arrival.
 */
export class KinesisProducer implements StreamProducer {
  readonly #client: KinesisClient;
  readonly #stream: string;
  readonly #maxRetries: number;
  readonly #backoffMs: number;

  constructor(options: KinesisProducerOptions) {
    this.#client = options.client;
    this.#stream = options.streamName;
    this.#maxRetries = options.maxRetries ?? 5;
    this.#backoffMs = options.backoffMs ?? 100;
  }

  async publish(records: readonly StreamRecord[]): Promise<{ sequences: string[] }> {
    const sequences: string[] = new Array<string>(records.length);
    for (const chunk of chunkRecords(records)) {
      await this.#putChunk(records, chunk, sequences);
    }
    return { sequences };
  }

  async #putChunk(all: readonly StreamRecord[], indexes: number[], sequences: string[]) {
    let pending = indexes;
    for (let round = 0; pending.length > 0; round += 1) {
      if (round > this.#maxRetries) {
        throw new AwsAdapterError(
          'aws_kinesis_rejected',
          `Kinesis stream \`${this.#stream}\` rejected ${pending.length} record(s) after ` +
            `${this.#maxRetries} retries; raise the stream's capacity or retry later.`,
        );
      }
      if (round > 0) await sleep(this.#backoffMs * 2 ** (round - 1));
      const entries: PutRecordsRequestEntry[] = pending.map((i) => {
        const record = all[i] as StreamRecord;
        return { PartitionKey: record.partitionKey, Data: Buffer.from(record.data, 'utf8') };
      });
      const out = await this.#client.send(
        new PutRecordsCommand({ StreamName: this.#stream, Records: entries }),
      );
      const failed: number[] = [];
      (out.Records ?? []).forEach((result, position) => {
        const index = pending[position] as number;
        if (result.SequenceNumber !== undefined && result.ErrorCode === undefined) {
          sequences[index] = result.SequenceNumber;
        } else {
          failed.push(index);
        }
      });
      pending = failed;
    }
  }
}

/** Splits record indexes into PutRecords-sized chunks (500 records, 5 MiB). */
export function chunkRecords(records: readonly StreamRecord[]): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  records.forEach((record, index) => {
    const size = Buffer.byteLength(record.data, 'utf8') + Buffer.byteLength(record.partitionKey);
    if (
      current.length === KINESIS_MAX_RECORDS ||
      (current.length > 0 && bytes + size > KINESIS_MAX_BYTES)
    ) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
