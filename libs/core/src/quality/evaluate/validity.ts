import type { Finding, FindingCode } from '../finding.ts';
import type { QuarantineField } from '../sql/quarantine-sql.ts';
import { finding, num, pct, round, type SnapshotContext } from './context.ts';

/** How many distinct offending values a finding lists. */
export const VALUE_SAMPLE = 20;

const CODE_OF_REASON: Readonly<Record<string, FindingCode>> = {
  unknown_code: 'unknown_code',
  out_of_range: 'out_of_range',
};

/** `column: reason (\`raw\`)` parts of a reject text. */
function parseReasons(text: string): { column: string; reason: string; raw: string }[] {
  const out: { column: string; reason: string; raw: string }[] = [];
  for (const m of text.matchAll(/(\w+): (\w+) \(`([^`]*)`\)/g)) {
    out.push({ column: m[1]!, reason: m[2]!, raw: m[3]! });
  }
  return out;
}

/**
 * Rows the silver step quarantined, per column and reason, with the offending raw values sorted
 * (`consumer_class: unknown_code` with `REBR`). Counts are exact; values come from the most
 * frequent reject texts. A quarantine share above the declared maximum is an error: rows were
 * rejected in bulk, which means the file changed, not that a few values are bad.
 */
export function evaluateQuarantine(
  ctx: SnapshotContext,
  fields: readonly QuarantineField[],
  counts: Readonly<Record<string, unknown>> | undefined,
  reasons: readonly Readonly<Record<string, unknown>>[],
  rowsIn: number,
): Finding[] {
  if (!counts) return [];
  const findings: Finding[] = [];
  const values = new Map<string, Map<string, { rows: number; firstRow: number }>>();
  for (const r of reasons) {
    for (const part of parseReasons(String(r['reject_reason'] ?? ''))) {
      const id = `${part.column}|${part.reason}`;
      const byValue = values.get(id) ?? new Map<string, { rows: number; firstRow: number }>();
      const seen = byValue.get(part.raw) ?? { rows: 0, firstRow: Number.POSITIVE_INFINITY };
      seen.rows += num(r['rows']);
      seen.firstRow = Math.min(seen.firstRow, num(r['first_row']));
      byValue.set(part.raw, seen);
      values.set(id, byValue);
    }
  }
  for (const field of fields) {
    const count = num(counts[field.alias]);
    if (!(count > 0)) continue;
    const byValue = values.get(`${field.column}|${field.reason}`) ?? new Map();
    const listed = [...byValue.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .slice(0, VALUE_SAMPLE)
      .map(([value, v]) => ({ value, rows: v.rows, first_row: v.firstRow }));
    const shown = listed.map((v) => `\`${v.value}\``).join(', ');
    findings.push(
      finding(ctx, {
        code: CODE_OF_REASON[field.reason] ?? 'unparsable_value',
        severity: 'warning',
        dimension: 'validity',
        column: field.column,
        key: listed.length > 0 ? { source_rows: listed.map((v) => v.first_row) } : null,
        observed: { rows: count, reason: field.reason, values: listed },
        expected: registryExpectation(ctx, field.column),
        message:
          `${count} rows quarantined for \`${field.column}\` (${field.reason})` +
          (shown ? `: ${shown}` : '') +
          '; they are kept in quarantine with the reason, not lost.',
      }),
    );
  }
  const total = num(counts['rows']);
  const share = rowsIn > 0 ? total / rowsIn : 0;
  if (share > ctx.rules.maxQuarantineShare) {
    findings.push(
      finding(ctx, {
        code: 'quarantine_share_exceeded',
        severity: 'error',
        dimension: 'validity',
        observed: { rows: total, share: round(share) },
        expected: { max_share: ctx.rules.maxQuarantineShare },
        message:
          `${total} of ${rowsIn} rows (${pct(share)}) were quarantined, above ` +
          `${pct(ctx.rules.maxQuarantineShare)}: inspect \`quarantine.${ctx.def.id}\` before promoting.`,
      }),
    );
  }
  return findings;
}

function registryExpectation(ctx: SnapshotContext, column: string): Finding['expected'] {
  const spec = ctx.def.columns.find((c) => c.name === column);
  if (!spec) return null;
  if (spec.allowed) return [...spec.allowed];
  if (spec.range) return { min: spec.range.min ?? null, max: spec.range.max ?? null };
  return { kind: spec.kind };
}
