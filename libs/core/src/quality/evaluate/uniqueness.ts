import type { Finding } from '../finding.ts';
import { finding, num, type SnapshotContext } from './context.ts';

/**
 * One `duplicate_key` finding per duplicated business key (up to the sample), each with the key
 * and its count; `observed` also carries the exact totals over the snapshot.
 */
export function evaluateDuplicates(
  ctx: SnapshotContext,
  rows: readonly Readonly<Record<string, unknown>>[],
): Finding[] {
  const { def, rules } = ctx;
  const dedupe = def.dedupe
    ? ` Silver keeps every row and marks one per key with \`is_primary_row\` (${def.dedupe.orderBy.join(', ')}).`
    : '';
  return rows.map((r) => {
    const key = Object.fromEntries(def.key.map((k) => [k, r[k] ?? null]));
    const count = num(r['rows']);
    const label = def.key.map((k) => String(r[k])).join(' / ');
    return finding(ctx, {
      code: 'duplicate_key',
      severity: rules.uniqueness.severity,
      dimension: 'uniqueness',
      column: def.key.length === 1 ? def.key[0]! : null,
      key,
      observed: {
        rows: count,
        duplicate_keys: num(r['duplicate_keys']),
        duplicate_rows: num(r['duplicate_rows']),
      },
      expected: { rows: 1 },
      message: `Business key \`${label}\` (${def.key.join(', ')}) appears ${count} times.${dedupe}`,
    });
  });
}
