import type { DatasetDefinition } from '../core-deps.ts';
import type { SumMetric } from '../rules/types.ts';
import { asDouble, rowCondition, snapshotFilter, type QuerySite } from './shared.ts';

/**
 * A grouped sum of the snapshot (`operating_capacity_kw` per `generation_type`): one row per
 * group with the group columns and `value`. One grouped aggregate.
 */
export function groupSumSql(def: DatasetDefinition, sum: SumMetric, site: QuerySite): string {
  const q = site.d.quoteIdent;
  const groups = (sum.groupBy ?? []).map(q);
  return [
    `SELECT ${groups.join(', ')}, ${asDouble(site, `SUM(${q(sum.column)})`)} AS ${q('value')}`,
    `FROM ${site.resolve('silver', def.id)}`,
    `WHERE ${snapshotFilter(site)} AND ${rowCondition(site, sum)}`,
    `GROUP BY ${groups.join(', ')}`,
    `ORDER BY ${groups.join(', ')}`,
  ].join('\n');
}
