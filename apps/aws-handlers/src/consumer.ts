import { consumeBatch, type Logger, type ReceivedRecord, type StateStore } from '@matriz/pipeline';
import type { DeadLetter } from '@matriz/runtime-aws';
import { z } from 'zod';

import { consumerDeps } from './aws-deps.ts';
import { readHandlerEnv } from './env.ts';

/** The Kinesis event Lambda's event source mapping delivers (the fields the consumer reads). */
export const kinesisEventSchema = z.object({
  Records: z.array(
    z.object({
      eventSourceARN: z.string(),
      kinesis: z.object({
        data: z.string(),
        sequenceNumber: z.string().min(1),
        partitionKey: z.string(),
      }),
    }),
  ),
});

/** Lambda's partial batch response: Kinesis retries from the first reported item. */
export interface BatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/** What the consumer needs. */
export interface ConsumerDeps {
  readonly state: StateStore;
  readonly deadLetter: DeadLetter;
  readonly logger: Logger;
}

/**
 * The consumer handler: decodes the batch, folds it into the state store with `consumeBatch`,
 * writes poison records (not JSON, not a change event) to the dead letter so they are never
 * retried, and reports the first failed record so Lambda retries from there (and, with bisecting,
 * isolates it; after the retries, the batch's metadata goes to the SQS on-failure destination).
 */
export function createConsumerHandler(deps: ConsumerDeps) {
  return async (event: unknown): Promise<BatchResponse> => {
    const { Records } = kinesisEventSchema.parse(event);
    const records: ReceivedRecord[] = Records.map((r) => ({
      sequence: r.kinesis.sequenceNumber,
      partitionKey: r.kinesis.partitionKey,
      data: Buffer.from(r.kinesis.data, 'base64').toString('utf8'),
    }));
    const result = await consumeBatch(records, deps.state);

    for (const [i, outcome] of result.outcomes.entries()) {
      if (outcome.status !== 'invalid') continue;
      const record = records[i] as ReceivedRecord;
      await deps.deadLetter.send({
        source: Records[i]?.eventSourceARN ?? '',
        sequence: record.sequence,
        partitionKey: record.partitionKey,
        data: record.data,
        code: outcome.reason?.startsWith('record is not JSON') ? 'invalid_json' : 'invalid_event',
        reason: outcome.reason ?? 'invalid record',
      });
    }
    deps.logger.info('consume.batch', {
      stage: 'consume',
      records: records.length,
      ...result.counts,
    });
    return { batchItemFailures: result.retryFrom ? [{ itemIdentifier: result.retryFrom }] : [] };
  };
}

let cached: ReturnType<typeof createConsumerHandler> | undefined;

/** Lambda entry point. */
export async function handler(event: unknown): Promise<BatchResponse> {
  cached ??= createConsumerHandler(consumerDeps(readHandlerEnv()));
  return cached(event);
}
