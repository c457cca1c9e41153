import type { DatasetDefinition } from '../core-deps.ts';
import { silverColumns } from '../core-deps.ts';
import type { DatasetQualityRules } from '../rules/types.ts';
import { asDouble, rowCondition, snapshotFilter, type QuerySite } from './shared.ts';

/** What one output column of {@link profileSql} measures. */
export type ProfileField =
  | { readonly alias: string; readonly kind: 'row_count' }
  | { readonly alias: string; readonly kind: 'nulls'; readonly column: string }
  | { readonly alias: string; readonly kind: 'range'; readonly rule: number }
  | { readonly alias: string; readonly kind: 'code'; readonly rule: number }
  | { readonly alias: string; readonly kind: 'sum'; readonly rule: number }
  | { readonly alias: string; readonly kind: 'data_date_max' }
  | { readonly alias: string; readonly kind: 'coverage_end' };

/**
 * One scan of the snapshot computing every table-wide measure at once: row count, NULLs per
 * silver column, rows outside each declared range or code set, ungrouped sums, the data's own
 * date and, for series, the last period covered (`year * 100 + month`). Works on millions of rows
 * as a single aggregate.
 */
export function profileSql(
  def: DatasetDefinition,
  rules: DatasetQualityRules,
  site: QuerySite,
): { readonly sql: string; readonly fields: readonly ProfileField[] } {
  const { d } = site;
  const q = d.quoteIdent;
  const fields: ProfileField[] = [{ alias: 'row_count', kind: 'row_count' }];
  const selects = [`COUNT(*) AS ${q('row_count')}`];
  const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

  silverColumns(def)
    .filter((c) => c.origin === 'source')
    .forEach((c, i) => {
      const alias = `nulls_${i}`;
      fields.push({ alias, kind: 'nulls', column: c.name });
      selects.push(`${count(`${q(c.name)} IS NULL`)} AS ${q(alias)}`);
    });
  (rules.ranges ?? []).forEach((r, i) => {
    const outside = [
      ...(r.min !== undefined ? [`${q(r.column)} < ${r.min}`] : []),
      ...(r.max !== undefined ? [`${q(r.column)} > ${r.max}`] : []),
    ];
    const alias = `range_${i}`;
    fields.push({ alias, kind: 'range', rule: i });
    selects.push(`${count(outside.length > 0 ? outside.join(' OR ') : 'FALSE')} AS ${q(alias)}`);
  });
  (rules.codes ?? []).forEach((r, i) => {
    const alias = `code_${i}`;
    const list = r.allowed.map((v) => d.quoteString(v)).join(', ');
    fields.push({ alias, kind: 'code', rule: i });
    selects.push(
      `${count(`${q(r.column)} IS NOT NULL AND ${q(r.column)} NOT IN (${list})`)} AS ${q(alias)}`,
    );
  });
  (rules.sums ?? []).forEach((s, i) => {
    if (s.groupBy && s.groupBy.length > 0) return;
    const alias = `sum_${i}`;
    fields.push({ alias, kind: 'sum', rule: i });
    selects.push(
      `${asDouble(site, `SUM(CASE WHEN ${rowCondition(site, s)} THEN ${q(s.column)} END)`)} AS ${q(alias)}`,
    );
  });
  fields.push({ alias: 'data_date_max', kind: 'data_date_max' });
  selects.push(
    `CAST(MAX(${q(def.dataDateColumn)}) AS ${d.typeName('string')}) AS ${q('data_date_max')}`,
  );
  if (rules.series) {
    const { yearColumn, monthColumn } = rules.series;
    fields.push({ alias: 'coverage_end', kind: 'coverage_end' });
    selects.push(`MAX(${q(yearColumn)} * 100 + ${q(monthColumn)}) AS ${q('coverage_end')}`);
  }

  const sql = [
    `SELECT\n  ${selects.join(',\n  ')}`,
    `FROM ${site.resolve('silver', def.id)}`,
    `WHERE ${snapshotFilter(site)}`,
  ].join('\n');
  return { sql, fields };
}
