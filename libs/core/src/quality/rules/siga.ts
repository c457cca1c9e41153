import type { DatasetQualityRules } from './types.ts';

/**
 * SIGA: one row per plant and grant type. Duplicated CEGs are a known, documented quirk handled
 * by `is_primary_row`, so they warn instead of blocking. Capacity sums count each plant once.
 */
export const sigaRules: DatasetQualityRules = {
  dataset: 'siga',
  uniqueness: { severity: 'warning' },
  timeliness: { severity: 'warning' },
  // 15,455 rows in 2022-06-01; about 25,000 in 2026.
  rowCount: { min: 10_000, max: 60_000, maxDrop: 0.05, severity: 'warning' },
  filled: [
    { column: 'plant_id_ceg', maxNullShare: 0, severity: 'error' },
    { column: 'state_code', maxNullShare: 0, severity: 'warning' },
    { column: 'generation_type', maxNullShare: 0, severity: 'warning' },
    { column: 'phase', maxNullShare: 0, severity: 'warning' },
    { column: 'capacity_granted_kw', maxNullShare: 0.001, severity: 'warning' },
  ],
  ranges: [
    {
      column: 'capacity_granted_kw',
      max: 15_000_000,
      severity: 'warning',
      note: 'no Brazilian plant exceeds Itaipu (14 GW)',
    },
    {
      column: 'capacity_inspected_kw',
      max: 15_000_000,
      severity: 'warning',
      note: 'no Brazilian plant exceeds Itaipu (14 GW)',
    },
  ],
  sums: [
    {
      metric: 'operating_capacity_kw',
      column: 'capacity_inspected_kw',
      where: { column: 'phase', equals: 'operating' },
      primaryOnly: true,
    },
    {
      metric: 'operating_capacity_kw',
      column: 'capacity_inspected_kw',
      groupBy: ['generation_type'],
      where: { column: 'phase', equals: 'operating' },
      primaryOnly: true,
    },
    {
      metric: 'operating_capacity_kw',
      column: 'capacity_inspected_kw',
      groupBy: ['state_code'],
      where: { column: 'phase', equals: 'operating' },
      primaryOnly: true,
    },
  ],
  watched: [
    { metric: 'row_count', direction: 'both', severity: 'warning' },
    { metric: 'null_share', direction: 'up', severity: 'warning' },
    { metric: 'operating_capacity_kw', direction: 'both', severity: 'warning' },
  ],
  reconciliations: [
    {
      name: 'operating capacity by state against capacidade_uf',
      against: {
        dataset: 'capacidade_uf',
        groupColumn: 'state_code',
        valueColumn: 'capacity_installed_kw',
        yearColumn: 'reference_year',
        monthColumn: 'reference_month',
      },
      groupColumn: 'state_code',
      valueColumn: 'capacity_inspected_kw',
      where: { column: 'phase', equals: 'operating' },
      primaryOnly: true,
      tolerance: 0.01,
      severity: 'warning',
    },
    {
      name: 'operating capacity by type against operacao_historico',
      against: {
        dataset: 'operacao_historico',
        groupColumn: 'generation_type',
        valueColumn: 'capacity_installed_kw',
        yearColumn: 'reference_year',
        monthColumn: 'reference_month',
      },
      groupColumn: 'generation_type',
      valueColumn: 'capacity_inspected_kw',
      where: { column: 'phase', equals: 'operating' },
      primaryOnly: true,
      tolerance: 0.01,
      severity: 'warning',
    },
  ],
  maxQuarantineShare: 0.01,
};
