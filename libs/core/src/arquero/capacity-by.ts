import { desc, op, type ColumnTable } from 'arquero';

/** Column summed by {@link capacityBy}: the kW column of gold rows. */
export const CAPACITY_COLUMN = 'capacity_kw';
/** Plant-count column of gold rows, summed by {@link capacityBy} when present. */
export const PLANTS_COLUMN = 'plants';

/**
 * Capacity per group over gold rows (or any table with a `capacity_kw` column): one row per
 * combination of `groups` with `capacity_kw` (sum, NULLs ignored) and `plants` (sum of the
 * `plants` column when the table has one, else the number of rows), sorted by capacity,
 * largest first (ties by the groups). Without groups, one row for the whole table.
 *
 * @example capacityBy(goldInstalledCapacity, 'state', 'generation_type')
 */
export function capacityBy(table: ColumnTable, ...groups: string[]): ColumnTable {
  if (!table.columnNames().includes(CAPACITY_COLUMN)) {
    throw new TypeError(
      `capacityBy needs a \`${CAPACITY_COLUMN}\` column; the table has ` +
        `${table.columnNames().join(', ')}. Rename the capacity column first.`,
    );
  }
  const plants = table.columnNames().includes(PLANTS_COLUMN) ? op.sum(PLANTS_COLUMN) : op.count();
  const grouped = groups.length > 0 ? table.groupby(...groups) : table;
  return grouped
    .rollup({ [CAPACITY_COLUMN]: op.sum(CAPACITY_COLUMN), [PLANTS_COLUMN]: plants })
    .orderby(desc(CAPACITY_COLUMN), ...groups);
}
