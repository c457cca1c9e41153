import type { Finding, Metric } from '../finding.ts';
import type { ProfileField } from '../sql/profile-sql.ts';
import { finding, num, pct, round, type SnapshotContext } from './context.ts';

/** What the silver step counted for the snapshot (its `SilverResult`). */
export interface SilverCounts {
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly rowsQuarantined: number;
  /** Raw values read as "unknown" per column and reason (`,00000000` coordinates). */
  readonly placeholders: readonly { column: string; reason: string; rows: number }[];
}

/**
 * Completeness and declared validity from the one-scan profile: row count in its expected range,
 * NULL share per column (every column is a metric; declared columns are judged), placeholder
 * share per column, rows outside declared ranges and code sets, and ungrouped sums as metrics.
 * `nullRows` are the first offending rows for columns that must never be empty.
 */
export function evaluateProfile(
  ctx: SnapshotContext,
  fields: readonly ProfileField[],
  row: Readonly<Record<string, unknown>>,
  silver: SilverCounts | undefined,
  nullRows: readonly Readonly<Record<string, unknown>>[],
): { metrics: Metric[]; findings: Finding[] } {
  const { def, rules, snapshot } = ctx;
  const metrics: Metric[] = [];
  const findings: Finding[] = [];
  const metric = (m: Omit<Metric, 'dataset' | 'snapshot'>) =>
    metrics.push({ dataset: def.id, snapshot, ...m });
  const rows = num(row['row_count']);
  metric({ metric: 'row_count', dimension: 'completeness', group: '', value: rows });

  if (rules.rowCount && (rows < rules.rowCount.min || rows > rules.rowCount.max)) {
    findings.push(
      finding(ctx, {
        code: 'row_count_out_of_range',
        severity: rules.rowCount.severity,
        dimension: 'completeness',
        observed: rows,
        expected: { min: rules.rowCount.min, max: rules.rowCount.max },
        message:
          `\`${def.id}\` ${snapshot} has \`${rows}\` rows, outside the expected ` +
          `${rules.rowCount.min}..${rules.rowCount.max}; check the file is complete.`,
      }),
    );
  }

  const nullShares = new Map<string, { nulls: number; share: number }>();
  for (const field of fields) {
    if (field.kind !== 'nulls') continue;
    const nulls = num(row[field.alias]);
    const share = rows > 0 ? nulls / rows : 0;
    nullShares.set(field.column, { nulls, share });
    metric({
      metric: 'null_share',
      dimension: 'completeness',
      group: `column=${field.column}`,
      value: round(share),
    });
  }
  for (const rule of rules.filled ?? []) {
    const seen = nullShares.get(rule.column);
    if (!seen || seen.share <= rule.maxNullShare) continue;
    const sample = nullRows
      .filter((r) => r[rule.column] === null || r[rule.column] === undefined)
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== rule.column)));
    findings.push(
      finding(ctx, {
        code: 'null_share_exceeded',
        severity: rule.severity,
        dimension: 'completeness',
        column: rule.column,
        key: sample.length === 1 ? sample[0]! : sample.length > 1 ? { rows: sample } : null,
        observed: { nulls: seen.nulls, share: round(seen.share) },
        expected: { max_share: rule.maxNullShare },
        message:
          `\`${rule.column}\` is empty in ${seen.nulls} of ${rows} rows (${pct(seen.share)}), ` +
          `above the tolerated ${pct(rule.maxNullShare)}.`,
      }),
    );
  }

  if (silver) {
    const total = silver.rowsIn;
    const byColumn = new Map<string, { rows: number; reasons: string[] }>();
    for (const p of silver.placeholders) {
      const entry = byColumn.get(p.column) ?? { rows: 0, reasons: [] };
      entry.rows += p.rows;
      entry.reasons.push(p.reason);
      byColumn.set(p.column, entry);
    }
    for (const [column, { rows: count, reasons }] of [...byColumn].sort()) {
      const share = total > 0 ? count / total : 0;
      metric({
        metric: 'placeholder_share',
        dimension: 'completeness',
        group: `column=${column}`,
        value: round(share),
      });
      findings.push(
        finding(ctx, {
          code: 'placeholder_share',
          severity: 'info',
          dimension: 'completeness',
          column,
          observed: { rows: count, share: round(share), reasons: [...new Set(reasons)].sort() },
          expected: null,
          message:
            `\`${column}\` holds a placeholder for "unknown" in ${count} of ${total} rows ` +
            `(${pct(share)}), read as NULL; filled share is ${pct(1 - share)}.`,
        }),
      );
    }
    const qShare = total > 0 ? silver.rowsQuarantined / total : 0;
    metric({ metric: 'quarantine_share', dimension: 'validity', group: '', value: round(qShare) });
  }

  for (const field of fields) {
    if (field.kind === 'range') {
      const rule = rules.ranges?.[field.rule];
      const count = num(row[field.alias]);
      if (!rule || !(count > 0)) continue;
      findings.push(
        finding(ctx, {
          code: 'out_of_range',
          severity: rule.severity,
          dimension: 'validity',
          column: rule.column,
          observed: { rows: count },
          expected: { min: rule.min ?? null, max: rule.max ?? null, why: rule.note },
          message:
            `\`${rule.column}\` is outside ${rule.min ?? '-inf'}..${rule.max ?? 'inf'} in ` +
            `${count} rows (${rule.note}).`,
        }),
      );
    } else if (field.kind === 'code') {
      const rule = rules.codes?.[field.rule];
      const count = num(row[field.alias]);
      if (!rule || !(count > 0)) continue;
      findings.push(
        finding(ctx, {
          code: 'unknown_code',
          severity: rule.severity,
          dimension: 'validity',
          column: rule.column,
          observed: { rows: count },
          expected: [...rule.allowed],
          message: `\`${rule.column}\` holds a value outside ${rule.allowed.join(', ')} in ${count} rows.`,
        }),
      );
    } else if (field.kind === 'sum') {
      const rule = rules.sums?.[field.rule];
      const value = num(row[field.alias]);
      if (rule && Number.isFinite(value)) {
        metric({
          metric: rule.metric,
          dimension: 'consistency',
          group: '',
          value: round(value, 2),
        });
      }
    }
  }
  return { metrics, findings };
}
