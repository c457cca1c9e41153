import { barChartSvg } from '../bar-chart.ts';
import type { DashboardData } from '../dashboard-data.ts';
import { dataTable } from '../data-table.ts';
import { formatCount, formatMwNumber, formatPower } from '../format.ts';
import { NEUTRAL_COLOUR } from '../palette.ts';
import { chartWithTable, note, section } from './section.ts';

/** Largest owners by operating capacity attributed by ownership share. */
export function ownersSection(data: DashboardData): string {
  if (data.owners.length === 0) return '';
  const chart = barChartSvg(
    data.owners.map((o) => ({
      key: o.agentId,
      label: o.agentName,
      value: o.capacityKw,
      valueLabel: formatPower(o.capacityKw),
      colour: NEUTRAL_COLOUR,
    })),
    { title: 'Largest owners by operating capacity' },
  );
  const table = dataTable(
    'Largest owners (MW by ownership share)',
    [{ label: 'Owner' }, { label: 'Plants', numeric: true }, { label: 'MW', numeric: true }],
    data.owners.map((o) => [o.agentName, formatCount(o.plants), formatMwNumber(o.capacityKw)]),
  );
  return section(
    'owners',
    'Largest owners',
    note(
      'Operating capacity attributed to each owner by its share in the plant, for plants in ' +
        'both the owners file and the latest SIGA snapshot.',
    ) + chartWithTable(chart, table),
  );
}
