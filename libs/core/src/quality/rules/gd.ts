import type { DatasetQualityRules } from './types.ts';

/**
 * Distributed generation (about 4.6 million rows): every check is one scan or a few grouped
 * aggregates. The tariff subgroup is open text in the registry; the dictionary's ten values are
 * checked here.
 */
export const gdRules: DatasetQualityRules = {
  dataset: 'gd',
  uniqueness: { severity: 'error' },
  timeliness: { severity: 'warning' },
  // About 4.6 million units in 2026, growing every month.
  rowCount: { min: 1_000_000, max: 20_000_000, maxDrop: 0.02, severity: 'warning' },
  filled: [
    { column: 'plant_id_mmgd', maxNullShare: 0, severity: 'error' },
    { column: 'state_code', maxNullShare: 0, severity: 'warning' },
    { column: 'capacity_kw', maxNullShare: 0.001, severity: 'warning' },
    { column: 'modality', maxNullShare: 0.001, severity: 'warning' },
  ],
  ranges: [
    {
      column: 'capacity_kw',
      max: 5_000,
      severity: 'warning',
      note: 'minigeneration ends at 5 MW (Law 14.300/2022)',
    },
  ],
  codes: [
    {
      column: 'tariff_subgroup',
      allowed: ['A1', 'A2', 'A3', 'A3a', 'A4', 'AS', 'B1', 'B2', 'B3', 'B4'],
      severity: 'warning',
    },
  ],
  sums: [
    { metric: 'installed_capacity_kw', column: 'capacity_kw' },
    { metric: 'installed_capacity_kw', column: 'capacity_kw', groupBy: ['state_code'] },
    { metric: 'installed_capacity_kw', column: 'capacity_kw', groupBy: ['generation_type'] },
  ],
  watched: [
    { metric: 'row_count', direction: 'both', severity: 'warning' },
    { metric: 'null_share', direction: 'up', severity: 'warning' },
    { metric: 'installed_capacity_kw', direction: 'both', severity: 'warning' },
  ],
  maxQuarantineShare: 0.01,
};
