import { DATA_DATE_COLUMN } from '../registry.ts';
import { foldLabelSql } from '../values.ts';
import { countAs, KW_SCALE, latestSnapshot, sumKw } from './shared.ts';
import type { GoldTable } from './types.ts';

/**
 * Thermal plants and capacity per fuel origin and group over time. Categories are compared
 * folded (no accents, no case), so rows published as `Fóssil` and `Fossil` add up to one.
 */
export const thermalCapacityByFuel: GoldTable = {
  name: 'thermal_capacity_by_fuel',
  description:
    'Thermal plants and installed capacity per fuel origin and fuel group and reference month, ' +
    'from the latest snapshot of `usina-termeletrica-tipo`, with spelling variants merged.',
  dependsOn: ['termeletricas'],
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
    { name: 'fuel_origin', type: 'string', description: '`biomass` or `fossil`.' },
    {
      name: 'plant_type',
      type: 'string',
      description: 'Fuel group (`natural_gas`, `petroleum`, ...).',
    },
    { name: 'plants', type: 'int64', description: 'Thermal plants at the end of the month.' },
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
      `  ${foldLabelSql(d, q('fuel_origin'))} AS ${q('fuel_origin')},`,
      `  ${foldLabelSql(d, q('plant_type'))} AS ${q('plant_type')},`,
      `  ${countAs(d, `SUM(${q('plant_count')})`)} AS ${q('plants')},`,
      `  ${sumKw(d, q('capacity_installed_kw'))} AS ${q('capacity_kw')}`,
      `FROM ${resolve('silver', 'termeletricas')}`,
      `WHERE ${latestSnapshot(d, resolve, 'termeletricas')}`,
      'GROUP BY 1, 2, 3, 4',
    ].join('\n');
  },
};
