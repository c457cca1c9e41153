import { DATA_DATE_COLUMN } from '../registry.ts';
import type { SqlDialect, TableResolver } from '../dialects/types.ts';

/** Scale of every kW figure in gold. */
export const KW_SCALE = 2;

/** `WHERE` condition keeping only the latest snapshot of a silver table. */
export function latestSnapshot(d: SqlDialect, resolve: TableResolver, dataset: string): string {
  const date = d.quoteIdent(DATA_DATE_COLUMN);
  return `${date} = (SELECT MAX(${date}) FROM ${resolve('silver', dataset)})`;
}

/** A sum of kW cast to the gold decimal type, so every engine writes the same schema. */
export function sumKw(d: SqlDialect, expr: string): string {
  return `CAST(SUM(${expr}) AS ${d.typeName('decimal', KW_SCALE)})`;
}

/** A count cast to the gold integer type. */
export function countAs(d: SqlDialect, expr: string): string {
  return `CAST(${expr} AS ${d.typeName('int64')})`;
}
