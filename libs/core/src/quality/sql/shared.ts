import type { SqlDialect, TableResolver } from '../core-deps.ts';

/** Where a quality query reads: the dialect, the table resolver and the snapshot under test. */
export interface QuerySite {
  readonly d: SqlDialect;
  readonly resolve: TableResolver;
  /** Data date of the snapshot (`yyyy-mm-dd`). */
  readonly dataDate: string;
}

/** `data_date = DATE 'yyyy-mm-dd'`: every query reads one snapshot only. */
export function snapshotFilter(site: QuerySite, dataDate = site.dataDate): string {
  return `${site.d.quoteIdent('data_date')} = ${site.d.dateLiteral(dataDate)}`;
}

/** A row filter from an optional `column = value` and `is_primary_row` condition. */
export function rowCondition(
  site: QuerySite,
  options: { where?: { column: string; equals: string }; primaryOnly?: boolean },
): string {
  const q = site.d.quoteIdent;
  const parts: string[] = [];
  if (options.where) {
    parts.push(`${q(options.where.column)} = ${site.d.quoteString(options.where.equals)}`);
  }
  if (options.primaryOnly) parts.push(`${q('is_primary_row')}`);
  return parts.length > 0 ? parts.join(' AND ') : 'TRUE';
}

/** `CAST(expr AS DOUBLE)` in the dialect: sums come back as plain numbers. */
export function asDouble(site: QuerySite, expr: string): string {
  return `CAST(${expr} AS ${site.d.typeName('double')})`;
}
