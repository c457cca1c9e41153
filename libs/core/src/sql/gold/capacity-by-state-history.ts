import { DATA_DATE_COLUMN } from '../registry.ts';
import { KW_SCALE, latestSnapshot, sumKw } from './shared.ts';
import type { GoldTable } from './types.ts';

/**
 * Installed capacity per state over time. Keyed on the abbreviation only: the published state
 * names are dirty (64 spellings, some naming the wrong state, C11) and are not carried.
 */
export const capacityByStateHistory: GoldTable = {
  name: 'capacity_by_state_history',
  description:
    'Installed capacity per state and reference month from the latest snapshot of ' +
    '`capacidade-instalada-geracao-uf`, keyed on the state abbreviation.',
  dependsOn: ['capacidade_uf'],
  columns: [
    {
      name: 'data_date',
      type: 'date',
      description: 'Snapshot the history comes from (the latest).',
    },
    {
      name: 'reference_month',
      type: 'date',
      description: 'First day of the month the figures refer to.',
    },
    { name: 'state', type: 'string', description: 'Federative unit (abbreviation).' },
    {
      name: 'capacity_kw',
      type: 'decimal',
      scale: KW_SCALE,
      description: 'Installed capacity, kW.',
    },
  ],
  sql: (d, resolve) => {
    const q = d.quoteIdent;
    const month = d.makeDate(q('reference_year'), q('reference_month'), '1');
    return [
      'SELECT',
      `  ${q(DATA_DATE_COLUMN)},`,
      `  ${month} AS ${q('reference_month')},`,
      `  ${q('state_code')} AS ${q('state')},`,
      `  ${sumKw(d, q('capacity_installed_kw'))} AS ${q('capacity_kw')}`,
      `FROM ${resolve('silver', 'capacidade_uf')}`,
      `WHERE ${latestSnapshot(d, resolve, 'capacidade_uf')}`,
      'GROUP BY 1, 2, 3',
    ].join('\n');
  },
};
