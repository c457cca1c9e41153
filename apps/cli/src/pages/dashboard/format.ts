/**
 * Formatting for the page: numbers in Brazilian convention (`183.137.678 kW`, `56,2%`), dates
 * spelled out in English like the labels (`1 June 2022`), units always written.
 */

const LOCALE = 'pt-BR';
const DATE_LOCALE = 'en-GB';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(LOCALE, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const upToOneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(LOCALE, {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const longDate = new Intl.DateTimeFormat(DATE_LOCALE, { timeZone: 'UTC', dateStyle: 'long' });
const monthYear = new Intl.DateTimeFormat(DATE_LOCALE, {
  timeZone: 'UTC',
  month: 'short',
  year: 'numeric',
});

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** `13.902` */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** Whole kilowatts with the unit: `183.137.678 kW`. */
export function formatKw(value: number): string {
  return `${integer.format(value)} kW`;
}

/** Megawatts, one decimal, no unit (for table cells headed `MW`). */
export function formatMwNumber(kw: number): string {
  return oneDecimal.format(kw / 1_000);
}

/** Megawatts with the unit: `103.008,4 MW`. */
export function formatMw(kw: number): string {
  return `${formatMwNumber(kw)} MW`;
}

/** Gigawatts with the unit, two decimals: `183,14 GW`. */
export function formatGw(kw: number): string {
  return `${twoDecimals.format(kw / 1_000_000)} GW`;
}

/** Axis tick in gigawatts, at most one decimal: `50 GW`, `37,5 GW`. */
export function formatGwTick(kw: number): string {
  return `${upToOneDecimal.format(kw / 1_000_000)} GW`;
}

/** The most readable of kW, MW or GW for a chart label. */
export function formatPower(kw: number): string {
  const abs = Math.abs(kw);
  if (abs >= 1_000_000) return `${oneDecimal.format(kw / 1_000_000)} GW`;
  if (abs >= 1_000) return `${oneDecimal.format(kw / 1_000)} MW`;
  return `${integer.format(kw)} kW`;
}

/** Share as a percentage with one decimal: `56,2%`. */
export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${oneDecimal.format((part / whole) * 100)}%` : '–';
}

/** `1 June 2022` from `2022-06-01`. */
export function formatDate(isoDate: string): string {
  const time = Date.parse(isoDate);
  return Number.isNaN(time) ? isoDate : longDate.format(time);
}

/** `Aug 2024` from `2024-08-01`. */
export function formatMonth(isoDate: string): string {
  const time = Date.parse(isoDate);
  return Number.isNaN(time) ? isoDate : monthYear.format(time);
}

/** `1.282 days`, `1 day`. */
export function formatDays(days: number): string {
  return `${integer.format(days)} ${days === 1 ? 'day' : 'days'}`;
}
