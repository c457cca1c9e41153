import type { DatasetDefinition } from '../core-deps.ts';
import type { Finding } from '../finding.ts';
import { finding, type SnapshotContext } from './context.ts';

/** Header drift of one snapshot against the registry, as the silver step reports it. */
export interface HeaderDrift {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
}

/**
 * The headers a file had, reconstructed from its drift against the registry: the registry's
 * current sources, minus the removed ones and those read through an alias (replaced by the
 * alias), plus unexpected ones; sorted.
 */
export function observedHeaders(def: DatasetDefinition, drift: HeaderDrift): string[] {
  const removed = new Set(drift.removed.map((h) => h.toLowerCase()));
  const aliased = new Set(drift.renamed.map((r) => r.to.toLowerCase()));
  const current = def.columns
    .map((c) => c.source)
    .filter((s) => !removed.has(s.toLowerCase()) && !aliased.has(s.toLowerCase()));
  return [...new Set([...current, ...drift.renamed.map((r) => r.from), ...drift.added])].sort();
}

/**
 * Schema drift of a snapshot: against the registry (headers added, registry headers removed,
 * columns read through an older or newer alias) and against the previous snapshot's headers
 * (what changed between releases, e.g. the GD modality code replaced by a label in Nov 2025).
 * Rows are not lost by drift: the finding carries the silver counts that prove it.
 */
export function evaluateSchemaDrift(
  ctx: SnapshotContext,
  drift: HeaderDrift,
  headers: readonly string[],
  previous: { readonly snapshot: string; readonly headers: readonly string[] } | undefined,
  counts: { readonly rowsIn: number; readonly rowsOut: number; readonly rowsQuarantined: number },
): Finding[] {
  const findings: Finding[] = [];
  const rows = {
    rows_in: counts.rowsIn,
    rows_silver: counts.rowsOut,
    rows_quarantined: counts.rowsQuarantined,
  };
  if (drift.added.length > 0 || drift.removed.length > 0 || drift.renamed.length > 0) {
    findings.push(
      finding(ctx, {
        code: 'schema_drift',
        severity: 'warning',
        dimension: 'schema',
        observed: {
          added: [...drift.added],
          removed: [...drift.removed],
          renamed: drift.renamed.map((r) => ({ ...r })),
          ...rows,
        },
        expected: { headers: ctx.def.columns.map((c) => c.source) },
        message:
          `The file's header differs from the registry: added ${list(drift.added)}, removed ` +
          `${list(drift.removed)}, read through an alias ${list(drift.renamed.map((r) => `${r.from} -> ${r.to}`))}; ` +
          `${counts.rowsIn} rows in = ${counts.rowsOut} silver + ${counts.rowsQuarantined} quarantined.`,
      }),
    );
  }
  if (previous) {
    const before = new Set(previous.headers.map((h) => h.toLowerCase()));
    const now = new Set(headers.map((h) => h.toLowerCase()));
    const added = headers.filter((h) => !before.has(h.toLowerCase())).sort();
    const removed = previous.headers.filter((h) => !now.has(h.toLowerCase())).sort();
    if (added.length > 0 || removed.length > 0) {
      findings.push(
        finding(ctx, {
          code: 'schema_drift',
          severity: 'warning',
          dimension: 'schema',
          key: { previous_snapshot: previous.snapshot },
          observed: { added, removed, ...rows },
          expected: { headers: [...previous.headers] },
          message:
            `Columns changed since ${previous.snapshot}: added ${list(added)}, removed ` +
            `${list(removed)}; no row was lost (${counts.rowsIn} in, ${counts.rowsOut} silver, ` +
            `${counts.rowsQuarantined} quarantined).`,
        }),
      );
    }
  }
  return findings;
}

function list(values: readonly string[]): string {
  return values.length > 0 ? values.map((v) => `\`${v}\``).join(', ') : 'none';
}
