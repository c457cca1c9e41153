import type { HttpFunction } from '@google-cloud/functions-framework';
import { consumeBatch } from '@matriz/pipeline';

import { messageIdOf, messageText, pubSubEnvelopeSchema } from '../pubsub-message.ts';
import type { GcpRuntime } from '../runtime.ts';

/**
 * The change-stream consumer behind an ordered Pub/Sub push subscription: one change event per
 * request, folded into the state store. Answers 204 when applied (or a duplicate, or stale),
 * 400 for a record that is not a change event (Pub/Sub retries it, then moves it to the
 * dead-letter topic for inspection), 503 when the store failed (retried with backoff).
 */
export function createConsumerHandler(runtime: () => GcpRuntime): HttpFunction {
  return async (req, res) => {
    const rt = runtime();
    const envelope = pubSubEnvelopeSchema.safeParse(req.body);
    if (!envelope.success) {
      res.status(400).json({
        error: 'bad_request',
        message: 'Expected a Pub/Sub push body `{ message, subscription }`.',
      });
      return;
    }
    const record = {
      partitionKey: envelope.data.message.orderingKey ?? '',
      data: messageText(envelope.data),
      sequence: messageIdOf(envelope.data),
    };
    const result = await consumeBatch([record], rt.stateStore);
    const outcome = result.outcomes[0];
    rt.logger.info('consumer.record', {
      stage: 'consumer',
      sequence: record.sequence,
      status: outcome?.status,
    });
    if (outcome?.status === 'invalid') {
      res
        .status(400)
        .json({ error: 'invalid_change_event', message: outcome.reason ?? 'not a change event' });
    } else if (outcome?.status === 'failed' || outcome?.status === 'skipped') {
      res
        .status(503)
        .json({ error: 'state_store_failed', message: outcome.reason ?? 'retry later' });
    } else {
      res.status(204).end();
    }
  };
}
