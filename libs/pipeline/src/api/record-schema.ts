import { z } from 'zod';

import type { ColumnSpec, DatasetDefinition, EventValue } from '@matriz/core';

/** A real calendar date `yyyy-mm-dd` (`2024-02-31` is refused). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-mm-dd')
  .refine((s) => {
    const date = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
  }, 'not a calendar date');

/** A snapshot date: a calendar date that is not in the future (it would pin the latest state). */
const snapshotDate = isoDate.refine(
  (s) => s <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
  'a snapshot cannot be dated in the future',
);

/**
 * The same rules silver applies to the column: its canonical codes (`allowed`), its numeric
 * `range`, real dates. A pushed record is held to what `ingest` would accept.
 */
function valueSchema(column: ColumnSpec): z.ZodType<EventValue> {
  const { min, max } = column.range ?? {};
  const bounded = (n: z.ZodNumber) =>
    (min !== undefined ? n.min(min) : n).max(max ?? Number.MAX_VALUE);
  switch (column.type) {
    case 'string':
      return column.allowed && column.allowed.length > 0
        ? z.enum(column.allowed as [string, ...string[]])
        : z.string().max(4096);
    case 'int64':
      return bounded(z.number().int());
    case 'decimal':
    case 'double':
      return bounded(z.number());
    case 'date':
      return isoDate;
    case 'boolean':
      return z.boolean();
  }
}

/**
 * The zod schema of one pushed record of a dataset: an object of its silver columns (no others),
 * each of the column's type or null; key columns required and non-empty.
 */
export function recordSchemaFor(def: Pick<DatasetDefinition, 'key' | 'columns'>) {
  const shape: Record<string, z.ZodType<EventValue | undefined>> = {};
  for (const column of def.columns) {
    if (column.pii === 'drop') continue;
    const value = valueSchema(column);
    shape[column.name] = def.key.includes(column.name)
      ? column.type === 'string'
        ? z.string().min(1).max(256)
        : value
      : value.nullable().optional();
  }
  return z.strictObject(shape);
}

/** The body of `POST /records/{dataset}`. */
export function recordsBodySchema(
  def: Pick<DatasetDefinition, 'key' | 'columns'>,
  maxRecords: number,
) {
  return z.strictObject({
    /** Data date the records' state belongs to (default: today, UTC). */
    snapshot: snapshotDate.optional(),
    records: z.array(recordSchemaFor(def)).min(1).max(maxRecords),
  });
}

/** Key text of a record: key values in registry order joined with `|` (like the diff). */
export function recordKey(
  def: Pick<DatasetDefinition, 'key'>,
  record: Readonly<Record<string, unknown>>,
): string {
  return def.key
    .map((k) => (record[k] === null || record[k] === undefined ? '' : String(record[k])))
    .join('|');
}
