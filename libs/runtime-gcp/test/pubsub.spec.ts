/**
 * PubSubProducer and PubSubNotifier over real gRPC against the Pub/Sub emulator started by
 * `pubsub-global-setup.ts` on 127.0.0.1. Skipped, with the reason in the suite name, when gcloud
 * or its emulator component is not installed.
 */
import type { Message, PubSub } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createPubSub, PubSubNotifier, PubSubProducer } from '../src/index.ts';

const host = inject('pubsubEmulatorHost');
const skipReason = inject('pubsubEmulatorSkipReason');
const title = host ? 'Pub/Sub adapters (emulator)' : `Pub/Sub adapters (skipped: ${skipReason})`;

async function pull(pubsub: PubSub, subscription: string, count: number): Promise<Message[]> {
  const received: Message[] = [];
  const sub = pubsub.subscription(subscription);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${received.length}/${count} messages`)),
      20_000,
    );
    sub.on('message', (m: Message) => {
      received.push(m);
      m.ack();
      if (received.length === count) {
        clearTimeout(timer);
        resolve();
      }
    });
    sub.on('error', reject);
  });
  await sub.close();
  return received;
}

describe.skipIf(!host)(title, () => {
  let pubsub: PubSub;

  beforeAll(() => {
    pubsub = createPubSub({ projectId: 'matriz-test', emulatorHost: host ?? '' });
  });
  afterAll(async () => {
    await pubsub?.close();
  });

  it('publishes change records with the partition key as ordering key, in order per key', async () => {
    const [topic] = await pubsub.createTopic('changes-order');
    await topic.createSubscription('changes-order-sub', { enableMessageOrdering: true });
    const producer = new PubSubProducer(pubsub, 'changes-order');
    const records = Array.from({ length: 30 }, (_, i) => ({
      partitionKey: `siga|${i % 3}`,
      data: JSON.stringify({ n: i }),
    }));

    const { sequences } = await producer.publish(records);
    await producer.close();

    expect(sequences).toHaveLength(30);
    expect(new Set(sequences).size).toBe(30);
    const messages = await pull(pubsub, 'changes-order-sub', 30);
    for (const key of ['siga|0', 'siga|1', 'siga|2']) {
      const seen = messages
        .filter((m) => m.orderingKey === key)
        .map((m) => (JSON.parse(m.data.toString('utf8')) as { n: number }).n);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen).toHaveLength(10);
    }
  });

  it('names the topic and the remedy when publishing fails', async () => {
    const producer = new PubSubProducer(pubsub, 'no-such-topic');
    await expect(producer.publish([{ partitionKey: 'k', data: '{}' }])).rejects.toMatchObject({
      code: 'pubsub_publish_failed',
      message: expect.stringMatching(
        /`projects\/matriz-test\/topics\/no-such-topic`.*roles\/pubsub\.publisher/,
      ),
    });
  });

  it('publishes a notification as JSON with dataset and severity attributes', async () => {
    const [topic] = await pubsub.createTopic('notifications');
    await topic.createSubscription('notifications-sub');
    const notifier = new PubSubNotifier(pubsub, 'notifications');
    await notifier.notify({
      dataset: 'siga',
      snapshot: '2022-06-01',
      severity: 'warning',
      subject: 'siga 2022-06-01: 2 findings',
      body: 'completeness of capacity_kw below 99%',
      details: { findings: { completeness_low: 2 } },
    });
    const [message] = await pull(pubsub, 'notifications-sub', 1);
    expect(message?.attributes).toEqual({ dataset: 'siga', severity: 'warning' });
    expect(JSON.parse(message?.data.toString('utf8') ?? '')).toEqual({
      dataset: 'siga',
      snapshot: '2022-06-01',
      severity: 'warning',
      subject: 'siga 2022-06-01: 2 findings',
      body: 'completeness of capacity_kw below 99%',
      details: { findings: { completeness_low: 2 } },
    });
  });
});
