import {
  DATA_DATE_COLUMN,
  PRIMARY_ROW_COLUMN,
  SOURCE_ROW_COLUMN,
  type ColumnSpec,
  type DatasetDefinition,
  type SilverType,
} from '../registry/types.ts';

/** Silver columns that describe a row's provenance, never its content: never compared. */
export const DIFF_META_COLUMNS: readonly string[] = [
  SOURCE_ROW_COLUMN,
  DATA_DATE_COLUMN,
  PRIMARY_ROW_COLUMN,
];

/** One silver column as the diff reads it. */
export interface DiffColumn {
  /** Silver column name. */
  readonly name: string;
  readonly type: SilverType;
  /** Position in the diff result: values come back as `o_<index>`, `n_<index>`, `d_<index>`. */
  readonly index: number;
}

/**
 * What the diff compares for one dataset, derived once from its definition: the business key,
 * the value columns (everything but the key, the meta columns and the snapshot's own date), and
 * how duplicate keys are resolved.
 */
export interface DiffPlan {
  readonly dataset: DatasetDefinition['id'];
  /** Key columns, in registry order (the event key joins their values with `|`). */
  readonly key: readonly DiffColumn[];
  /** Compared columns; an update lists only those whose value changed. */
  readonly values: readonly DiffColumn[];
  /**
   * Order that picks one row per duplicated key: the content columns of registry
   * `dedupe.orderBy`, then every value column.
   */
  readonly dedupeOrder: readonly string[];
}

/** The parts of a dataset definition the diff needs. */
export type DiffDefinition = Pick<DatasetDefinition, 'id' | 'key' | 'columns' | 'dataDateColumn'> &
  Partial<Pick<DatasetDefinition, 'dedupe'>>;

/** Thrown when a definition cannot be diffed (a key column missing from its columns). */
export class DiffPlanError extends Error {
  readonly code = 'diff_plan_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'DiffPlanError';
  }
}

/**
 * The column marking the one row per key to compare, when silver has it (datasets with a
 * `dedupe` rule, such as SIGA, carry `is_primary_row`); undefined otherwise.
 */
export function primaryColumnOf(def: Pick<DatasetDefinition, 'dedupe'>): string | undefined {
  return def.dedupe ? PRIMARY_ROW_COLUMN : undefined;
}

/**
 * Derives the diff plan of a dataset. Columns dropped for privacy (`pii: 'drop'`) are not in
 * silver and are skipped.
 */
export function diffPlanOf(def: DiffDefinition): DiffPlan {
  const silver = def.columns.filter((c: ColumnSpec) => c.pii !== 'drop');
  const byName = new Map(silver.map((c) => [c.name, c]));
  const key = def.key.map((name, index) => {
    const spec = byName.get(name);
    if (!spec) {
      throw new DiffPlanError(
        `Key column \`${name}\` of dataset \`${def.id}\` is not one of its silver columns; fix the registry entry.`,
      );
    }
    return { name, type: spec.type, index };
  });
  const skipped = new Set([...DIFF_META_COLUMNS, def.dataDateColumn, ...def.key]);
  const values = silver
    .filter((c) => !skipped.has(c.name))
    .map((c, i) => ({ name: c.name, type: c.type, index: key.length + i }));
  // Only content columns order duplicates: positions (`source_row`) move between snapshots.
  const content = new Set(values.map((v) => v.name));
  const preferred = (def.dedupe?.orderBy ?? []).filter((name) => content.has(name));
  const dedupeOrder = [...preferred, ...values.map((v) => v.name)];
  return { dataset: def.id, key, values, dedupeOrder: [...new Set(dedupeOrder)] };
}
