import type { ChangeEvent, EventValue } from '@matriz/core';

export interface EntityState {
  readonly dataset: string;
  readonly key: string;
  /** Null after a delete (the entity's history stays). */
  readonly record: Readonly<Record<string, EventValue>> | null;
  readonly snapshot: string;
  readonly last_event_id: string;
  readonly deleted: boolean;
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale';

/**
 * Latest state and change history per entity key (local KV, DynamoDB, Firestore/BigQuery).
 *
 * `apply` is idempotent: an event whose id was already applied is a `duplicate` and changes
 * nothing; an event older than the latest state (by snapshot) is kept in history but does not
 * replace the latest state (`stale`).
 */
export interface StateStore {
  apply(event: ChangeEvent): Promise<ApplyOutcome>;
  /**
   * Optional: applies events in order as one unit of work (one write per touched shard or
   * item batch); outcomes are those `apply` would give one by one. Consumers use it when present.
   */
  applyMany?(events: readonly ChangeEvent[]): Promise<ApplyOutcome[]>;
  latest(dataset: string, key: string): Promise<EntityState | undefined>;
  /** Events applied to a key, oldest first. */
  history(dataset: string, key: string): Promise<ChangeEvent[]>;
}
