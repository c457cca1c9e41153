import { DATA_DATE_COLUMN } from '../registry.ts';
import { countAs, KW_SCALE, latestSnapshot, sumKw } from './shared.ts';
import type { GoldTable } from './types.ts';

/** Operating plants and capacity per generation type over time, from the latest history file. */
export const capacityHistoryByType: GoldTable = {
  name: 'capacity_history_by_type',
  description:
    'Plants in operation and installed capacity per generation type and reference month, from ' +
    'the latest snapshot of `empreendimento-operacao-historico`.',
  dependsOn: ['operacao_historico'],
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
    { name: 'generation_type', type: 'string', description: 'ANEEL generation type.' },
    { name: 'plants', type: 'int64', description: 'Plants in operation at the end of the month.' },
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
      `  ${q('generation_type')},`,
      `  ${countAs(d, `SUM(${q('plant_count')})`)} AS ${q('plants')},`,
      `  ${sumKw(d, q('capacity_installed_kw'))} AS ${q('capacity_kw')}`,
      `FROM ${resolve('silver', 'operacao_historico')}`,
      `WHERE ${latestSnapshot(d, resolve, 'operacao_historico')}`,
      'GROUP BY 1, 2, 3',
    ].join('\n');
  },
};
