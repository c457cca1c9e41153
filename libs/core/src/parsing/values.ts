/**
 * One tolerant parser per `ValueKind`, with the same semantics as the SQL the silver step runs
 * (`sql/values.ts`): the TypeScript side serves tests, notebooks, the API and small files.
 *
 * Every parser trims the raw text first; empty and `-` are NULL (C1), not errors. A failure is a
 * snake_case reason that sends the row to quarantine; a placeholder is a NULL with a reason
 * that is counted, not rejected (C4).
 */
import { UF_CODES } from '../registry/codes.ts';
import type { ColumnSpec, ValueKind } from '../registry/types.ts';
import { foldLabel } from './labels.ts';

/** Reasons a raw value is rejected (the row goes to quarantine). */
export type RejectReason =
  | 'not_a_number'
  | 'not_a_date'
  | 'not_a_month'
  | 'not_a_year'
  | 'not_a_document'
  | 'not_a_ceg_nucleus'
  | 'unknown_code'
  | 'out_of_range';

/** Reasons a raw value means "unknown": `placeholder` (listed in the column) or a zero coordinate. */
export type PlaceholderReason = 'placeholder' | 'zero_coordinate';

export type ParsedValue = string | number | boolean;

/** Outcome of parsing one raw value. */
export type ValueResult<T extends ParsedValue = ParsedValue> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: true; readonly value: null; readonly placeholder?: PlaceholderReason }
  | { readonly ok: false; readonly reason: RejectReason };

const NULL: ValueResult<never> = { ok: true, value: null };

function ok<T extends ParsedValue>(value: T): ValueResult<T> {
  return { ok: true, value };
}

function fail(reason: RejectReason): ValueResult<never> {
  return { ok: false, reason };
}

/** The trimmed text, or undefined when it is blank (empty, only spaces, or `-`). */
function present(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const text = raw.trim();
  return text === '' || text === '-' ? undefined : text;
}

/** Integer part with or without thousands dots (`30000`, `1.250`, `12.345.678`). */
const INTEGER_PART = '(\\d+|\\d{1,3}(\\.\\d{3})+)';
/** Brazilian decimal: `1.250,00`, `4,50`, `,85`, `-,5`, `30000`. */
const DECIMAL_BR = new RegExp(`^[+-]?(${INTEGER_PART}(,\\d+)?|,\\d+)$`);
const INTEGER_BR = new RegExp(`^[+-]?${INTEGER_PART}$`);

function brazilianNumber(text: string): number | undefined {
  if (!DECIMAL_BR.test(text)) return undefined;
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

/** Trimmed text; `&amp-` (ANEEL's mangled `&amp;`) becomes `&`. */
export function parseText(raw: string | null | undefined): ValueResult<string> {
  const text = present(raw);
  return text === undefined ? NULL : ok(text.replaceAll('&amp-', '&'));
}

/**
 * Brazilian decimal: comma as decimal separator, dots only as thousands separators (`1.250,00`
 * is 1250, `,85` is 0.85, `-,500000` is -0.5). A dot that is not a thousands separator
 * (`4.5`) is `not_a_number`: the value is ambiguous, never guessed.
 */
export function parseDecimalBr(raw: string | null | undefined): ValueResult<number> {
  const text = present(raw);
  if (text === undefined) return NULL;
  const value = brazilianNumber(text);
  return value === undefined ? fail('not_a_number') : ok(value);
}

/** Whole number with optional thousands dots (`1.250` is 1250); a decimal part is rejected. */
export function parseInteger(raw: string | null | undefined): ValueResult<number> {
  const text = present(raw);
  if (text === undefined) return NULL;
  if (!INTEGER_BR.test(text)) return fail('not_a_number');
  return ok(Number(text.replace(/\./g, '')));
}

const DATE_SHAPES: readonly { shape: RegExp; order: 'ymd' | 'dmy' }[] = [
  { shape: /^(\d{4})-(\d{2})-(\d{2})([ T].*)?$/, order: 'ymd' },
  { shape: /^(\d{2})-(\d{2})-(\d{4})([ T].*)?$/, order: 'dmy' },
  { shape: /^(\d{2})\/(\d{2})\/(\d{4})([ T].*)?$/, order: 'dmy' },
];

/**
 * Calendar date as `yyyy-mm-dd`, from ISO `yyyy-mm-dd`, `dd-mm-yyyy` or `dd/mm/yyyy`; a time
 * part after a space or `T` is ignored. An impossible date (`2024-02-30`) is `not_a_date`.
 */
export function parseDate(raw: string | null | undefined): ValueResult<string> {
  const text = present(raw);
  if (text === undefined) return NULL;
  for (const { shape, order } of DATE_SHAPES) {
    const m = shape.exec(text);
    if (!m) continue;
    const [year, month, day] = order === 'ymd' ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!];
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    const valid =
      date.getUTCFullYear() === Number(year) &&
      date.getUTCMonth() === Number(month) - 1 &&
      date.getUTCDate() === Number(day);
    return valid ? ok(`${year}-${month}-${day}`) : fail('not_a_date');
  }
  return fail('not_a_date');
}

/** Month 1..12; a trailing space (`3 `) is tolerated. */
export function parseMonth(raw: string | null | undefined): ValueResult<number> {
  const text = present(raw);
  if (text === undefined) return NULL;
  if (!/^\d{1,2}$/.test(text)) return fail('not_a_month');
  const month = Number(text);
  return month >= 1 && month <= 12 ? ok(month) : fail('out_of_range');
}

/** Four-digit year. */
export function parseYear(raw: string | null | undefined): ValueResult<number> {
  const text = present(raw);
  if (text === undefined) return NULL;
  return /^\d{4}$/.test(text) ? ok(Number(text)) : fail('not_a_year');
}

/**
 * Latitude or longitude in decimal degrees written as a Brazilian decimal (`-23,550520`,
 * `-,500000`). Zero means unknown: NULL with reason `zero_coordinate`. Dots are never stripped
 * blindly (C3): `-23.550520` is `not_a_number`, not -23550520.
 */
export function parseCoordinate(raw: string | null | undefined): ValueResult<number> {
  const text = present(raw);
  if (text === undefined) return NULL;
  const value = brazilianNumber(text);
  if (value === undefined) return fail('not_a_number');
  return value === 0 ? { ok: true, value: null, placeholder: 'zero_coordinate' } : ok(value);
}

/** Federative-unit abbreviation, upper-cased; must be one of `allowed` (default the 27). */
export function parseUf(
  raw: string | null | undefined,
  allowed: readonly string[] = UF_CODES,
): ValueResult<string> {
  const text = present(raw);
  if (text === undefined) return NULL;
  const upper = text.toUpperCase();
  return allowed.includes(upper) ? ok(upper) : fail('unknown_code');
}

const DOCUMENT_DIGITS = /^(\d{11}|\d{14})$/;
const DOCUMENT_PUNCTUATED = /^(\d{3}\.\d{3}\.\d{3}-\d{2}|\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2})$/;
const DOCUMENT_MASKED = /^[*\d]{3}\.[*\d]{3}\.[*\d]{3}-[*\d]{2}$/;

/**
 * CPF (11 digits) or CNPJ (14 digits), kept as text so leading zeros survive
 * (`04895728000180`); punctuated forms (`18.565.382/0001-66`) lose their punctuation; masked
 * CPFs (`***.962.380-**`) are kept exactly as published. Anything else is `not_a_document`.
 */
export function parseDocument(raw: string | null | undefined): ValueResult<string> {
  const text = present(raw);
  if (text === undefined) return NULL;
  if (DOCUMENT_DIGITS.test(text)) return ok(text);
  if (DOCUMENT_PUNCTUATED.test(text)) return ok(text.replace(/\D/g, ''));
  if (DOCUMENT_MASKED.test(text)) return ok(text);
  return fail('not_a_document');
}

/** Whether a parsed document is a masked CPF, i.e. a natural person's. */
export function isMaskedDocument(document: string | null): boolean {
  return document !== null && document.includes('*');
}

/** CEG nucleus: 1 to 6 digits, zero-padded to 6 (`8` becomes `000008`). */
export function parseCegNucleus(raw: string | null | undefined): ValueResult<string> {
  const text = present(raw);
  if (text === undefined) return NULL;
  return /^\d{1,6}$/.test(text) ? ok(text.padStart(6, '0')) : fail('not_a_ceg_nucleus');
}

/** The canonical value of every folded label a code column accepts. */
function codeTable(column: Pick<ColumnSpec, 'allowed' | 'normalise'>): Map<string, string> {
  const table = new Map<string, string>();
  for (const [label, value] of Object.entries(column.normalise ?? {})) {
    table.set(foldLabel(label), value);
  }
  for (const value of column.allowed ?? []) table.set(foldLabel(value), value);
  return table;
}

/**
 * A code: the label is folded (accents, case, spaces: `Fóssil` = `Fossil`, C11) and looked up in
 * `normalise` and `allowed`; the canonical value is returned, anything else is `unknown_code`.
 * Without `allowed` and `normalise` it is an open code: trimmed text.
 */
export function parseCode(
  raw: string | null | undefined,
  column: Pick<ColumnSpec, 'allowed' | 'normalise'>,
): ValueResult<string> {
  const table = codeTable(column);
  if (table.size === 0) return parseText(raw);
  const text = present(raw);
  if (text === undefined) return NULL;
  const value = table.get(foldLabel(text));
  return value === undefined ? fail('unknown_code') : ok(value);
}

/** The parser of each kind for a raw value alone (codes and UFs with their default sets). */
export const VALUE_PARSERS: Readonly<
  Record<ValueKind, (raw: string | null | undefined) => ValueResult>
> = {
  text: parseText,
  code: (raw) => parseCode(raw, {}),
  decimal_br: parseDecimalBr,
  integer: parseInteger,
  date: parseDate,
  month: parseMonth,
  year: parseYear,
  coordinate: parseCoordinate,
  uf: (raw) => parseUf(raw),
  document: parseDocument,
  ceg_nucleus: parseCegNucleus,
};

function outside(value: number, range: ColumnSpec['range']): boolean {
  return (
    (range?.min !== undefined && value < range.min) ||
    (range?.max !== undefined && value > range.max)
  );
}

/**
 * Parses one raw value for a registry column: declared `placeholders` first (NULL, reason
 * `placeholder`), then the column's kind with its `allowed`/`normalise`, then its `range`
 * (`out_of_range`). Codes of `type: 'boolean'` columns become `true`/`false`.
 * Pseudonymisation (`pii`) is not applied here: it needs a salt and happens in silver.
 */
export function parseValue(column: ColumnSpec, raw: string | null | undefined): ValueResult {
  if (raw !== null && raw !== undefined && column.placeholders?.includes(raw.trim())) {
    return { ok: true, value: null, placeholder: 'placeholder' };
  }
  let result: ValueResult;
  switch (column.kind) {
    case 'code':
      result = parseCode(raw, column);
      break;
    case 'uf':
      result = parseUf(raw, column.allowed ?? UF_CODES);
      break;
    default:
      result = VALUE_PARSERS[column.kind](raw);
  }
  if (!result.ok || result.value === null) return result;

  if (column.type === 'boolean' && typeof result.value === 'string') {
    return ok(result.value === 'true');
  }
  if (typeof result.value === 'number') {
    const range = column.range ?? (column.kind === 'month' ? { min: 1, max: 12 } : undefined);
    if (outside(result.value, range)) return fail('out_of_range');
  }
  return result;
}
