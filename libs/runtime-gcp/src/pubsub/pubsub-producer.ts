import type { PubSub, Topic } from '@google-cloud/pubsub';
import type { StreamProducer, StreamRecord } from '@matriz/pipeline';

import { GcpRuntimeError } from '../errors.ts';

/**
 * The change stream on Pub/Sub. Each record is published with its partition key as the ordering
 * key, so a subscription with message ordering enabled delivers one entity's events in order.
 * The returned sequences are Pub/Sub message ids.
 */
export class PubSubProducer implements StreamProducer {
  readonly #topic: Topic;

  constructor(pubsub: PubSub, topicName: string) {
    this.#topic = pubsub.topic(topicName, {
      messageOrdering: true,
      batching: { maxMessages: 500, maxMilliseconds: 10 },
    });
  }

  async publish(records: readonly StreamRecord[]): Promise<{ sequences: string[] }> {
    // All publishes start at once; the client keeps them in order per ordering key.
    const results = await Promise.allSettled(
      records.map((record) =>
        this.#topic.publishMessage({
          data: Buffer.from(record.data, 'utf8'),
          orderingKey: record.partitionKey,
        }),
      ),
    );
    const failed = results.findIndex((r) => r.status === 'rejected');
    if (failed !== -1) {
      // A failed publish pauses its ordering key until resumed; resume so a retry can go through.
      for (const key of new Set(records.map((r) => r.partitionKey)))
        this.#topic.resumePublishing(key);
      const reason = (results[failed] as PromiseRejectedResult).reason as unknown;
      throw new GcpRuntimeError(
        'pubsub_publish_failed',
        `Publishing record ${failed} (ordering key \`${records[failed]?.partitionKey}\`) to \`${this.#topic.name}\` failed: ${
          reason instanceof Error ? reason.message : String(reason)
        }. Check the topic exists and the service account has roles/pubsub.publisher on it, then retry the batch.`,
        { cause: reason },
      );
    }
    return { sequences: results.map((r) => (r as PromiseFulfilledResult<string>).value) };
  }

  /** Sends any batched messages and releases the topic's resources. */
  async close(): Promise<void> {
    await this.#topic.flush();
  }
}
