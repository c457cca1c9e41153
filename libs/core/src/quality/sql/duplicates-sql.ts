import type { DatasetDefinition } from '../core-deps.ts';
import { snapshotFilter, type QuerySite } from './shared.ts';

/** How many duplicated keys a finding lists; the totals are always exact. */
export const DUPLICATE_SAMPLE = 50;

/**
 * Business keys that occur more than once in the snapshot, most repeated first, each with its
 * count (`rows`), plus the exact totals over all duplicated keys (`duplicate_keys`,
 * `duplicate_rows`) on every row. Rows with a NULL key part are left to the completeness check.
 * One grouped aggregate over the snapshot.
 */
export function duplicateKeysSql(def: DatasetDefinition, site: QuerySite): string {
  const q = site.d.quoteIdent;
  const keys = def.key.map(q);
  return [
    `SELECT ${keys.join(', ')}, ${q('rows')},`,
    `  COUNT(*) OVER () AS ${q('duplicate_keys')},`,
    `  SUM(${q('rows')}) OVER () AS ${q('duplicate_rows')}`,
    'FROM (',
    `  SELECT ${keys.join(', ')}, COUNT(*) AS ${q('rows')}`,
    `  FROM ${site.resolve('silver', def.id)}`,
    `  WHERE ${snapshotFilter(site)} AND ${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')}`,
    `  GROUP BY ${keys.join(', ')}`,
    '  HAVING COUNT(*) > 1',
    `) AS ${q('dups')}`,
    `ORDER BY ${q('rows')} DESC, ${keys.join(', ')}`,
    `LIMIT ${DUPLICATE_SAMPLE}`,
  ].join('\n');
}
