import type { DatasetQualityRules } from './types.ts';

/**
 * Thermal plants by fuel: an append-only history, so the row count should not fall between
 * snapshots; every fuel group keeps appearing once it exists.
 */
export const termeletricasRules: DatasetQualityRules = {
  dataset: 'termeletricas',
  uniqueness: { severity: 'error' },
  timeliness: { severity: 'warning' },
  // 1,181 rows in 2024-04-01, 1,207 in 2024-07-01.
  rowCount: { min: 800, max: 5_000, maxDrop: 0.01, severity: 'warning' },
  filled: [
    { column: 'fuel_origin', maxNullShare: 0, severity: 'warning' },
    { column: 'plant_type', maxNullShare: 0, severity: 'warning' },
    { column: 'reference_year', maxNullShare: 0, severity: 'error' },
    { column: 'reference_month', maxNullShare: 0, severity: 'error' },
  ],
  sums: [
    { metric: 'installed_capacity_kw_all_periods', column: 'capacity_installed_kw' },
    {
      metric: 'installed_capacity_kw_all_periods',
      column: 'capacity_installed_kw',
      groupBy: ['plant_type'],
    },
  ],
  watched: [
    { metric: 'row_count', direction: 'down', severity: 'warning' },
    { metric: 'null_share', direction: 'up', severity: 'warning' },
    { metric: 'installed_capacity_kw_all_periods', direction: 'both', severity: 'warning' },
  ],
  maxQuarantineShare: 0.01,
};
