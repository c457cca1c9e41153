import type { ChangeEvent, EventValue, FieldChange } from '../events/change-event.ts';
import type { DiffPlan } from './diff-plan.ts';

/** One row of the diff result, as an engine returns it. */
export type DiffRow = Readonly<Record<string, unknown>>;

/** The snapshot pair a diff compares. */
export interface SnapshotPair {
  /** Data date of the older snapshot; null when the newer one is the first. */
  readonly from: string | null;
  /** Data date of the newer snapshot. */
  readonly to: string;
}

/** A change event before its id is computed. */
export type UnidentifiedEvent = Omit<ChangeEvent, 'event_id'>;

/** Thrown when a diff row does not have the shape {@link diffSql} produces. */
export class DiffRowError extends Error {
  readonly code = 'diff_row_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'DiffRowError';
  }
}

/**
 * Turns an engine value into a JSON scalar: bigints become numbers (strings beyond 2^53), dates
 * become `yyyy-mm-dd`, other objects their text.
 */
export function toEventValue(value: unknown): EventValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * Derives the change event of one diff row (without its id). Inserts list every field with
 * `old: null`; updates list only the fields whose `d_<i>` flag is true; deletes list none.
 * `record` is the full new state (key and values), or null for a delete.
 */
export function diffRowToEvent(
  plan: DiffPlan,
  row: DiffRow,
  pair: SnapshotPair,
): UnidentifiedEvent {
  const kind = row['kind'];
  if (kind !== 'inserted' && kind !== 'updated' && kind !== 'deleted') {
    throw new DiffRowError(
      `Diff row has kind \`${String(kind)}\`; expected inserted, updated or deleted. Run the SQL from diffSql().`,
    );
  }
  const key = row['key'];
  if (typeof key !== 'string') {
    throw new DiffRowError(
      `Diff row has key \`${String(key)}\`; expected text. Run the SQL from diffSql().`,
    );
  }

  const columns = [...plan.key, ...plan.values];
  const record: Record<string, EventValue> = {};
  for (const col of columns) record[col.name] = toEventValue(row[`n_${col.index}`]);

  let changes: FieldChange[] = [];
  if (kind === 'inserted') {
    changes = columns.map((c) => ({ field: c.name, old: null, new: record[c.name] ?? null }));
  } else if (kind === 'updated') {
    changes = plan.values
      .filter((c) => row[`d_${c.index}`] === true)
      .map((c) => ({
        field: c.name,
        old: toEventValue(row[`o_${c.index}`]),
        new: record[c.name] ?? null,
      }));
  }

  return {
    dataset: plan.dataset,
    key,
    kind,
    from_snapshot: kind === 'inserted' ? null : pair.from,
    to_snapshot: pair.to,
    changes,
    record: kind === 'deleted' ? null : record,
    source: 'diff',
  };
}

/**
 * The canonical text an event id is the sha256 of: dataset, key, kind, snapshot dates and
 * changes, as one JSON array. Every producer hashes this same text, so the same change always
 * gets the same id.
 */
export function eventIdInput(event: UnidentifiedEvent): string {
  return JSON.stringify([
    event.dataset,
    event.key,
    event.kind,
    event.from_snapshot,
    event.to_snapshot,
    event.changes.map((c) => [c.field, c.old, c.new]),
  ]);
}
