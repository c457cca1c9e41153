/** Quotes a Trino identifier. */
export function athenaIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A Trino string literal. */
export function athenaString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The CTAS statement that writes a gold table's new version as ZSTD Parquet into its own S3
 * location (Athena refuses a non-empty `external_location`, so every run gets a fresh one).
 */
export function ctasStatement(database: string, table: string, location: string, sql: string) {
  return [
    `CREATE TABLE ${athenaIdent(database)}.${athenaIdent(table)}`,
    `WITH (format = 'PARQUET', write_compression = 'ZSTD', external_location = ${athenaString(location)})`,
    `AS ${sql.trim().replace(/;\s*$/, '')}`,
  ].join('\n');
}

/** Counts the rows of a table (the CTAS statistics carry bytes, not rows). */
export function countStatement(database: string, table: string): string {
  return `SELECT count(*) AS row_count FROM ${athenaIdent(database)}.${athenaIdent(table)}`;
}

/** A run id that sorts by time and is a valid Glue name part: `20240901t120000123z`. */
export function runIdOf(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '').toLowerCase();
}
