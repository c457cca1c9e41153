import {
  diffPlanOf,
  diffRowToEvent,
  diffSql,
  initialDiffSql,
  primaryColumnOf,
  type ChangeEvent,
  type DiffDefinition,
} from '@matriz/core';

import type { Logger } from '../ports/logger.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { Row, SqlEngine } from '../ports/sql-engine.ts';
import type { StreamProducer } from '../ports/stream.ts';
import { changesEventsKey, changesSummaryKey } from './changes-layout.ts';
import { identify, partitionKeyOf } from './event-id.ts';

/** One snapshot as the engine reads it. */
export interface SnapshotRef {
  /** Data date (`yyyy-mm-dd`). */
  readonly date: string;
  /** Relation SQL, e.g. `read_parquet('/lake/silver/siga/data_date=2024-07-01/part-0.parquet')`. */
  readonly relation: string;
}

export interface DeriveChangesOptions {
  /** Runs the diff; its `stream(sql, batchRows)` is used when present (bounded memory). */
  readonly engine: SqlEngine & { stream?(sql: string, batchRows?: number): AsyncIterable<Row[]> };
  /** Receives `changes/<dataset>/to=<date>/events.jsonl` and `summary.json`. */
  readonly store: ObjectStore;
  /** Dataset definition from the registry. */
  readonly dataset: DiffDefinition;
  /** Older snapshot; null when `current` is the first (every row is then an insert). */
  readonly previous: SnapshotRef | null;
  readonly current: SnapshotRef;
  /** When given, events are published to it in batches of `batchSize`. */
  readonly producer?: StreamProducer;
  /** Events per published batch and rows per engine chunk (default 500). */
  readonly batchSize?: number;
  /**
   * Column marking the row to compare when a key repeats; default `is_primary_row` for datasets
   * with a `dedupe` rule (silver carries it), none otherwise (duplicates resolved by content
   * order). Null forces content order.
   */
  readonly primaryColumn?: string | null;
  readonly logger?: Logger;
}

/** Counts of one derivation, also written as `summary.json`. */
export interface ChangeSummary {
  readonly dataset: string;
  readonly from: string | null;
  readonly to: string;
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
  /** All events (inserted + updated + deleted). */
  readonly events: number;
  /** Events handed to the producer (0 without one). */
  readonly published: number;
  /** Object key of the events file. */
  readonly eventsKey: string;
}

/**
 * Diffs two snapshots in the engine, writes the events as JSON lines to the store and publishes
 * them to the stream. Rows arrive from the engine in chunks and only changed keys ever reach
 * JavaScript, so memory stays bounded by the chunk size, whatever the snapshot size.
 */
export async function deriveChanges(options: DeriveChangesOptions): Promise<ChangeSummary> {
  const { engine, store, dataset, previous, current, producer, logger } = options;
  const batchSize = options.batchSize ?? 500;
  const primary =
    options.primaryColumn === undefined
      ? primaryColumnOf(dataset)
      : (options.primaryColumn ?? undefined);
  const plan = diffPlanOf(dataset);
  const inputs = primary
    ? { current: current.relation, primaryColumn: primary }
    : { current: current.relation };
  const sql = previous
    ? diffSql(dataset, engine.dialect, { ...inputs, previous: previous.relation })
    : initialDiffSql(dataset, engine.dialect, inputs);
  const pair = { from: previous?.date ?? null, to: current.date };
  const counts = { inserted: 0, updated: 0, deleted: 0, upserted: 0, published: 0 };
  const started = Date.now();

  async function publish(events: readonly ChangeEvent[]): Promise<void> {
    if (!producer || events.length === 0) return;
    await producer.publish(
      events.map((e) => ({ partitionKey: partitionKeyOf(e), data: JSON.stringify(e) })),
    );
    counts.published += events.length;
  }

  async function* lines(): AsyncIterable<Uint8Array> {
    const chunks = engine.stream ? engine.stream(sql, batchSize) : once(engine.query(sql));
    let pending: ChangeEvent[] = [];
    for await (const rows of chunks) {
      const text: string[] = [];
      for (const row of rows) {
        const event = identify(diffRowToEvent(plan, row, pair));
        counts[event.kind] += 1;
        text.push(JSON.stringify(event));
        pending.push(event);
        if (pending.length >= batchSize) {
          await publish(pending);
          pending = [];
        }
      }
      if (text.length > 0) yield Buffer.from(text.join('\n') + '\n');
    }
    await publish(pending);
  }

  const eventsKey = changesEventsKey(dataset.id, current.date);
  await store.putStream(eventsKey, lines(), { contentType: 'application/x-ndjson' });
  const summary: ChangeSummary = {
    dataset: dataset.id,
    ...pair,
    inserted: counts.inserted,
    updated: counts.updated,
    deleted: counts.deleted,
    events: counts.inserted + counts.updated + counts.deleted,
    published: counts.published,
    eventsKey,
  };
  await store.put(changesSummaryKey(dataset.id, current.date), JSON.stringify(summary, null, 2), {
    contentType: 'application/json',
  });
  logger?.info('changes_derived', { stage: 'changes', ...summary, ms: Date.now() - started });
  return summary;
}

async function* once(rows: Promise<Row[]>): AsyncIterable<Row[]> {
  yield await rows;
}
