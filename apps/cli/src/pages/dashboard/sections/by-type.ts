import { barChartSvg } from '../bar-chart.ts';
import type { DashboardData } from '../dashboard-data.ts';
import { dataTable } from '../data-table.ts';
import { formatCount, formatMwNumber, formatPercent, formatPower } from '../format.ts';
import { typeColour, typeName } from '../palette.ts';
import { chartWithTable, note, section } from './section.ts';

/** Operating capacity per generation type, with the pipeline under construction beside it. */
export function byTypeSection(data: DashboardData): string {
  if (!data.snapshot || data.byType.length === 0) return '';
  const total = data.byType.reduce((s, t) => s + t.capacityKw, 0);
  const chart = barChartSvg(
    data.byType.map((t) => ({
      key: t.generationType,
      label: `${t.generationType} · ${typeName(t.generationType)}`,
      value: t.capacityKw,
      valueLabel: formatPower(t.capacityKw),
      colour: typeColour(t.generationType),
    })),
    { title: 'Operating capacity by generation type' },
  );
  const table = dataTable(
    'Capacity by generation type (MW)',
    [
      { label: 'Type' },
      { label: 'Plants', numeric: true },
      { label: 'Operating MW', numeric: true },
      { label: 'Share', numeric: true },
      { label: 'Building MW', numeric: true },
      { label: 'Not started MW', numeric: true },
    ],
    data.byType.map((t) => [
      t.generationType,
      formatCount(t.plants),
      formatMwNumber(t.capacityKw),
      formatPercent(t.capacityKw, total),
      formatMwNumber(t.underConstructionKw),
      formatMwNumber(t.notStartedKw),
    ]),
  );
  return section(
    'by-type',
    'Operating capacity by generation type',
    note(
      'UHE large hydro, UTE thermal, EOL wind, UFV solar photovoltaic, PCH small hydro, ' +
        'CGH mini hydro, UTN nuclear, CGU wave and tidal. Plants counts operating plants only.',
    ) + chartWithTable(chart, table),
  );
}
