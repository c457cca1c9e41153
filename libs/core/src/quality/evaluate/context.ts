import type { DatasetDefinition } from '../core-deps.ts';
import type { Dimension, Finding, FindingCode, Severity } from '../finding.ts';
import type { DatasetQualityRules } from '../rules/types.ts';

/** The snapshot being judged and the rules that apply. */
export interface SnapshotContext {
  readonly def: DatasetDefinition;
  readonly rules: DatasetQualityRules;
  /** Data date of the snapshot (`yyyy-mm-dd`). */
  readonly snapshot: string;
}

/** The parts of a finding an evaluator chooses; dataset and snapshot come from the context. */
export interface FindingDraft {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly dimension: Dimension;
  readonly column?: string | null;
  readonly key?: Record<string, unknown> | null;
  readonly observed: Finding['observed'];
  readonly expected: Finding['expected'];
  readonly message: string;
}

/** A complete finding for the context's dataset and snapshot. */
export function finding(ctx: SnapshotContext, draft: FindingDraft): Finding {
  return {
    code: draft.code,
    severity: draft.severity,
    dimension: draft.dimension,
    dataset: ctx.def.id,
    snapshot: ctx.snapshot,
    column: draft.column ?? null,
    key: draft.key ?? null,
    observed: draft.observed,
    expected: draft.expected,
    message: draft.message,
  };
}

/**
 * A share as a percentage with up to two decimals (`0.5` is `50 %`); a share too small to show
 * but not zero keeps two significant digits (1 of 26075 rows is `0.0038 %`, never `0 %`).
 */
export function pct(share: number): string {
  const rounded = Math.round(share * 10_000) / 100;
  if (rounded === 0 && share > 0) return `${Number((share * 100).toPrecision(2)).toString()} %`;
  return `${rounded.toString()} %`;
}

/** Rounds to `digits` decimals (shares and percentages stored in findings). */
export function round(value: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A SQL result cell as a number (engines return bigint, decimal strings or numbers). */
export function num(value: unknown): number {
  if (value === null || value === undefined) return Number.NaN;
  return Number(value);
}
