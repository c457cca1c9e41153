import type { DatasetDefinition } from '../core-deps.ts';
import type { ReconciliationRule } from '../rules/types.ts';
import { asDouble, rowCondition, snapshotFilter, type QuerySite } from './shared.ts';

/**
 * This dataset's sum per group for the snapshot next to the other dataset's published figure for
 * the month of the data date, read from the newest snapshot of the other dataset that covers that
 * month: one row per group (`grp`, `ours`, `theirs`, `rows`, `their_snapshot`), full outer join
 * so a group missing on either side shows up.
 */
export function reconciliationSql(
  def: DatasetDefinition,
  rule: ReconciliationRule,
  site: QuerySite,
): string {
  const { d } = site;
  const q = d.quoteIdent;
  const [year, month] = site.dataDate.split('-').map(Number) as [number, number];
  const other = site.resolve('silver', rule.against.dataset);
  const inMonth = `${q(rule.against.yearColumn)} = ${year} AND ${q(rule.against.monthColumn)} = ${month}`;
  const text = d.typeName('string');
  return [
    'WITH ours AS (',
    `  SELECT ${q(rule.groupColumn)} AS grp, ${asDouble(site, `SUM(${q(rule.valueColumn)})`)} AS ours, COUNT(*) AS n`,
    `  FROM ${site.resolve('silver', def.id)}`,
    `  WHERE ${snapshotFilter(site)} AND ${rowCondition(site, rule)}`,
    `  GROUP BY ${q(rule.groupColumn)}`,
    '), latest AS (',
    `  SELECT MAX(${q('data_date')}) AS snap FROM ${other} WHERE ${inMonth}`,
    '), theirs AS (',
    `  SELECT ${q(rule.against.groupColumn)} AS grp, ${asDouble(site, `SUM(${q(rule.against.valueColumn)})`)} AS theirs,`,
    `    CAST(MAX(${q('data_date')}) AS ${text}) AS snap`,
    `  FROM ${other}`,
    `  WHERE ${inMonth} AND ${q('data_date')} = (SELECT snap FROM latest)`,
    `  GROUP BY ${q(rule.against.groupColumn)}`,
    ')',
    `SELECT COALESCE(ours.grp, theirs.grp) AS ${q('grp')}, ours.ours AS ${q('ours')},`,
    `  theirs.theirs AS ${q('theirs')}, ours.n AS ${q('rows')}, theirs.snap AS ${q('their_snapshot')}`,
    'FROM ours FULL OUTER JOIN theirs ON ours.grp = theirs.grp',
    `ORDER BY ${q('grp')}`,
  ].join('\n');
}
