import type { Finding, Metric } from '../finding.ts';
import type { LabelRule, ReconciliationRule, ShareTotalRule } from '../rules/types.ts';
import { finding, num, pct, round, type SnapshotContext } from './context.ts';

type Row = Readonly<Record<string, unknown>>;

/** One `label_mismatch` finding per (code, label) pair that disagrees, with rows and first row. */
export function evaluateLabels(
  ctx: SnapshotContext,
  rule: LabelRule,
  rows: readonly Row[],
): Finding[] {
  return rows.map((r) => {
    const code = String(r['code']);
    const labelText = String(r['label']);
    return finding(ctx, {
      code: 'label_mismatch',
      severity: rule.severity,
      dimension: 'consistency',
      column: rule.column,
      key: { [rule.codeColumn]: code, first_source_row: num(r['first_row']) },
      observed: { label: labelText, rows: num(r['rows']) },
      expected: { label: rule.labels[code] ?? null },
      message:
        `\`${rule.codeColumn}\` = \`${code}\` comes with \`${rule.column}\` = \`${labelText}\` in ` +
        `${num(r['rows'])} rows; expected \`${rule.labels[code] ?? '(unknown code)'}\`. The code is the key.`,
    });
  });
}

/** One finding per group whose shares do not add up to the total (`ownership_share_not_100`). */
export function evaluateShareTotals(
  ctx: SnapshotContext,
  rule: ShareTotalRule,
  rows: readonly Row[],
): Finding[] {
  return rows.map((r) => {
    const key = Object.fromEntries(rule.groupBy.map((g) => [g, r[g] ?? null]));
    const total = r['total'] === null ? null : round(num(r['total']), 4);
    return finding(ctx, {
      code: 'ownership_share_not_100',
      severity: rule.severity,
      dimension: 'consistency',
      column: rule.column,
      key,
      observed: { total, rows: num(r['rows']), groups: num(r['groups']) },
      expected: { total: rule.total, tolerance: rule.tolerance },
      message:
        `\`${rule.column}\` of ${Object.values(key)
          .map((v) => `\`${String(v)}\``)
          .join(', ')} adds ` +
        `up to ${total ?? 'nothing'} over ${num(r['rows'])} rows, not ${rule.total}.`,
    });
  });
}

/**
 * Reconciliation of this dataset's sums with the other dataset's published figures for the same
 * month: a `reconciliation_total` info finding with the national totals and their difference,
 * one `reconciliation_mismatch` per group beyond the tolerance carrying both figures, and the
 * relative difference per group as metrics. Nothing when the other side has no such month.
 */
export function evaluateReconciliation(
  ctx: SnapshotContext,
  rule: ReconciliationRule,
  rows: readonly Row[],
): { metrics: Metric[]; findings: Finding[] } {
  const metrics: Metric[] = [];
  const findings: Finding[] = [];
  const theirSnapshot = rows
    .map((r) => r['their_snapshot'])
    .find((s) => s !== null && s !== undefined);
  if (theirSnapshot === undefined) return { metrics, findings };
  const month = ctx.snapshot.slice(0, 7);
  let ours = 0;
  let theirs = 0;
  for (const r of rows) {
    const grp = String(r['grp']);
    const a = r['ours'] === null || r['ours'] === undefined ? 0 : num(r['ours']);
    const b = r['theirs'] === null || r['theirs'] === undefined ? 0 : num(r['theirs']);
    ours += a;
    theirs += b;
    const diff = b !== 0 ? (a - b) / b : a === 0 ? 0 : Number.POSITIVE_INFINITY;
    if (Number.isFinite(diff)) {
      metrics.push({
        dataset: ctx.def.id,
        snapshot: ctx.snapshot,
        metric: `reconciliation_diff_vs_${rule.against.dataset}`,
        dimension: 'consistency',
        group: `${rule.groupColumn}=${grp}`,
        value: round(diff),
      });
    }
    if (Math.abs(diff) <= rule.tolerance) continue;
    findings.push(
      finding(ctx, {
        code: 'reconciliation_mismatch',
        severity: rule.severity,
        dimension: 'consistency',
        column: rule.valueColumn,
        key: { [rule.groupColumn]: grp, month },
        observed: { [ctx.def.id]: round(a, 2), rows: r['rows'] === null ? 0 : num(r['rows']) },
        expected: {
          [rule.against.dataset]: round(b, 2),
          snapshot: String(theirSnapshot),
          difference: Number.isFinite(diff) ? round(diff) : null,
          tolerance: rule.tolerance,
        },
        message:
          `${rule.name}: \`${grp}\` in ${month} is ${round(a, 0)} kW here and ${round(b, 0)} kW in ` +
          `\`${rule.against.dataset}\` (${Number.isFinite(diff) ? (diff > 0 ? '+' : '') + pct(diff) : 'absent there'}), ` +
          `beyond ${pct(rule.tolerance)}.`,
      }),
    );
  }
  const totalDiff = theirs !== 0 ? (ours - theirs) / theirs : 0;
  findings.push(
    finding(ctx, {
      code: 'reconciliation_total',
      severity: 'info',
      dimension: 'consistency',
      column: rule.valueColumn,
      key: { month },
      observed: { [ctx.def.id]: round(ours, 2) },
      expected: {
        [rule.against.dataset]: round(theirs, 2),
        snapshot: String(theirSnapshot),
        difference: round(totalDiff),
      },
      message:
        `${rule.name}: total ${round(ours, 0)} kW here against ${round(theirs, 0)} kW in ` +
        `\`${rule.against.dataset}\` for ${month} (${totalDiff > 0 ? '+' : ''}${pct(totalDiff)}).`,
    }),
  );
  metrics.push({
    dataset: ctx.def.id,
    snapshot: ctx.snapshot,
    metric: `reconciliation_diff_vs_${rule.against.dataset}`,
    dimension: 'consistency',
    group: '',
    value: round(totalDiff),
  });
  return { metrics, findings };
}
