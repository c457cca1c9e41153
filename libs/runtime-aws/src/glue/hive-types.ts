import type { SilverType } from '@matriz/core';

/** Precision of `decimal` columns; the same as the core's SQL dialects (DuckDB and Athena). */
export const GLUE_DECIMAL_PRECISION = 18;
/** Scale of `decimal` columns that declare none; the same default as the core's dialects. */
export const GLUE_DEFAULT_SCALE = 2;

/**
 * The Glue (Hive DDL) type of a silver column, matching the Parquet DuckDB writes for it, so
 * Athena reads silver files without a type mismatch (`HIVE_BAD_DATA`).
 */
export function hiveType(type: SilverType, scale = GLUE_DEFAULT_SCALE): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'int64':
      return 'bigint';
    case 'decimal':
      return `decimal(${GLUE_DECIMAL_PRECISION},${scale})`;
    case 'double':
      return 'double';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
  }
}

/** The silver type of a Glue column type (inverse of {@link hiveType}); unknown types are text. */
export function silverTypeOfHive(type: string): SilverType {
  const t = type.toLowerCase();
  if (t === 'bigint' || t === 'int' || t === 'smallint' || t === 'tinyint') return 'int64';
  if (t.startsWith('decimal')) return 'decimal';
  if (t === 'double' || t === 'float') return 'double';
  if (t === 'date') return 'date';
  if (t === 'boolean') return 'boolean';
  return 'string';
}
