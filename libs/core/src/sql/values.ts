import { UF_CODES } from '../registry/codes.ts';
import type { ColumnSpec, ValueKind } from '../registry/types.ts';
import type { RejectReason } from '../parsing/values.ts';
import type { SqlDialect } from './dialects/types.ts';

/**
 * Typed value of one raw text cell, as SQL. `value` is the typed value or NULL; `reason` is NULL
 * when the cell is fine, blank (empty or `-`) or a placeholder, and otherwise a snake_case reason
 * that sends the row to quarantine; `placeholder` is NULL or the snake_case reason the value was
 * turned into NULL as "unknown" (`placeholder`, `zero_coordinate`).
 */
export interface ValueSql {
  readonly value: string;
  readonly reason: string;
  readonly placeholder: string;
}

/** Row-level context a column's SQL may need besides its own raw cell. */
export interface ValueContext {
  /** Boolean SQL true when the row is about a natural person (for `pii: 'pseudonymise'`). */
  readonly naturalPerson?: string;
  /** Salt prepended to a natural person's value before hashing (default empty). */
  readonly salt?: string;
  /**
   * Names an intermediate expression so the engine computes it once per row, and returns the SQL
   * that refers to it. Level 1 expressions read only the raw cell; level 2 ones may also read
   * level-1 names. Without it (the default) each intermediate is written out wherever it is used.
   * The DuckDB staged SELECT binds them to columns of stacked projections.
   */
  readonly bind?: (level: 1 | 2, expr: string) => string;
  /**
   * Boolean SQL: a cell of the row may start or end with a space `trim` removes. When it is false
   * the cells are used untrimmed (DuckDB: the silver step's recoder flags such rows while it
   * reads the file, and trimming is a fifth of the validation's cost). Without it every cell is
   * trimmed.
   */
  readonly padded?: string;
}

function bound(ctx: ValueContext, level: 1 | 2, expr: string): string {
  return ctx.bind ? ctx.bind(level, expr) : expr;
}

/**
 * Folds a label for comparison in TypeScript exactly as {@link foldLabelSql} does in SQL: trimmed,
 * inner whitespace collapsed, accents removed, lower-cased (`Fóssil ` and `FOSSIL` are `fossil`).
 */
export function foldLabel(label: string): string {
  return label.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** SQL for {@link foldLabel}: the comparison key of a label. */
export function foldLabelSql(d: SqlDialect, expr: string): string {
  return `lower(trim(${d.regexReplace(d.stripAccents(expr), '\\s+', ' ')}))`;
}

/** `raw` trimmed, or as it is on a row {@link ValueContext.padded} says needs no trimming. */
function trimmed(raw: string, ctx: ValueContext): string {
  return ctx.padded === undefined
    ? `trim(${raw})`
    : `CASE WHEN ${ctx.padded} THEN trim(${raw}) ELSE ${raw} END`;
}

/** Trimmed text with empty and `-` as NULL: what every kind starts from. */
function blankToNull(raw: string, ctx: ValueContext = {}): string {
  return `NULLIF(NULLIF(${trimmed(raw, ctx)}, ''), '-')`;
}

/**
 * Boolean SQL: `expr` is one of `values`. DuckDB gets `list_contains` on a constant list: its
 * optimiser turns a long `IN (...)` (the 27 states) into a join, and a join lets the rows of a
 * parallel scan come out of file order, which then costs the silver step a full sort (issue 7).
 */
function inList(d: SqlDialect, expr: string, values: readonly string[]): string {
  const quoted = values.map((v) => d.quoteString(v)).join(', ');
  return d.name === 'duckdb' ? `list_contains([${quoted}], ${expr})` : `${expr} IN (${quoted})`;
}

/** The text after blanks and declared placeholders are removed, and the placeholder reason. */
function present(
  d: SqlDialect,
  raw: string,
  column: ColumnSpec,
  ctx: ValueContext,
): { text: string; ph: string } {
  const cleaned = blankToNull(raw, ctx);
  const placeholders = column.placeholders ?? [];
  if (placeholders.length === 0)
    return { text: bound(ctx, 1, cleaned), ph: 'CAST(NULL AS ' + d.typeName('string') + ')' };
  const isPlaceholder = inList(d, trimmed(raw, ctx), placeholders);
  return {
    text: bound(ctx, 1, `CASE WHEN ${isPlaceholder} THEN NULL ELSE ${cleaned} END`),
    ph: `CASE WHEN ${isPlaceholder} THEN 'placeholder' END`,
  };
}

function nullText(d: SqlDialect): string {
  return `CAST(NULL AS ${d.typeName('string')})`;
}

/** `reason` when `text` is present but `value` is NULL. */
function failedWhen(text: string, value: string, reason: RejectReason): string {
  return `CASE WHEN ${text} IS NOT NULL AND ${value} IS NULL THEN '${reason}' END`;
}

function rangeCondition(value: string, range: ColumnSpec['range']): string | undefined {
  const parts: string[] = [];
  if (range?.min !== undefined) parts.push(`${value} < ${range.min}`);
  if (range?.max !== undefined) parts.push(`${value} > ${range.max}`);
  return parts.length > 0 ? parts.join(' OR ') : undefined;
}

/** Parse failure first, then the range. */
function reasonWithRange(
  text: string,
  value: string,
  failure: RejectReason,
  range: ColumnSpec['range'],
): string {
  const outside = rangeCondition(value, range);
  const failed = `${text} IS NOT NULL AND ${value} IS NULL`;
  return outside
    ? `CASE WHEN ${failed} THEN '${failure}' WHEN ${outside} THEN 'out_of_range' END`
    : `CASE WHEN ${failed} THEN '${failure}' END`;
}

/** Integer part with or without thousands dots. */
const INTEGER_PART = '([0-9]+|[0-9]{1,3}([.][0-9]{3})+)';
/** Brazilian decimal: `1.250,00`, `4,50`, `,85`, `-,5`, `30000`. */
const DECIMAL_BR = `^[+-]?(${INTEGER_PART}(,[0-9]+)?|,[0-9]+)$`;
const INTEGER_BR = `^[+-]?${INTEGER_PART}$`;

/**
 * A Brazilian decimal as a number of `column.type`: thousands dots dropped and the comma made a
 * point; elsewhere than DuckDB, the sign is also moved out and a leading `0` added (so `,85` and
 * `-,5` cast everywhere). DuckDB drops dots only from values that have one: most have none.
 */
function brazilianNumber(d: SqlDialect, text: string, column: ColumnSpec): string {
  const type = column.type === 'string' ? 'decimal' : column.type;
  const guard = d.regexMatches(text, DECIMAL_BR);
  // DuckDB casts `.85`, `-.5` and `+3` as they are (checked in values.spec): only the dots and
  // the comma need changing, five fewer string operations per value on the silver step's path.
  if (d.name === 'duckdb') {
    const plain = `CASE WHEN contains(${text}, '.') THEN replace(replace(${text}, '.', ''), ',', '.') ELSE replace(${text}, ',', '.') END`;
    return `CASE WHEN ${guard} THEN ${d.tryCast(plain, type, column.scale)} END`;
  }
  const unsigned = d.regexReplace(text, '^[+-]', '');
  const magnitude = `replace(replace(${unsigned}, '.', ''), ',', '.')`;
  const signed = `CASE WHEN ${text} LIKE '-%' THEN '-0' ELSE '0' END || ${magnitude}`;
  return `CASE WHEN ${guard} THEN ${d.tryCast(signed, type, column.scale)} END`;
}

const DATE_FORMATS: readonly {
  readonly shape: string;
  readonly format: string;
  /** The shape's first ten characters as a GLOB (DuckDB's fast path). */
  readonly glob: string;
}[] = [
  {
    shape: '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$',
    format: '%Y-%m-%d',
    glob: '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]',
  },
  {
    shape: '^[0-9]{2}-[0-9]{2}-[0-9]{4}([ T].*)?$',
    format: '%d-%m-%Y',
    glob: '[0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9]',
  },
  {
    shape: '^[0-9]{2}/[0-9]{2}/[0-9]{4}([ T].*)?$',
    format: '%d/%m/%Y',
    glob: '[0-9][0-9]/[0-9][0-9]/[0-9][0-9][0-9][0-9]',
  },
];

/**
 * DuckDB's cheaper branches in front of the date shapes, each for a subset of one shape with the
 * same result: a GLOB instead of the regex, and for ISO dates DuckDB's own date cast instead of
 * `strptime` (they agree on every `dddd-dd-dd`, checked in values.spec). A suffix must start
 * with a space or `T` and hold no line feed, which the regex's `.` does not match.
 */
function fastDateWhens(d: SqlDialect, text: string): string[] {
  return DATE_FORMATS.flatMap(({ glob, format }) => {
    const day = `substr(${text}, 1, 10)`;
    const parse = (expr: string) =>
      format === '%Y-%m-%d' ? d.tryCast(expr, 'date') : d.tryParseDate(expr, format);
    return [
      `WHEN ${text} GLOB '${glob}' THEN ${parse(text)}`,
      `WHEN ${text} GLOB '${glob}[ T]*' AND NOT contains(${text}, chr(10)) THEN ${parse(day)}`,
    ];
  });
}

function withPseudonym(
  d: SqlDialect,
  value: string,
  column: ColumnSpec,
  ctx: ValueContext,
): string {
  if (column.pii !== 'pseudonymise' || ctx.naturalPerson === undefined) return value;
  const input = ctx.salt ? `${d.quoteString(ctx.salt)} || ${value}` : value;
  return `CASE WHEN ${ctx.naturalPerson} AND ${value} IS NOT NULL THEN ${d.sha256Hex(input)} ELSE ${value} END`;
}

type Builder = (d: SqlDialect, raw: string, column: ColumnSpec, ctx: ValueContext) => ValueSql;

/**
 * ANEEL's mangled `&amp;` (`&amp-`) as `&`. DuckDB gets the replace only where the text has one:
 * `replace` copies every string, and text columns are a third of the GD file.
 */
function unmangledAmpersand(d: SqlDialect, text: string): string {
  const replaced = `replace(${text}, '&amp-', '&')`;
  return d.name === 'duckdb'
    ? `CASE WHEN contains(${text}, '&amp-') THEN ${replaced} ELSE ${text} END`
    : replaced;
}

const text: Builder = (d, raw, column, ctx) => {
  const p = present(d, raw, column, ctx);
  const value = withPseudonym(d, unmangledAmpersand(d, p.text), column, ctx);
  return { value, reason: nullText(d), placeholder: p.ph };
};

/** Labels whose exact text may skip folding: plain letters, digits and single inner spaces. */
const PLAIN_LABEL = /^[A-Za-z0-9\u00C0-\u00FF_]+( [A-Za-z0-9\u00C0-\u00FF_]+)*$/;

/**
 * `CASE text WHEN 'Residencial' THEN 'residential' ... ELSE folded END`: the registry's own
 * labels and allowed values, as written, map straight to what folding them gives; anything else
 * is folded as before. Same result, without accent stripping and a regex on most rows.
 */
function exactLabelsFirst(
  d: SqlDialect,
  text: string,
  column: ColumnSpec,
  canonical: ReadonlyMap<string, string>,
  folded: string,
): string {
  const exact = new Map<string, string>();
  for (const label of [...Object.keys(column.normalise ?? {}), ...(column.allowed ?? [])]) {
    const value = canonical.get(foldLabel(label));
    if (value !== undefined && PLAIN_LABEL.test(label) && !exact.has(label))
      exact.set(label, value);
  }
  if (exact.size === 0) return folded;
  const whens = [...exact]
    .map(([label, value]) => `WHEN ${d.quoteString(label)} THEN ${d.quoteString(value)}`)
    .join(' ');
  return `CASE ${text} ${whens} ELSE ${folded} END`;
}

const code: Builder = (d, raw, column, ctx) => {
  const canonical = new Map<string, string>();
  for (const [label, value] of Object.entries(column.normalise ?? {})) {
    canonical.set(foldLabel(label), value);
  }
  for (const value of column.allowed ?? []) canonical.set(foldLabel(value), value);
  if (canonical.size === 0) return text(d, raw, column, ctx);
  const p = present(d, raw, column, ctx);

  const whens = [...canonical]
    .map(([key, value]) => `WHEN ${d.quoteString(key)} THEN ${d.quoteString(value)}`)
    .join(' ');
  const folded = `CASE ${foldLabelSql(d, p.text)} ${whens} END`;
  const label = bound(
    ctx,
    2,
    ctx.bind ? exactLabelsFirst(d, p.text, column, canonical, folded) : folded,
  );
  const value = column.type === 'string' ? label : d.tryCast(label, column.type, column.scale);
  return {
    value: withPseudonym(d, value, column, ctx),
    reason: failedWhen(p.text, label, 'unknown_code'),
    placeholder: p.ph,
  };
};

const decimalBr: Builder = (d, raw, column, ctx) => {
  const p = present(d, raw, column, ctx);
  const value = bound(ctx, 2, brazilianNumber(d, p.text, column));
  return {
    value,
    reason: reasonWithRange(p.text, value, 'not_a_number', column.range),
    placeholder: p.ph,
  };
};

const integer: Builder = (d, raw, column, ctx) => {
  const p = present(d, raw, column, ctx);
  const type = column.type === 'string' ? 'int64' : column.type;
  const undotted =
    d.name === 'duckdb'
      ? `CASE WHEN contains(${p.text}, '.') THEN replace(${p.text}, '.', '') ELSE ${p.text} END`
      : `replace(${p.text}, '.', '')`;
  const value = bound(
    ctx,
    2,
    `CASE WHEN ${d.regexMatches(p.text, INTEGER_BR)} THEN ${d.tryCast(undotted, type, column.scale)} END`,
  );
  return {
    value,
    reason: reasonWithRange(p.text, value, 'not_a_number', column.range),
    placeholder: p.ph,
  };
};

const date: Builder = (d, raw, column, ctx) => {
  const p = present(d, raw, column, ctx);
  const whens = [
    ...(d.name === 'duckdb' ? fastDateWhens(d, p.text) : []),
    ...DATE_FORMATS.map(
      ({ shape, format }) =>
        `WHEN ${d.regexMatches(p.text, shape)} THEN ${d.tryParseDate(`substr(${p.text}, 1, 10)`, format)}`,
    ),
  ].join(' ');
  const value = bound(ctx, 2, `CASE ${whens} END`);
  return { value, reason: failedWhen(p.text, value, 'not_a_date'), placeholder: p.ph };
};

function wholeNumber(
  shape: string,
  failure: RejectReason,
  defaultRange: ColumnSpec['range'],
): Builder {
  return (d, raw, column, ctx) => {
    const p = present(d, raw, column, ctx);
    const type = column.type === 'string' ? 'int64' : column.type;
    const value = bound(
      ctx,
      2,
      `CASE WHEN ${d.regexMatches(p.text, shape)} THEN ${d.tryCast(p.text, type)} END`,
    );
    return {
      value,
      reason: reasonWithRange(p.text, value, failure, column.range ?? defaultRange),
      placeholder: p.ph,
    };
  };
}

const coordinate: Builder = (d, raw, column, ctx) => {
  const p = present(d, raw, column, ctx);
  const parsed = bound(ctx, 2, brazilianNumber(d, p.text, { ...column, type: 'double' }));
  const value = `CASE WHEN ${parsed} = 0 THEN NULL ELSE ${parsed} END`;
  const placeholder = column.placeholders?.length
    ? `COALESCE(${p.ph}, CASE WHEN ${parsed} = 0 THEN 'zero_coordinate' END)`
    : `CASE WHEN ${parsed} = 0 THEN 'zero_coordinate' END`;
  // Out of range only when not zero (a zero is a placeholder, NULL in silver): tested on the
  // parsed number rather than on the value's CASE written out twice more.
  const range = rangeCondition(parsed, column.range);
  const outside = range ? `${parsed} <> 0 AND (${range})` : undefined;
  const failed = `${p.text} IS NOT NULL AND ${parsed} IS NULL`;
  const reason = outside
    ? `CASE WHEN ${failed} THEN 'not_a_number' WHEN ${outside} THEN 'out_of_range' END`
    : `CASE WHEN ${failed} THEN 'not_a_number' END`;
  return { value, reason, placeholder };
};

const uf: Builder = (d, raw, column, ctx) => {
  const p = present(d, raw, column, ctx);
  const upper = `upper(${p.text})`;
  const value = bound(
    ctx,
    2,
    `CASE WHEN ${inList(d, upper, column.allowed ?? UF_CODES)} THEN ${upper} END`,
  );
  return { value, reason: failedWhen(p.text, value, 'unknown_code'), placeholder: p.ph };
};

/** CNPJ or CPF, bare or punctuated; masked CPFs (`***.962.380-**`) are kept as published. */
const DOCUMENT_FORMS = {
  digits: '^([0-9]{11}|[0-9]{14})$',
  punctuated:
    '^([0-9]{3}[.][0-9]{3}[.][0-9]{3}-[0-9]{2}|[0-9]{2}[.][0-9]{3}[.][0-9]{3}/[0-9]{4}-[0-9]{2})$',
  masked: '^[*0-9]{3}[.][*0-9]{3}[.][*0-9]{3}-[*0-9]{2}$',
} as const;

/** {@link DOCUMENT_FORMS}' digits and masked forms without a regex (DuckDB's fast path). */
const MASKED_GLOB = '[*0-9][*0-9][*0-9].[*0-9][*0-9][*0-9].[*0-9][*0-9][*0-9]-[*0-9][*0-9]';

const document: Builder = (d, raw, column, ctx) => {
  const p = present(d, raw, column, ctx);
  const digitsOnly = d.regexReplace(p.text, '[^0-9]', '');
  const fast = d.name === 'duckdb';
  const digits = fast
    ? `WHEN strlen(${p.text}) IN (11, 14) AND NOT ${p.text} GLOB '*[!0-9]*' THEN ${p.text}`
    : `WHEN ${d.regexMatches(p.text, DOCUMENT_FORMS.digits)} THEN ${p.text}`;
  const punctuated = `WHEN ${d.regexMatches(p.text, DOCUMENT_FORMS.punctuated)} THEN ${digitsOnly}`;
  const masked = fast
    ? `WHEN ${p.text} GLOB '${MASKED_GLOB}' THEN ${p.text}`
    : `WHEN ${d.regexMatches(p.text, DOCUMENT_FORMS.masked)} THEN ${p.text}`;
  // Only a masked CPF has a `*`, so DuckDB tries one expression on each value, not up to three
  // (most GD holders are masked natural persons, tried last otherwise).
  const parsed = bound(
    ctx,
    2,
    d.name === 'duckdb'
      ? `CASE WHEN strpos(${p.text}, '*') > 0 THEN CASE ${masked} END ${digits} ${punctuated} END`
      : `CASE ${digits} ${punctuated} ${masked} END`,
  );
  return {
    value: withPseudonym(d, parsed, column, ctx),
    reason: failedWhen(p.text, parsed, 'not_a_document'),
    placeholder: p.ph,
  };
};

const cegNucleus: Builder = (d, raw, column, ctx) => {
  const p = present(d, raw, column, ctx);
  const value = bound(
    ctx,
    2,
    `CASE WHEN ${d.regexMatches(p.text, '^[0-9]{1,6}$')} THEN ${d.leftPad(p.text, 6, '0')} END`,
  );
  return { value, reason: failedWhen(p.text, value, 'not_a_ceg_nucleus'), placeholder: p.ph };
};

const BUILDERS: Readonly<Record<ValueKind, Builder>> = {
  text,
  code,
  decimal_br: decimalBr,
  integer,
  date,
  month: wholeNumber('^[0-9]{1,2}$', 'not_a_month', { min: 1, max: 12 }),
  year: wholeNumber('^[0-9]{4}$', 'not_a_year', undefined),
  coordinate,
  uf,
  document,
  ceg_nucleus: cegNucleus,
};

/**
 * The SQL that turns one raw text cell (`rawExpr`, a text expression) into the column's typed
 * silver value, its reject reason and its placeholder reason, following the column's `kind`,
 * `placeholders`, `allowed`/`normalise`, `range` and `pii`. Same semantics as the TypeScript
 * parsers in `parsing/values`.
 */
export function valueSql(
  dialect: SqlDialect,
  rawExpr: string,
  column: ColumnSpec,
  context: ValueContext = {},
): ValueSql {
  return BUILDERS[column.kind](dialect, rawExpr, column, context);
}

/**
 * Boolean SQL: true when the raw document cell belongs to a natural person under the
 * `masked_or_empty_document` rule (masked CPF with `*`, or empty).
 */
export function maskedOrEmptyDocumentSql(rawDocument: string): string {
  return `(${blankToNull(rawDocument)} IS NULL OR strpos(${rawDocument}, '*') > 0)`;
}

/** What DuckDB's `trim` removes from either end: the Unicode space separators (not tab or LF). */
const SPACE_SEPARATORS_AT_ENDS =
  /^[\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+|[\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+$/g;
const DECIMAL_BR_PATTERN = new RegExp(DECIMAL_BR);

/**
 * The placeholder reason the `placeholder` SQL of {@link valueSql} gives one raw cell on DuckDB,
 * in TypeScript: `placeholder` when the trimmed text is a declared placeholder, else
 * `zero_coordinate` for a coordinate whose Brazilian decimal is 0, else undefined. For counting
 * placeholders without a pass of SQL; `trim` is DuckDB's (space separators only).
 */
export function placeholderReason(column: ColumnSpec, raw: string): string | undefined {
  const text = raw.replace(SPACE_SEPARATORS_AT_ENDS, '');
  if (column.placeholders?.includes(text)) return 'placeholder';
  if (column.kind !== 'coordinate' || !DECIMAL_BR_PATTERN.test(text)) return undefined;
  return Number(text.replace(/[.]/g, '').replace(',', '.')) === 0 ? 'zero_coordinate' : undefined;
}
