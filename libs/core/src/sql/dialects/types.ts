import type { SilverType } from '../registry.ts';
import type { Dialect } from '../dialect.ts';

/** Lake layers a table can live in; each becomes a schema, database or BigQuery dataset. */
export type TableLayer = 'bronze' | 'silver' | 'gold' | 'quarantine' | 'quality';

/** Turns a layer and a table name into a fully qualified, quoted table reference. */
export type TableResolver = (layer: TableLayer, name: string) => string;

/** Where the layers live in an engine. */
export interface ResolverOptions {
  /**
   * Prefix of the per-layer database (Athena) or dataset (BigQuery): `matriz` gives
   * `matriz_silver`. Default `matriz`. DuckDB uses the bare layer name as schema.
   */
  readonly prefix?: string;
  /** BigQuery project id; omitted, references are `dataset.table` in the job's project. */
  readonly project?: string;
}

/**
 * Everything that differs between the SQL engines the project targets. Generators build SQL only
 * through these functions, so a new engine is one new implementation of this interface.
 * Every function takes and returns SQL text; `expr` arguments are SQL expressions.
 */
export interface SqlDialect {
  readonly name: Dialect;
  /** Quotes an identifier (column or table name). */
  quoteIdent(name: string): string;
  /** A string literal holding exactly `value`. */
  quoteString(value: string): string;
  /** The engine's type name for a silver type; `scale` applies to `decimal` (default 2). */
  typeName(type: SilverType, scale?: number): string;
  /** A cast that yields NULL instead of failing. */
  tryCast(expr: string, type: SilverType, scale?: number): string;
  /** Replaces every match of the RE2-compatible `pattern` (no back-references) by `replacement`. */
  regexReplace(expr: string, pattern: string, replacement: string): string;
  /** True when `pattern` matches anywhere in `expr` (anchor it with `^...$` for a full match). */
  regexMatches(expr: string, pattern: string): string;
  /** Lower-case hexadecimal SHA-256 of the UTF-8 bytes of a text expression. */
  sha256Hex(expr: string): string;
  /**
   * Parses text into a DATE, NULL when it does not parse. `format` uses the strptime specifiers
   * `%Y`, `%m` and `%d` only (the same letters in all three engines).
   */
  tryParseDate(expr: string, format: string): string;
  /** A DATE from integer year, month and day expressions. */
  makeDate(year: string, month: string, day: string): string;
  /** The first day of the month of a DATE expression, as a DATE. */
  monthStart(date: string): string;
  /** Removes diacritics (`Fóssil` becomes `Fossil`); case is kept. */
  stripAccents(expr: string): string;
  /** Joins the non-NULL text arguments with `separator`; empty string when all are NULL. */
  concatNonNull(separator: string, exprs: readonly string[]): string;
  /** Left-pads text to `length` characters with `fill`. */
  leftPad(expr: string, length: number, fill: string): string;
  /** A DATE literal from `yyyy-mm-dd`. */
  dateLiteral(isoDate: string): string;
  /** A resolver for table references in this engine. */
  tableResolver(options?: ResolverOptions): TableResolver;
}
