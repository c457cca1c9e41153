import {
  placeholderColumns,
  placeholderReason,
  type ColumnSpec,
  type DatasetDefinition,
  type HeaderMatch,
  type PlaceholderCount,
} from '@matriz/core';

import type { FieldWatch } from './recode.ts';

const QUOTE = 0x22;
const SPACE = 0x20;
/** Longest value the byte-level shortcuts decide; longer ones get the exact rule. */
const MAX_PLAIN_BYTES = 64;

/** {@link placeholderReason} of the field's decoded text, `""` undone in a quoted one. */
function exactReason(
  column: ColumnSpec,
  bytes: Buffer,
  start: number,
  end: number,
  quoted: boolean,
): string | undefined {
  const text = bytes.toString('utf8', start, end);
  return placeholderReason(column, quoted ? text.replaceAll('""', '"') : text);
}

/**
 * Classifies one field's bytes as core's `placeholderReason` does its text, without making a
 * string for nearly every value: a field with no space or byte above 0x7F at its ends needs no
 * trimming, so it can only be a declared placeholder of its very length, and a coordinate is
 * no zero once a digit from 1 to 9 shows. The rest (padded fields, possible zeros) gets the
 * exact rule on the decoded text.
 */
export function placeholderClassifier(column: ColumnSpec): FieldWatch['classify'] {
  const declared = (column.placeholders ?? []).map((p) => Buffer.from(p, 'utf8'));
  const zero = column.kind === 'coordinate';
  return (bytes, start, end) => {
    // The value DuckDB reads: a quoted field may start after one space and end before spaces.
    const open =
      bytes[start] === QUOTE
        ? start
        : bytes[start] === SPACE && bytes[start + 1] === QUOTE
          ? start + 1
          : -1;
    let quoted = false;
    if (open >= 0 && open < end) {
      let close = end;
      while (close > open + 1 && bytes[close - 1] === SPACE) close--;
      if (close - open >= 2 && bytes[close - 1] === QUOTE) {
        quoted = true;
        start = open + 1;
        end = close - 1;
      }
    }
    // Beyond this length a number may underflow to zero (`0,` and 323 zeros then `1`).
    if (end - start > MAX_PLAIN_BYTES) return exactReason(column, bytes, start, end, quoted);
    if (end > start) {
      const first = bytes[start]!;
      const last = bytes[end - 1]!;
      if (first === SPACE || first >= 0x80 || last === SPACE || last >= 0x80)
        return exactReason(column, bytes, start, end, quoted);
    }
    for (const p of declared) {
      if (p.length === end - start && bytes.compare(p, 0, p.length, start, end) === 0) {
        return 'placeholder';
      }
    }
    if (!zero || end === start) return undefined;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b >= 0x31 && b <= 0x39) return undefined;
    }
    return exactReason(column, bytes, start, end, quoted);
  };
}

/** The fields to watch for placeholders, by their position among the source `headers`. */
export interface PlaceholderWatches {
  readonly watch: readonly FieldWatch[];
  /** Silver column of each watch, in the same order. */
  readonly columns: readonly string[];
}

/**
 * One watch per column whose placeholders are counted (core's `placeholderColumns`) and which
 * the file has, at the position `matchHeader` found its header in (spaces, quotes and case
 * around a header name do not move it).
 */
export function placeholderWatches(def: DatasetDefinition, match: HeaderMatch): PlaceholderWatches {
  const counted = new Set(placeholderColumns(def).map((c) => c.name));
  const watch: FieldWatch[] = [];
  const columns: string[] = [];
  for (const { column, index } of match.columns) {
    if (!counted.has(column.name)) continue;
    watch.push({ field: index, classify: placeholderClassifier(column) });
    columns.push(column.name);
  }
  return { watch, columns };
}

/** The recoder's counts per watch as placeholder counts, sorted by column then reason. */
export function placeholderCounts(
  watches: PlaceholderWatches,
  counts: readonly ReadonlyMap<string, number>[],
): PlaceholderCount[] {
  const out: PlaceholderCount[] = [];
  watches.columns.forEach((column, k) => {
    for (const [reason, rows] of counts[k] ?? []) out.push({ column, reason, rows });
  });
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => order(a.column, b.column) || order(a.reason, b.reason));
}
