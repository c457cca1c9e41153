import type { DatasetQualityRules } from './types.ts';

/** RALIE (plants under construction): key filled and unique, row count and null shares watched. */
export const ralieRules: DatasetQualityRules = {
  dataset: 'ralie',
  uniqueness: { severity: 'error' },
  timeliness: { severity: 'warning' },
  filled: [{ column: 'plant_id_ceg', maxNullShare: 0, severity: 'error' }],
  sums: [{ metric: 'granted_capacity_kw', column: 'capacity_granted_kw' }],
  watched: [
    { metric: 'row_count', direction: 'both', severity: 'warning' },
    { metric: 'null_share', direction: 'up', severity: 'warning' },
    { metric: 'granted_capacity_kw', direction: 'both', severity: 'warning' },
  ],
  maxQuarantineShare: 0.01,
};
