import type { SilverType } from '../registry.ts';
import { ansiQuoteIdent, ansiQuoteString, DECIMAL_PRECISION, DEFAULT_SCALE } from './ansi.ts';
import type { SqlDialect } from './types.ts';

function typeName(type: SilverType, scale = DEFAULT_SCALE): string {
  switch (type) {
    case 'string':
      return 'VARCHAR';
    case 'int64':
      return 'BIGINT';
    case 'decimal':
      return `DECIMAL(${DECIMAL_PRECISION}, ${scale})`;
    case 'double':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'boolean':
      return 'BOOLEAN';
  }
}

/**
 * DuckDB: the engine of the silver step everywhere and of gold locally. Layers are schemas
 * (`silver.siga`).
 */
export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  quoteIdent: ansiQuoteIdent,
  quoteString: ansiQuoteString,
  typeName,
  tryCast: (expr, type, scale) => `TRY_CAST(${expr} AS ${typeName(type, scale)})`,
  regexReplace: (expr, pattern, replacement) =>
    `regexp_replace(${expr}, ${ansiQuoteString(pattern)}, ${ansiQuoteString(replacement)}, 'g')`,
  regexMatches: (expr, pattern) => `regexp_matches(${expr}, ${ansiQuoteString(pattern)})`,
  sha256Hex: (expr) => `sha256(${expr})`,
  tryParseDate: (expr, format) => `CAST(try_strptime(${expr}, ${ansiQuoteString(format)}) AS DATE)`,
  makeDate: (year, month, day) =>
    `make_date(CAST(${year} AS BIGINT), CAST(${month} AS BIGINT), CAST(${day} AS BIGINT))`,
  monthStart: (date) => `CAST(date_trunc('month', ${date}) AS DATE)`,
  stripAccents: (expr) => `strip_accents(${expr})`,
  concatNonNull: (separator, exprs) =>
    `concat_ws(${ansiQuoteString(separator)}, ${exprs.join(', ')})`,
  leftPad: (expr, length, fill) => `lpad(${expr}, ${length}, ${ansiQuoteString(fill)})`,
  dateLiteral: (isoDate) => `DATE ${ansiQuoteString(isoDate)}`,
  tableResolver: () => (layer, name) => `${ansiQuoteIdent(layer)}.${ansiQuoteIdent(name)}`,
};

/**
 * Longest record, in bytes, {@link duckdbCsvRelation} reads (DuckDB's `max_line_size`, given
 * explicitly so the silver step's diagnosis can name a record that exceeds it).
 */
export const DUCKDB_CSV_MAX_LINE_BYTES = 2_097_152;

/** Options of {@link duckdbCsvRelation}. */
export interface DuckdbCsvOptions {
  /** Field separator (default `;`, as ANEEL publishes). */
  readonly delimiter?: string;
}

/**
 * A DuckDB relation reading a UTF-8 CSV file with every column as text and the header kept
 * verbatim, in file order: the `source` of `stagedSelectSql` for the silver step. Decode
 * Windows-1252 bytes to UTF-8 before (DuckDB's latin-1 reader rejects 0x80-0x9F).
 */
export function duckdbCsvRelation(path: string, options: DuckdbCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ';';
  return (
    `read_csv(${ansiQuoteString(path)}, all_varchar = true, header = true, ` +
    `delim = ${ansiQuoteString(delimiter)}, quote = '"', escape = '"', normalize_names = false, ` +
    `max_line_size = ${DUCKDB_CSV_MAX_LINE_BYTES})`
  );
}
