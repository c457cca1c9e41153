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
 * Trino has no accent-stripping function, so accents are translated through an explicit table
 * covering the Latin-1 letters Portuguese (and stray Spanish or French labels) use.
 */
const ACCENTED = 'áàâãäåéèêëíìîïóòôõöúùûüçñýÿÁÀÂÃÄÅÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇÑÝ';
const PLAIN = 'aaaaaaeeeeiiiiooooouuuucnyyAAAAAAEEEEIIIIOOOOOUUUUCNY';

/** Athena (engine version 3, Trino): gold on AWS. Layers are Glue databases (`matriz_silver`). */
export const athenaDialect: SqlDialect = {
  name: 'athena',
  quoteIdent: ansiQuoteIdent,
  quoteString: ansiQuoteString,
  typeName,
  tryCast: (expr, type, scale) => `TRY_CAST(${expr} AS ${typeName(type, scale)})`,
  regexReplace: (expr, pattern, replacement) =>
    `regexp_replace(${expr}, ${ansiQuoteString(pattern)}, ${ansiQuoteString(replacement)})`,
  regexMatches: (expr, pattern) => `regexp_like(${expr}, ${ansiQuoteString(pattern)})`,
  sha256Hex: (expr) => `lower(to_hex(sha256(to_utf8(${expr}))))`,
  tryParseDate: (expr, format) =>
    `CAST(try(date_parse(${expr}, ${ansiQuoteString(format)})) AS DATE)`,
  makeDate: (year, month, day) =>
    `CAST(format('%04d-%02d-%02d', CAST(${year} AS BIGINT), CAST(${month} AS BIGINT), CAST(${day} AS BIGINT)) AS DATE)`,
  monthStart: (date) => `date_trunc('month', ${date})`,
  stripAccents: (expr) =>
    `translate(${expr}, ${ansiQuoteString(ACCENTED)}, ${ansiQuoteString(PLAIN)})`,
  concatNonNull: (separator, exprs) =>
    `concat_ws(${ansiQuoteString(separator)}, ${exprs.join(', ')})`,
  leftPad: (expr, length, fill) => `lpad(${expr}, ${length}, ${ansiQuoteString(fill)})`,
  dateLiteral: (isoDate) => `DATE ${ansiQuoteString(isoDate)}`,
  tableResolver:
    (options = {}) =>
    (layer, name) =>
      `${ansiQuoteIdent(`${options.prefix ?? 'matriz'}_${layer}`)}.${ansiQuoteIdent(name)}`,
};

/** The accent table used by {@link athenaDialect}; exported for tests. */
export const ATHENA_ACCENT_TABLE = { accented: ACCENTED, plain: PLAIN } as const;
