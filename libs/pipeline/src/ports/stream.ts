/** A record on the change stream: the partition key keeps per-key order. */
export interface StreamRecord {
  readonly partitionKey: string;
  readonly data: string;
}

/** A record as a consumer receives it, with its position in the stream. */
export interface ReceivedRecord extends StreamRecord {
  readonly sequence: string;
}

/** Producer side of the change stream (append-only log, Kinesis, Pub/Sub). */
export interface StreamProducer {
  /** Appends records in order; resolves once they are durable. */
  publish(records: readonly StreamRecord[]): Promise<{ sequences: string[] }>;
}
