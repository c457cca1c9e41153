import type { ChangeEvent } from '@matriz/core';

import type { ApplyOutcome, EntityState } from '../ports/state-store.ts';

/** One key's latest state and its applied events, as every state store keeps them. */
export interface KeyEntry {
  latest: EntityState | null;
  /** Applied events ordered by snapshot date (arrival order within a date). */
  history: ChangeEvent[];
}

/**
 * The state-store semantics every runtime shares, on one key's entry (mutated in place): an event
 * already applied (same id) is a `duplicate` and changes nothing; any other is inserted into the
 * history in snapshot order; it replaces the latest state unless it is older than it (`stale`).
 */
export function applyEventToEntry(entry: KeyEntry, event: ChangeEvent): ApplyOutcome {
  if (entry.history.some((e) => e.event_id === event.event_id)) return 'duplicate';
  let at = entry.history.length;
  while (at > 0 && entry.history[at - 1]!.to_snapshot > event.to_snapshot) at -= 1;
  entry.history.splice(at, 0, event);
  if (entry.latest && event.to_snapshot < entry.latest.snapshot) return 'stale';
  const deleted = event.kind === 'deleted';
  entry.latest = {
    dataset: event.dataset,
    key: event.key,
    record: deleted ? null : event.record,
    snapshot: event.to_snapshot,
    last_event_id: event.event_id,
    deleted,
  };
  return 'applied';
}
