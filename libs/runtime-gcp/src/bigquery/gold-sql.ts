import type { GoldTableSpec } from '@matriz/pipeline';

import type { TableLayout } from './bigquery-schema.ts';
import { checkIdentifier, tableRef, type BigQueryTarget } from './identifiers.ts';

/** GoogleSQL string literal (backslash escapes). */
function literal(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
}

/**
 * Clustering of the core's gold tables on the columns dashboards filter by. Every gold table
 * with `data_date` is also partitioned by it (see {@link goldLayout}), so "latest snapshot"
 * queries read one partition.
 */
export const GOLD_LAYOUTS: Readonly<Record<string, TableLayout>> = {
  installed_capacity: { clusterBy: ['state', 'generation_type'] },
  capacity_history_by_type: { clusterBy: ['generation_type'] },
  capacity_by_state_history: { clusterBy: ['state'] },
  thermal_capacity_by_fuel: { clusterBy: ['fuel_origin'] },
  gd_growth: { clusterBy: ['state', 'source'] },
  owner_capacity: { clusterBy: ['agent_id'] },
};

/**
 * Layout of a gold table: partitioned on `data_date` when the table keeps history per snapshot,
 * clustered as the caller asks. Gold tables are small aggregates, so most need neither; a layout
 * only pays once a table outgrows a few GB or is filtered by date.
 */
export function goldLayout(table: GoldTableSpec, requested: TableLayout = {}): TableLayout {
  const hasDataDate = table.columns.some((c) => c.name === 'data_date' && c.type === 'date');
  const partitionBy = requested.partitionBy ?? (hasDataDate ? 'data_date' : undefined);
  const names = new Set(table.columns.map((c) => c.name));
  const clusterBy = (requested.clusterBy ?? []).filter((c) => names.has(c)).slice(0, 4);
  return {
    ...(partitionBy ? { partitionBy: checkIdentifier(partitionBy, 'column') } : {}),
    ...(clusterBy.length > 0
      ? { clusterBy: clusterBy.map((c) => checkIdentifier(c, 'column')) }
      : {}),
  };
}

/**
 * `CREATE OR REPLACE TABLE … AS` for a gold table: one atomic statement, so readers see the old
 * table or the new one, never half of it.
 */
export function materializeSql(
  target: BigQueryTarget,
  table: GoldTableSpec,
  select: string,
  layout: TableLayout = goldLayout(table),
): string {
  const lines = [`CREATE OR REPLACE TABLE ${tableRef(target, 'gold', table.name)}`];
  if (layout.partitionBy) lines.push(`PARTITION BY ${layout.partitionBy}`);
  if (layout.clusterBy && layout.clusterBy.length > 0)
    lines.push(`CLUSTER BY ${layout.clusterBy.join(', ')}`);
  lines.push(`OPTIONS (description = ${literal(table.description)}, labels = [('layer', 'gold')])`);
  lines.push('AS');
  lines.push(select.trim().replace(/;\s*$/, ''));
  return lines.join('\n');
}
