import {
  generatedDateColumn,
  installedCapacityColumn,
  referenceMonthColumn,
  referenceYearColumn,
  stateCodeColumn,
} from '../shared-columns.ts';
import type { DatasetDefinition } from '../types.ts';

/**
 * Installed generation capacity per state and month (an ANEEL aggregate).
 *
 * Follows the file of 2024-07-01 (1,507 rows, Windows-1252, CRLF). Quirks: the capacity header
 * is `MdaPotenciaInstaladakW` (lower-case `k`, unlike other files); one-digit months carry a
 * trailing space (`3 `); `NomUF` spells 27 states in 64 ways and is sometimes the wrong state
 * for the abbreviation (`BA` with `RIO DE JANEIRO`), so the abbreviation is the key and the
 * name is kept only to report mismatches (C11).
 */
export const capacidadeUf: DatasetDefinition = {
  id: 'capacidade_uf',
  title: 'Installed capacity by state',
  description: 'Installed generation capacity per federative unit, quarterly since 2012.',
  ckan: {
    packageId: 'cec20fdd-97e4-40a8-870f-c63339f5d8b7',
    fileName: 'capacidade-instalada-geracao-uf.csv',
  },
  cadence: { every: 'monthly', graceDays: 31, ckanFrequency: 'Mensal' },
  key: ['state_code', 'reference_year', 'reference_month'],
  dataDateColumn: 'dataset_generated_date',
  notes: [
    'File read: 2024-07-01. CKAN package given by its id (seen in download URLs); its slug was ' +
      'not confirmed. ANEEL declares SIGA the successor of this dataset (SIGA dictionary v1.1).',
  ],
  columns: [
    generatedDateColumn('`yyyy-mm-dd`'),
    referenceYearColumn(),
    referenceMonthColumn(),
    {
      name: 'state_name',
      source: 'NomUF',
      kind: 'text',
      type: 'string',
      description:
        'State name as published: dirty (case, accents, truncation, wrong state); use state_code.',
    },
    stateCodeColumn('SigUF', 'Federative unit (abbreviation); the reliable state key.'),
    installedCapacityColumn(
      'MdaPotenciaInstaladakW',
      'Installed capacity of the state at the end of the reference month.',
    ),
  ],
};
