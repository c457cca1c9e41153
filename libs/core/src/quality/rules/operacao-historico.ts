import type { DatasetQualityRules } from './types.ts';

/**
 * Capacity history by generation type: no type may skip a period inside its span, and each
 * type's capacity series is judged point by point against its neighbours.
 */
export const operacaoHistoricoRules: DatasetQualityRules = {
  dataset: 'operacao_historico',
  uniqueness: { severity: 'error' },
  timeliness: { severity: 'warning', maxCoverageLagMonths: 4 },
  // 453 rows in 2024-09-01 (8 types, 62 periods; CGU only since 2017).
  rowCount: { min: 300, max: 2_000, maxDrop: 0.01, severity: 'warning' },
  filled: [
    { column: 'generation_type', maxNullShare: 0, severity: 'error' },
    { column: 'reference_year', maxNullShare: 0, severity: 'error' },
    { column: 'reference_month', maxNullShare: 0, severity: 'error' },
    { column: 'capacity_installed_kw', maxNullShare: 0, severity: 'warning' },
  ],
  series: {
    yearColumn: 'reference_year',
    monthColumn: 'reference_month',
    groupBy: ['generation_type'],
    severity: 'error',
  },
  seriesOutliers: [
    {
      metric: 'capacity_installed_kw',
      column: 'capacity_installed_kw',
      direction: 'both',
      severity: 'warning',
    },
  ],
  watched: [{ metric: 'row_count', direction: 'down', severity: 'warning' }],
  maxQuarantineShare: 0.01,
};
