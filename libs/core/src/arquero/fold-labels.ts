import { escape, type ColumnTable } from 'arquero';

import { foldLabel } from '../parsing/labels.ts';

/**
 * Adds `<column>_key`, the folded label (no accents, no case, single spaces) to group dirty
 * labels on (C11: `Fóssil` and `Fossil` are one category).
 */
export function withLabelKey(
  table: ColumnTable,
  column: string,
  as = `${column}_key`,
): ColumnTable {
  return table.derive({
    [as]: escape((d: Record<string, unknown>) => {
      const value = d[column];
      return typeof value === 'string' ? foldLabel(value) : null;
    }),
  });
}
