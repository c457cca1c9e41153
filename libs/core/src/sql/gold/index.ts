import { SqlGenerationError } from '../errors.ts';
import { capacityByStateHistory } from './capacity-by-state-history.ts';
import { capacityHistoryByType } from './capacity-history-by-type.ts';
import { gdGrowth } from './gd-growth.ts';
import { installedCapacity } from './installed-capacity.ts';
import { ownerCapacity } from './owner-capacity.ts';
import { thermalCapacityByFuel } from './thermal-capacity-by-fuel.ts';
import type { GoldTable } from './types.ts';

export type { GoldColumn, GoldTable } from './types.ts';

const GOLD_TABLES: readonly GoldTable[] = [
  installedCapacity,
  capacityHistoryByType,
  capacityByStateHistory,
  thermalCapacityByFuel,
  gdGrowth,
  ownerCapacity,
];

/** Every gold table, in a stable order (build order does not matter: each reads silver only). */
export function listGoldTables(): readonly GoldTable[] {
  return GOLD_TABLES;
}

/** One gold table by name; throws `unknown_gold_table` for a name not in {@link listGoldTables}. */
export function goldTable(name: string): GoldTable {
  const table = GOLD_TABLES.find((t) => t.name === name);
  if (!table) {
    throw new SqlGenerationError(
      'unknown_gold_table',
      `Unknown gold table \`${name}\`; use one of ${GOLD_TABLES.map((t) => t.name).join(', ')}.`,
    );
  }
  return table;
}
