import type { DatasetId, SilverType } from '../registry.ts';
import type { SqlDialect, TableResolver } from '../dialects/types.ts';

/** A column of a gold table. */
export interface GoldColumn {
  readonly name: string;
  readonly type: SilverType;
  /** Digits after the point for `decimal` (always 2 for kW here). */
  readonly scale?: number;
  readonly description: string;
}

/**
 * A gold table: an aggregate rebuilt from silver by one SELECT. `sql` reads silver only through
 * `resolve('silver', <dataset id>)` and copes with silver tables holding several snapshots.
 */
export interface GoldTable {
  /** snake_case table name in the gold layer. */
  readonly name: string;
  readonly description: string;
  /** Output columns, in SELECT order. */
  readonly columns: readonly GoldColumn[];
  /** Silver datasets read. */
  readonly dependsOn: readonly DatasetId[];
  /** The SELECT that produces the table in `dialect`. */
  sql(dialect: SqlDialect, resolve: TableResolver): string;
}
