/** SQL engines the project generates SQL for. Dialect differences live in `sql/dialects/`. */
export type Dialect = 'duckdb' | 'athena' | 'bigquery';
