import { silverColumns } from '../core-deps.ts';
import type { DatasetDefinition } from '../core-deps.ts';
import { snapshotFilter, type QuerySite } from './shared.ts';

/**
 * Reasons the silver step rejects a value with (see `RejectReason` in `parsing/values.ts`); the
 * reject text names one per offending column.
 */
export const REJECT_REASONS = [
  'not_a_number',
  'not_a_date',
  'not_a_month',
  'not_a_year',
  'not_a_document',
  'not_a_ceg_nucleus',
  'unknown_code',
  'out_of_range',
] as const;

/** One output column of {@link quarantineCountsSql}: rejected rows for a column and reason. */
export interface QuarantineField {
  readonly alias: string;
  readonly column: string;
  readonly reason: (typeof REJECT_REASONS)[number];
}

/** How many distinct reject texts {@link quarantineReasonsSql} returns (values for findings). */
export const REJECT_SAMPLE = 200;

/**
 * Exact counts of quarantined rows per column and reason, in one scan of the snapshot's
 * quarantine: the silver step writes `reject_reason` as `column: reason (\`raw\`)` joined by `; `.
 * Text columns never reject, so only typed columns are counted.
 */
export function quarantineCountsSql(
  def: DatasetDefinition,
  site: QuerySite,
): { readonly sql: string; readonly fields: readonly QuarantineField[] } {
  const { d } = site;
  const q = d.quoteIdent;
  const fields: QuarantineField[] = [];
  const selects = [`COUNT(*) AS ${q('rows')}`];
  silverColumns(def)
    .filter((c) => c.origin === 'source' && c.spec?.kind !== 'text')
    .forEach((c, i) => {
      REJECT_REASONS.forEach((reason, j) => {
        const alias = `r_${i}_${j}`;
        fields.push({ alias, column: c.name, reason });
        const needle = d.quoteString(`${c.name}: ${reason} (`);
        selects.push(
          `SUM(CASE WHEN strpos(${q('reject_reason')}, ${needle}) > 0 THEN 1 ELSE 0 END) AS ${q(alias)}`,
        );
      });
    });
  const sql = [
    `SELECT\n  ${selects.join(',\n  ')}`,
    `FROM ${site.resolve('quarantine', def.id)}`,
    `WHERE ${snapshotFilter(site)}`,
  ].join('\n');
  return { sql, fields };
}

/**
 * The most frequent reject texts of the snapshot with their counts and first row: the raw
 * offending values (`consumer_class: unknown_code (\`REBR\`)`) that findings list, sorted.
 */
export function quarantineReasonsSql(def: DatasetDefinition, site: QuerySite): string {
  const q = site.d.quoteIdent;
  return [
    `SELECT ${q('reject_reason')}, COUNT(*) AS ${q('rows')}, MIN(${q('source_row')}) AS ${q('first_row')}`,
    `FROM ${site.resolve('quarantine', def.id)}`,
    `WHERE ${snapshotFilter(site)}`,
    `GROUP BY ${q('reject_reason')}`,
    `ORDER BY ${q('rows')} DESC, ${q('reject_reason')}`,
    `LIMIT ${REJECT_SAMPLE}`,
  ].join('\n');
}
