import type { SilverType } from '../registry.ts';
import { DEFAULT_SCALE } from './ansi.ts';
import type { SqlDialect } from './types.ts';

/** BigQuery NUMERIC allows at most 29 integer digits; 18 in total is ample for kW. */
const NUMERIC_PRECISION = 18;

function typeName(type: SilverType, scale = DEFAULT_SCALE): string {
  switch (type) {
    case 'string':
      return 'STRING';
    case 'int64':
      return 'INT64';
    case 'decimal':
      return `NUMERIC(${NUMERIC_PRECISION}, ${scale})`;
    case 'double':
      return 'FLOAT64';
    case 'date':
      return 'DATE';
    case 'boolean':
      return 'BOOL';
  }
}

/** GoogleSQL string literals escape with backslashes, not by doubling quotes. */
function quoteString(value: string): string {
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll("'", "\\'")
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r');
  return `'${escaped}'`;
}

function quoteIdent(name: string): string {
  return `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;
}

/** BigQuery (GoogleSQL): gold on GCP. Layers are datasets (`project.matriz_silver.siga`). */
export const bigqueryDialect: SqlDialect = {
  name: 'bigquery',
  quoteIdent,
  quoteString,
  typeName,
  tryCast: (expr, type, scale) => `SAFE_CAST(${expr} AS ${typeName(type, scale)})`,
  regexReplace: (expr, pattern, replacement) =>
    `REGEXP_REPLACE(${expr}, ${quoteString(pattern)}, ${quoteString(replacement)})`,
  regexMatches: (expr, pattern) => `REGEXP_CONTAINS(${expr}, ${quoteString(pattern)})`,
  sha256Hex: (expr) => `TO_HEX(SHA256(${expr}))`,
  tryParseDate: (expr, format) => `SAFE.PARSE_DATE(${quoteString(format)}, ${expr})`,
  makeDate: (year, month, day) =>
    `DATE(CAST(${year} AS INT64), CAST(${month} AS INT64), CAST(${day} AS INT64))`,
  monthStart: (date) => `DATE_TRUNC(${date}, MONTH)`,
  stripAccents: (expr) => `REGEXP_REPLACE(NORMALIZE(${expr}, NFD), r'\\p{M}', '')`,
  concatNonNull: (separator, exprs) =>
    `ARRAY_TO_STRING([${exprs.join(', ')}], ${quoteString(separator)})`,
  leftPad: (expr, length, fill) => `LPAD(${expr}, ${length}, ${quoteString(fill)})`,
  dateLiteral: (isoDate) => `DATE ${quoteString(isoDate)}`,
  tableResolver:
    (options = {}) =>
    (layer, name) => {
      const dataset = `${options.prefix ?? 'matriz'}_${layer}`;
      const path = options.project ? `${options.project}.${dataset}.${name}` : `${dataset}.${name}`;
      return quoteIdent(path);
    },
};
