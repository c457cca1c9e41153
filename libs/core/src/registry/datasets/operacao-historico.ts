import {
  generatedDateColumn,
  generationTypeColumn,
  installedCapacityColumn,
  referenceMonthColumn,
  referenceYearColumn,
} from '../shared-columns.ts';
import type { DatasetDefinition } from '../types.ts';

/**
 * Plants in operation and their capacity per generation type over time (an ANEEL aggregate).
 *
 * Follows the file of 2024-09-01 (453 rows, ASCII, CRLF): December only for 2001-2011, then
 * quarterly. Quirks: one-digit months with a trailing space; zero capacity written `,00`.
 */
export const operacaoHistorico: DatasetDefinition = {
  id: 'operacao_historico',
  title: 'Plants in operation, history by generation type',
  description:
    'Number of plants and installed capacity in operation per generation type and month.',
  ckan: {
    packageId: '306a6fdb-beb9-4296-bf18-77fa0e076ef1',
    fileName: 'empreendimento-operacao-historico.csv',
  },
  cadence: { every: 'monthly', graceDays: 31, ckanFrequency: 'Mensal' },
  key: ['generation_type', 'reference_year', 'reference_month'],
  dataDateColumn: 'dataset_generated_date',
  notes: ['File read: 2024-09-01. CKAN package given by its id (seen in download URLs).'],
  columns: [
    generatedDateColumn('`yyyy-mm-dd`'),
    generationTypeColumn(),
    {
      name: 'plant_count',
      source: 'QtdUsinasPeriodo',
      kind: 'integer',
      type: 'int64',
      range: { min: 0 },
      description: 'Number of plants of this type in operation at the end of the month.',
    },
    installedCapacityColumn(
      'MdaPotenciaInstaladaKW',
      'Installed capacity in operation of this type at the end of the month.',
    ),
    referenceMonthColumn(),
    referenceYearColumn(),
  ],
};
