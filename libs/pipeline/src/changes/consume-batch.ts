import { changeEventSchema, type ChangeEvent } from '@matriz/core';

import type { ApplyOutcome, StateStore } from '../ports/state-store.ts';
import type { ReceivedRecord } from '../ports/stream.ts';

/** What happened to one record of a batch. */
export type RecordStatus =
  | ApplyOutcome
  /** Not JSON or not a valid change event: a poison record, retrying never helps. */
  | 'invalid'
  /** The store failed: retry from this record. */
  | 'failed'
  /** Not attempted because an earlier record failed (per-key order must hold). */
  | 'skipped';

export interface RecordOutcome {
  readonly sequence: string;
  readonly status: RecordStatus;
  /** Event id when the record parsed. */
  readonly eventId?: string;
  /** Why it was invalid or failed (zod issue path and message, or the store's error). */
  readonly reason?: string;
}

export interface ConsumeResult {
  /** One outcome per record, in input order. */
  readonly outcomes: readonly RecordOutcome[];
  /** Records that were not applied: invalid, failed and skipped ones. */
  readonly failed: readonly RecordOutcome[];
  /**
   * Sequence of the first record to retry (the first `failed` one), or undefined when everything
   * but poison records was applied. Kinesis: report it as the batch item failure.
   */
  readonly retryFrom?: string;
  readonly counts: Readonly<Record<RecordStatus, number>>;
}

/**
 * The change-stream consumer shared by every runtime (local loop, Kinesis Lambda, Pub/Sub
 * function): validates each record against the change-event schema and applies the valid ones to
 * the state store in order. Invalid records are reported and passed over (they are poison); a
 * store failure stops the batch there so later changes of the same key never overtake it.
 */
export async function consumeBatch(
  records: readonly ReceivedRecord[],
  stateStore: StateStore,
): Promise<ConsumeResult> {
  const outcomes: RecordOutcome[] = records.map((r) => ({
    sequence: r.sequence,
    status: 'skipped',
  }));
  const valid: { index: number; event: ChangeEvent }[] = [];
  for (const [index, record] of records.entries()) {
    const parsed = parseEvent(record.data);
    if ('event' in parsed) valid.push({ index, event: parsed.event });
    else outcomes[index] = { sequence: record.sequence, status: 'invalid', reason: parsed.reason };
  }

  if (stateStore.applyMany) {
    try {
      const results = await stateStore.applyMany(valid.map((v) => v.event));
      valid.forEach((v, i) => {
        outcomes[v.index] = {
          sequence: records[v.index]!.sequence,
          status: results[i]!,
          eventId: v.event.event_id,
        };
      });
    } catch (error) {
      markFailed(outcomes, records, valid[0]?.index, error);
    }
  } else {
    for (const v of valid) {
      try {
        const status = await stateStore.apply(v.event);
        outcomes[v.index] = {
          sequence: records[v.index]!.sequence,
          status,
          eventId: v.event.event_id,
        };
      } catch (error) {
        markFailed(outcomes, records, v.index, error);
        break;
      }
    }
  }

  const counts = { applied: 0, duplicate: 0, stale: 0, invalid: 0, failed: 0, skipped: 0 };
  for (const o of outcomes) counts[o.status] += 1;
  const failed = outcomes.filter(
    (o) => o.status === 'invalid' || o.status === 'failed' || o.status === 'skipped',
  );
  const retry = outcomes.find((o) => o.status === 'failed');
  return { outcomes, failed, counts, ...(retry ? { retryFrom: retry.sequence } : {}) };
}

function markFailed(
  outcomes: RecordOutcome[],
  records: readonly ReceivedRecord[],
  index: number | undefined,
  error: unknown,
): void {
  if (index === undefined) return;
  const reason = error instanceof Error ? error.message : String(error);
  outcomes[index] = { sequence: records[index]!.sequence, status: 'failed', reason };
}

function parseEvent(data: string): { event: ChangeEvent } | { reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    return { reason: `record is not JSON: ${(error as Error).message}` };
  }
  const result = changeEventSchema.safeParse(json);
  if (result.success) return { event: result.data };
  return {
    reason: result.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; '),
  };
}
