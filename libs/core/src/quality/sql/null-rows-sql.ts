import type { DatasetDefinition } from '../core-deps.ts';
import type { FilledRule } from '../rules/types.ts';
import { snapshotFilter, type QuerySite } from './shared.ts';

/** How many rows with a forbidden NULL are listed; shares are exact from the profile. */
export const NULL_ROW_SAMPLE = 50;

/**
 * The first rows (by `source_row`) where a column that must never be empty is NULL, with the
 * business key, so a finding can point at them. One filtered scan for all such columns; empty
 * when no rule forbids NULLs outright.
 */
export function nullRowsSql(
  def: DatasetDefinition,
  filled: readonly FilledRule[],
  site: QuerySite,
): string | undefined {
  const q = site.d.quoteIdent;
  const strict = filled.filter((r) => r.maxNullShare === 0).map((r) => r.column);
  if (strict.length === 0) return undefined;
  const keys = def.key.filter((k) => !strict.includes(k) || def.key.length > 1);
  const columns = [...new Set(['source_row', ...keys, ...strict])].map(q);
  return [
    `SELECT ${columns.join(', ')}`,
    `FROM ${site.resolve('silver', def.id)}`,
    `WHERE ${snapshotFilter(site)} AND (${strict.map((c) => `${q(c)} IS NULL`).join(' OR ')})`,
    `ORDER BY ${q('source_row')}`,
    `LIMIT ${NULL_ROW_SAMPLE}`,
  ].join('\n');
}
