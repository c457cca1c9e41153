import type { DatasetDefinition } from '../core-deps.ts';
import type { ShareTotalRule } from '../rules/types.ts';
import { asDouble, snapshotFilter, type QuerySite } from './shared.ts';

/** How many groups a share-total finding lists; the count of groups is exact. */
export const SHARE_SAMPLE = 100;

/**
 * Groups whose shares do not add up to the total (plants whose owners hold 200 % or 100.01 %),
 * each with the sum, the number of rows, and the exact number of such groups on every row.
 */
export function shareTotalSql(
  def: DatasetDefinition,
  rule: ShareTotalRule,
  site: QuerySite,
): string {
  const q = site.d.quoteIdent;
  const groups = rule.groupBy.map(q);
  const total = `SUM(${q(rule.column)})`;
  return [
    `SELECT ${groups.join(', ')}, ${q('total')}, ${q('rows')}, COUNT(*) OVER () AS ${q('groups')}`,
    'FROM (',
    `  SELECT ${groups.join(', ')}, ${asDouble(site, total)} AS ${q('total')}, COUNT(*) AS ${q('rows')}`,
    `  FROM ${site.resolve('silver', def.id)}`,
    `  WHERE ${snapshotFilter(site)} AND ${groups.map((g) => `${g} IS NOT NULL`).join(' AND ')}`,
    `  GROUP BY ${groups.join(', ')}`,
    `  HAVING ${total} IS NULL OR ABS(${total} - ${rule.total}) > ${rule.tolerance}`,
    `) AS ${q('totals')}`,
    `ORDER BY ${groups.join(', ')}`,
    `LIMIT ${SHARE_SAMPLE}`,
  ].join('\n');
}
