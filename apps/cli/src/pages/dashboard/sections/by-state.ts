import { barChartSvg } from '../bar-chart.ts';
import type { DashboardData } from '../dashboard-data.ts';
import { dataTable } from '../data-table.ts';
import { formatCount, formatMwNumber, formatPercent, formatPower } from '../format.ts';
import { NEUTRAL_COLOUR } from '../palette.ts';
import { chartWithTable, note, section } from './section.ts';

/** Brazil has 26 states and the Federal District. */
const FEDERATIVE_UNITS = 27;

/** Operating capacity per federative unit. */
export function byStateSection(data: DashboardData): string {
  if (!data.snapshot || data.byState.length === 0) return '';
  const total = data.byState.reduce((s, t) => s + t.capacityKw, 0);
  const chart = barChartSvg(
    data.byState.map((s) => ({
      key: s.state,
      label: s.state,
      value: s.capacityKw,
      valueLabel: formatPower(s.capacityKw),
      colour: NEUTRAL_COLOUR,
    })),
    { title: 'Operating capacity by state' },
  );
  const table = dataTable(
    'Operating capacity by state (MW)',
    [
      { label: 'State' },
      { label: 'Plants', numeric: true },
      { label: 'MW', numeric: true },
      { label: 'Share', numeric: true },
    ],
    data.byState.map((s) => [
      s.state,
      formatCount(s.plants),
      formatMwNumber(s.capacityKw),
      formatPercent(s.capacityKw, total),
    ]),
  );
  const missing = FEDERATIVE_UNITS - data.byState.length;
  return section(
    'by-state',
    'Operating capacity by state',
    note(
      `${data.byState.length} of ${FEDERATIVE_UNITS} federative units have operating plants in ` +
        `this snapshot${missing > 0 ? `; ${missing} are absent` : ''}. ` +
        'A plant spanning several states counts in its main state (SIGA field SigUFPrincipal).',
    ) + chartWithTable(chart, table),
  );
}
