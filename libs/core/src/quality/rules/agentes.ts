import type { DatasetQualityRules } from './types.ts';

/**
 * Agents: one row per (owner, plant). Every owner row should carry a document, and the shares of
 * each plant's owners should add up to 100 % (11 plants do not in 2024-09-01).
 */
export const agentesRules: DatasetQualityRules = {
  dataset: 'agentes',
  uniqueness: { severity: 'error' },
  timeliness: { severity: 'warning' },
  // 26,075 rows in 2024-09-01.
  rowCount: { min: 15_000, max: 80_000, maxDrop: 0.05, severity: 'warning' },
  filled: [
    { column: 'agent_id_cpf_cnpj', maxNullShare: 0, severity: 'warning' },
    { column: 'plant_id_ceg', maxNullShare: 0, severity: 'error' },
    { column: 'ownership_share_pct', maxNullShare: 0, severity: 'warning' },
    { column: 'agent_name', maxNullShare: 0, severity: 'warning' },
  ],
  shareTotals: [
    {
      column: 'ownership_share_pct',
      groupBy: ['plant_id_ceg'],
      total: 100,
      tolerance: 0,
      severity: 'warning',
    },
  ],
  watched: [
    { metric: 'row_count', direction: 'both', severity: 'warning' },
    { metric: 'null_share', direction: 'up', severity: 'warning' },
  ],
  maxQuarantineShare: 0.01,
};
