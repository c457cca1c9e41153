/** Quoting shared by DuckDB and Trino (standard SQL: doubled quotes escape). */
export function ansiQuoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A standard SQL string literal; a single quote is escaped by doubling it. */
export function ansiQuoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Default decimal precision: enough for national capacity in kW with 8 decimals. */
export const DECIMAL_PRECISION = 18;

/** Default scale of `decimal` columns that do not declare one. */
export const DEFAULT_SCALE = 2;
