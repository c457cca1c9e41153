import fs from 'node:fs/promises';
import path from 'node:path';

import { consumeBatch, type Logger, type StateStore } from '@matriz/pipeline';

import { withFileLock } from './file-lock.ts';
import type { FileLog } from './file-log.ts';

export interface FoldOptions {
  readonly log: FileLog;
  /** Consumer name (its checkpoint file). */
  readonly consumer: string;
  readonly store: StateStore;
  /** Records per batch, like a Kinesis trigger's batch size (default 100). */
  readonly batchSize?: number;
  /** Stop after this many batches (default: until the log is drained). */
  readonly maxBatches?: number;
  readonly logger?: Logger;
}

/** Counts of one fold. */
export interface FoldResult {
  readonly batches: number;
  readonly records: number;
  readonly applied: number;
  readonly duplicate: number;
  readonly stale: number;
  /** Poison records written to `dead-letter/<consumer>.jsonl` and passed over. */
  readonly invalid: number;
  /** True when a store failure stopped the fold (the checkpoint stays before the failed record). */
  readonly stopped: boolean;
}

/**
 * The local consumer: reads the log batch by batch from the consumer's checkpoint, applies each
 * batch with the shared {@link consumeBatch}, and commits after processing. Invalid records go
 * to a dead-letter file; a store failure commits only the records before it and stops, so the
 * next fold retries from there. Safe to stop anywhere: replayed records are duplicates.
 */
export async function foldStream(options: FoldOptions): Promise<FoldResult> {
  const { log, consumer, store, logger } = options;
  const batchSize = options.batchSize ?? 100;
  const totals = { batches: 0, records: 0, applied: 0, duplicate: 0, stale: 0, invalid: 0 };

  async function foldOneBatch(): Promise<'drained' | 'continue' | 'stopped'> {
    const batch = await log.read(consumer, { max: batchSize });
    if (batch.records.length === 0) return 'drained';
    const result = await consumeBatch(batch.records, store);
    totals.batches += 1;

    const poison = result.outcomes.filter((o) => o.status === 'invalid');
    if (poison.length > 0) {
      const bySequence = new Map(batch.records.map((r) => [r.sequence, r]));
      const lines = poison.map(
        (o) => JSON.stringify({ ...bySequence.get(o.sequence), reason: o.reason }) + '\n',
      );
      const file = path.join(log.root, 'dead-letter', `${consumer}.jsonl`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.appendFile(file, lines.join(''));
      logger?.warn('stream_poison_records', { stage: 'consume', consumer, count: poison.length });
    }

    const failedAt =
      result.retryFrom === undefined
        ? -1
        : batch.records.findIndex((r) => r.sequence === result.retryFrom);
    const done = failedAt === -1 ? batch.records.length : failedAt;
    totals.records += done;
    totals.applied += result.counts.applied;
    totals.duplicate += result.counts.duplicate;
    totals.stale += result.counts.stale;
    totals.invalid += result.counts.invalid;
    if (done > 0) await log.commit(consumer, batch.after[done - 1]!);
    if (failedAt !== -1) {
      const reason = result.outcomes[failedAt]?.reason;
      logger?.error('stream_apply_failed', {
        stage: 'consume',
        consumer,
        sequence: result.retryFrom,
        reason,
      });
      return 'stopped';
    }
    return 'continue';
  }

  // One consumer, one writer: two processes folding the same consumer (say `serve` and a `run`
  // on one lake) take turns batch by batch, each reading from the checkpoint the other committed.
  const lock = path.join(log.root, 'consumers', `${consumer}.fold.lock`);
  while (options.maxBatches === undefined || totals.batches < options.maxBatches) {
    const step = await withFileLock(lock, () => foldOneBatch());
    if (step === 'drained') break;
    if (step === 'stopped') return { ...totals, stopped: true };
  }
  return { ...totals, stopped: false };
}
