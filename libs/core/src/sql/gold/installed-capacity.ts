import { DATA_DATE_COLUMN, PRIMARY_ROW_COLUMN } from '../registry.ts';
import { countAs, KW_SCALE, sumKw } from './shared.ts';
import type { GoldTable } from './types.ts';

/**
 * Installed capacity from SIGA, per snapshot, generation type, fuel origin, state and phase. A
 * plant listed once per grant type counts once (`is_primary_row`). Operating plants count their
 * inspected capacity, the others their granted capacity.
 */
export const installedCapacity: GoldTable = {
  name: 'installed_capacity',
  description:
    'SIGA plants and capacity per snapshot, generation type, fuel origin, state and phase; ' +
    'inspected capacity for operating plants, granted capacity otherwise; each plant once.',
  dependsOn: ['siga'],
  columns: [
    { name: 'data_date', type: 'date', description: 'SIGA snapshot the figures come from.' },
    {
      name: 'generation_type',
      type: 'string',
      description: 'ANEEL generation type (UHE, UTE, EOL, ...).',
    },
    {
      name: 'fuel_origin',
      type: 'string',
      description: 'Origin of the source (hydro, fossil, wind, ...).',
    },
    { name: 'state', type: 'string', description: 'Main federative unit (abbreviation).' },
    {
      name: 'phase',
      type: 'string',
      description: '`operating`, `under_construction` or `not_started`.',
    },
    { name: 'plants', type: 'int64', description: 'Number of plants.' },
    {
      name: 'capacity_kw',
      type: 'decimal',
      scale: KW_SCALE,
      description: 'kW: inspected capacity when operating, granted capacity otherwise.',
    },
  ],
  sql: (d, resolve) => {
    const q = d.quoteIdent;
    const capacity =
      `CASE WHEN ${q('phase')} = 'operating' THEN ${q('capacity_inspected_kw')} ` +
      `ELSE ${q('capacity_granted_kw')} END`;
    return [
      'SELECT',
      `  ${q(DATA_DATE_COLUMN)},`,
      `  ${q('generation_type')},`,
      `  ${q('fuel_origin')},`,
      `  ${q('state_code')} AS ${q('state')},`,
      `  ${q('phase')},`,
      `  ${countAs(d, 'COUNT(*)')} AS ${q('plants')},`,
      `  ${sumKw(d, capacity)} AS ${q('capacity_kw')}`,
      `FROM ${resolve('silver', 'siga')}`,
      `WHERE ${q(PRIMARY_ROW_COLUMN)}`,
      'GROUP BY 1, 2, 3, 4, 5',
    ].join('\n');
  },
};
