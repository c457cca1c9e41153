import { DATA_DATE_COLUMN } from '../registry.ts';
import { countAs, KW_SCALE, latestSnapshot, sumKw } from './shared.ts';
import type { GoldTable } from './types.ts';

/**
 * Growth of distributed generation: units connected per month, state and source, with the
 * cumulative capacity per state and source, from the latest MMGD snapshot. Units without a
 * connection date are left out (they cannot be placed in time).
 */
export const gdGrowth: GoldTable = {
  name: 'gd_growth',
  description:
    'Distributed-generation units and capacity connected per month, state and source, with the ' +
    'running total per state and source, from the latest snapshot.',
  dependsOn: ['gd'],
  columns: [
    {
      name: 'data_date',
      type: 'date',
      description: 'Snapshot the figures come from (the latest).',
    },
    { name: 'month', type: 'date', description: 'First day of the connection month.' },
    { name: 'state', type: 'string', description: 'Federative unit of the consumer unit.' },
    {
      name: 'source',
      type: 'string',
      description: 'Energy source as published (`Radiação solar`).',
    },
    { name: 'systems', type: 'int64', description: 'Units connected in the month.' },
    {
      name: 'capacity_kw',
      type: 'decimal',
      scale: KW_SCALE,
      description: 'Capacity connected in the month, kW.',
    },
    {
      name: 'cumulative_capacity_kw',
      type: 'decimal',
      scale: KW_SCALE,
      description: 'Capacity connected up to and including the month, per state and source, kW.',
    },
  ],
  sql: (d, resolve) => {
    const q = d.quoteIdent;
    const kw = d.typeName('decimal', KW_SCALE);
    return [
      'SELECT',
      `  ${q(DATA_DATE_COLUMN)}, ${q('month')}, ${q('state')}, ${q('source')}, ${q('systems')}, ${q('capacity_kw')},`,
      `  CAST(SUM(${q('capacity_kw')}) OVER (PARTITION BY ${q('state')}, ${q('source')} ORDER BY ${q('month')}` +
        ` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ${kw}) AS ${q('cumulative_capacity_kw')}`,
      'FROM (',
      '  SELECT',
      `    ${q(DATA_DATE_COLUMN)},`,
      `    ${d.monthStart(q('connection_date'))} AS ${q('month')},`,
      `    ${q('state_code')} AS ${q('state')},`,
      `    ${q('source')},`,
      `    ${countAs(d, 'COUNT(*)')} AS ${q('systems')},`,
      `    ${sumKw(d, q('capacity_kw'))} AS ${q('capacity_kw')}`,
      `  FROM ${resolve('silver', 'gd')}`,
      `  WHERE ${latestSnapshot(d, resolve, 'gd')} AND ${q('connection_date')} IS NOT NULL`,
      '  GROUP BY 1, 2, 3, 4',
      `) AS ${q('monthly')}`,
    ].join('\n');
  },
};
