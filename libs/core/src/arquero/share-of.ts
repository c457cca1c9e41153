import { escape, op, type ColumnTable } from 'arquero';

export interface ShareOptions {
  /** Groups within which shares add up to 1 (default: the whole table). */
  readonly within?: readonly string[];
  /** Name of the new column (default `<column>_share`). */
  readonly as?: string;
}

/**
 * Adds the share of each row's `column` in the total of its group, as a fraction 0..1 (not a
 * percentage). Rows with a NULL value get a NULL share; a zero total gives NULL, not NaN.
 *
 * @example shareOf(capacityBy(gold, 'state'), 'capacity_kw') // capacity_kw_share per state
 * @example shareOf(byStateAndType, 'capacity_kw', { within: ['state'] }) // mix inside each state
 */
export function shareOf(
  table: ColumnTable,
  column: string,
  options: ShareOptions = {},
): ColumnTable {
  const name = options.as ?? `${column}_share`;
  const within = options.within ?? [];
  const total = '__share_total';
  const grouped = within.length > 0 ? table.groupby(...within) : table;
  return grouped
    .derive({ [total]: op.sum(column) })
    .ungroup()
    .derive({
      [name]: escape((d: Record<string, number | null>) => {
        const value = d[column];
        const sum = d[total];
        return value === null || value === undefined || !sum ? null : value / sum;
      }),
    })
    .select(table.columnNames().concat(name));
}
