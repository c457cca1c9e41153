import type { DatasetDefinition } from '../core-deps.ts';
import { foldLabel, foldLabelSql } from '../core-deps.ts';
import type { LabelRule } from '../rules/types.ts';
import { snapshotFilter, type QuerySite } from './shared.ts';

/**
 * Label and code pairs that disagree (`SigUF = BA` with `NomUF = RIO DE JANEIRO`), with their row
 * count and first row. A label agrees when, folded (accents, case, spaces), it is a non-empty
 * prefix of the canonical label of its code, so truncations (`MATO GROSS`) pass. One grouped scan.
 */
export function labelMismatchSql(def: DatasetDefinition, rule: LabelRule, site: QuerySite): string {
  const { d } = site;
  const q = d.quoteIdent;
  const folded = foldLabelSql(d, q(rule.column));
  const cases = Object.entries(rule.labels)
    .map(([code, label]) => `WHEN ${d.quoteString(code)} THEN ${d.quoteString(foldLabel(label))}`)
    .join(' ');
  const expected = `CASE ${q(rule.codeColumn)} ${cases} END`;
  const agrees =
    `length(${folded}) > 0 AND ${expected} IS NOT NULL AND ` +
    `substr(${expected}, 1, length(${folded})) = ${folded}`;
  return [
    `SELECT ${q(rule.codeColumn)} AS ${q('code')}, ${q(rule.column)} AS ${q('label')},`,
    `  COUNT(*) AS ${q('rows')}, MIN(${q('source_row')}) AS ${q('first_row')}`,
    `FROM ${site.resolve('silver', def.id)}`,
    `WHERE ${snapshotFilter(site)} AND ${q(rule.column)} IS NOT NULL AND ${q(rule.codeColumn)} IS NOT NULL`,
    `  AND NOT (${agrees})`,
    `GROUP BY ${q(rule.codeColumn)}, ${q(rule.column)}`,
    `ORDER BY ${q('code')}, ${q('label')}`,
  ].join('\n');
}
