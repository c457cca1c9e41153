import type { DatasetDefinition } from '../core-deps.ts';
import type { SeriesOutlierRule, SeriesRule } from '../rules/types.ts';
import { asDouble, snapshotFilter, type QuerySite } from './shared.ts';

/**
 * The periods each group of a series dataset covers in the snapshot: one row per group and
 * period (`year`, `month`), from which missing periods are found.
 */
export function seriesPeriodsSql(
  def: DatasetDefinition,
  series: SeriesRule,
  site: QuerySite,
): string {
  const q = site.d.quoteIdent;
  const groups = series.groupBy.map(q);
  return [
    `SELECT DISTINCT ${groups.join(', ')}, ${q(series.yearColumn)} AS ${q('year')}, ${q(series.monthColumn)} AS ${q('month')}`,
    `FROM ${site.resolve('silver', def.id)}`,
    `WHERE ${snapshotFilter(site)} AND ${q(series.yearColumn)} IS NOT NULL AND ${q(series.monthColumn)} IS NOT NULL`,
    `ORDER BY ${groups.join(', ')}, ${q('year')}, ${q('month')}`,
  ].join('\n');
}

/** A value per group and period (summed), in period order: the series an outlier rule judges. */
export function seriesValuesSql(
  def: DatasetDefinition,
  series: SeriesRule,
  rule: SeriesOutlierRule,
  site: QuerySite,
): string {
  const q = site.d.quoteIdent;
  const groups = series.groupBy.map(q);
  const period = [q(series.yearColumn), q(series.monthColumn)];
  return [
    `SELECT ${groups.join(', ')}, ${period[0]} AS ${q('year')}, ${period[1]} AS ${q('month')},`,
    `  ${asDouble(site, `SUM(${q(rule.column)})`)} AS ${q('value')}`,
    `FROM ${site.resolve('silver', def.id)}`,
    `WHERE ${snapshotFilter(site)} AND ${period.map((p) => `${p} IS NOT NULL`).join(' AND ')}`,
    `GROUP BY ${[...groups, ...period].join(', ')}`,
    `ORDER BY ${[...groups, ...period].join(', ')}`,
  ].join('\n');
}
