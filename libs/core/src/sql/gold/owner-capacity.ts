import { DATA_DATE_COLUMN, PRIMARY_ROW_COLUMN } from '../registry.ts';
import { countAs, KW_SCALE, sumKw } from './shared.ts';
import type { GoldTable } from './types.ts';

/**
 * Operating capacity attributed to each owner: every owner's share (agents file) of each plant's
 * inspected capacity (SIGA), both from their latest snapshots. Plants are joined on the 6-digit
 * CEG nucleus, which both files carry (`8` in agents, `000008` in SIGA, normalised in silver).
 */
export const ownerCapacity: GoldTable = {
  name: 'owner_capacity',
  description:
    "Operating plants and capacity per owner (agent), weighting each plant's inspected " +
    "capacity by the owner's share; latest agents and SIGA snapshots.",
  dependsOn: ['agentes', 'siga'],
  columns: [
    { name: 'data_date', type: 'date', description: 'Agents snapshot the ownership comes from.' },
    {
      name: 'agent_id',
      type: 'string',
      description: 'CNPJ, masked CPF or pseudonym of the owner.',
    },
    { name: 'agent_name', type: 'string', description: 'Owner name (pseudonymised for persons).' },
    { name: 'plants', type: 'int64', description: 'Operating plants the owner has a share in.' },
    {
      name: 'capacity_kw',
      type: 'decimal',
      scale: KW_SCALE,
      description: 'Sum over those plants of inspected capacity times the share, kW.',
    },
  ],
  sql: (d, resolve) => {
    const q = d.quoteIdent;
    const a = (c: string) => `${q('a')}.${q(c)}`;
    const s = (c: string) => `${q('s')}.${q(c)}`;
    return [
      'SELECT',
      `  ${a(DATA_DATE_COLUMN)},`,
      `  ${a('agent_id_cpf_cnpj')} AS ${q('agent_id')},`,
      `  MAX(${a('agent_name')}) AS ${q('agent_name')},`,
      `  ${countAs(d, `COUNT(DISTINCT ${s('plant_nucleus_id_ceg')})`)} AS ${q('plants')},`,
      `  ${sumKw(d, `${s('capacity_inspected_kw')} * ${a('ownership_share_pct')} / 100`)} AS ${q('capacity_kw')}`,
      `FROM ${resolve('silver', 'agentes')} AS ${q('a')}`,
      `JOIN ${resolve('silver', 'siga')} AS ${q('s')}`,
      `  ON ${s('plant_nucleus_id_ceg')} = ${a('plant_nucleus_id_ceg')}`,
      `  AND ${s(PRIMARY_ROW_COLUMN)} AND ${s('phase')} = 'operating'`,
      `  AND ${s(DATA_DATE_COLUMN)} = (SELECT MAX(${q(DATA_DATE_COLUMN)}) FROM ${resolve('silver', 'siga')})`,
      `WHERE ${a(DATA_DATE_COLUMN)} = (SELECT MAX(${q(DATA_DATE_COLUMN)}) FROM ${resolve('silver', 'agentes')})`,
      'GROUP BY 1, 2',
    ].join('\n');
  },
};
