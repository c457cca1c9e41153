import { SOURCE_ROW_COLUMN, type DatasetDefinition } from './types.ts';

/** A typed silver row (or the part of it the key and dedupe columns need). */
export type KeyedRow = Readonly<Record<string, unknown>>;

/** The business key of a row: its key values joined with `|` in registry key order. */
export function businessKey(def: DatasetDefinition, row: KeyedRow): string {
  return def.key.map((column) => String(row[column] ?? '')).join('|');
}

/** Keys that occur more than once, with their counts, sorted by key (C9: reported, not hidden). */
export function duplicateKeys(
  def: DatasetDefinition,
  rows: readonly KeyedRow[],
): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = businessKey(def, row);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Orders two values, NULLs last whatever the direction. */
function compare(a: unknown, b: unknown, sign: number): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return ((a as number | string) < (b as number | string) ? -1 : 1) * sign;
}

/**
 * The `is_primary_row` flag of each row, in input order, by the dataset's `dedupe` rule: per
 * business key the first row in `orderBy` order (each item `column` or `column DESC`, NULLs
 * last, then `source_row`) is primary. Without a `dedupe` rule every row is primary. Same rule as the silver SQL.
 */
export function primaryRowFlags(def: DatasetDefinition, rows: readonly KeyedRow[]): boolean[] {
  if (!def.dedupe) return rows.map(() => true);
  const orderBy = [...def.dedupe.orderBy, SOURCE_ROW_COLUMN].map((item) => {
    const [column = item, direction = 'ASC'] = item.trim().split(/\s+/);
    return { column, sign: direction.toUpperCase() === 'DESC' ? -1 : 1 };
  });

  const best = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = businessKey(def, row);
    const current = best.get(key);
    if (current === undefined) {
      best.set(key, index);
      return;
    }
    const other = rows[current]!;
    for (const { column, sign } of orderBy) {
      const order = compare(row[column], other[column], sign);
      if (order < 0) best.set(key, index);
      if (order !== 0) return;
    }
  });
  const primary = new Set(best.values());
  return rows.map((_, index) => primary.has(index));
}
