import { UF_CODES } from '../core-deps.ts';
import { UF_NAMES } from '../uf-names.ts';
import type { DatasetQualityRules } from './types.ts';

/**
 * Capacity by state: every state in every period (a missing state is a failure), state names
 * that agree with the abbreviation (C11), and each state's capacity series without spikes.
 */
export const capacidadeUfRules: DatasetQualityRules = {
  dataset: 'capacidade_uf',
  uniqueness: { severity: 'error' },
  timeliness: { severity: 'warning', maxCoverageLagMonths: 4 },
  // 1,507 rows in 2024-07-01 (27 states x 56 periods, 5 missing).
  rowCount: { min: 1_000, max: 5_000, maxDrop: 0.01, severity: 'warning' },
  filled: [
    { column: 'state_code', maxNullShare: 0, severity: 'error' },
    { column: 'reference_year', maxNullShare: 0, severity: 'error' },
    { column: 'reference_month', maxNullShare: 0, severity: 'error' },
    { column: 'capacity_installed_kw', maxNullShare: 0, severity: 'warning' },
  ],
  series: {
    yearColumn: 'reference_year',
    monthColumn: 'reference_month',
    groupBy: ['state_code'],
    expectedGroups: UF_CODES,
    severity: 'error',
  },
  labels: [
    { column: 'state_name', codeColumn: 'state_code', labels: UF_NAMES, severity: 'warning' },
  ],
  watched: [{ metric: 'row_count', direction: 'down', severity: 'warning' }],
  maxQuarantineShare: 0.01,
};
