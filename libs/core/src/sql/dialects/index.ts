import type { Dialect } from '../dialect.ts';
import { SqlGenerationError } from '../errors.ts';
import { athenaDialect } from './athena.ts';
import { bigqueryDialect } from './bigquery.ts';
import { duckdbDialect } from './duckdb.ts';
import type { SqlDialect } from './types.ts';

export type { ResolverOptions, SqlDialect, TableLayer, TableResolver } from './types.ts';
export { athenaDialect } from './athena.ts';
export { bigqueryDialect } from './bigquery.ts';
export {
  DUCKDB_CSV_MAX_LINE_BYTES,
  duckdbCsvRelation,
  duckdbDialect,
  type DuckdbCsvOptions,
} from './duckdb.ts';

const DIALECTS: Readonly<Record<Dialect, SqlDialect>> = {
  duckdb: duckdbDialect,
  athena: athenaDialect,
  bigquery: bigqueryDialect,
};

/** The SQL dialect of an engine; throws `unknown_dialect` for a name that is not a `Dialect`. */
export function dialectFor(name: Dialect | string): SqlDialect {
  const dialect = (DIALECTS as Readonly<Record<string, SqlDialect>>)[name];
  if (!dialect) {
    throw new SqlGenerationError(
      'unknown_dialect',
      `Unknown SQL dialect \`${name}\`; use one of ${Object.keys(DIALECTS).join(', ')}.`,
    );
  }
  return dialect;
}
