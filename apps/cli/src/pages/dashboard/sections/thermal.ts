import { barChartSvg } from '../bar-chart.ts';
import type { DashboardData } from '../dashboard-data.ts';
import { dataTable } from '../data-table.ts';
import { formatCount, formatDate, formatMonth, formatMwNumber, formatPower } from '../format.ts';
import { spareColour } from '../palette.ts';
import { chartWithTable, note, section } from './section.ts';

/** Thermal capacity per fuel origin and plant type, in the latest month of the file. */
export function thermalSection(data: DashboardData): string {
  const t = data.thermal;
  if (!t) {
    return section(
      'thermal',
      'Thermal capacity by fuel',
      note('No thermal-plant snapshot in this lake: ingest the termeletricas dataset to see it.'),
    );
  }
  const label = (f: { fuelOrigin: string; plantType: string }) =>
    `${f.fuelOrigin} · ${f.plantType}`.replaceAll('_', ' ');
  const chart = barChartSvg(
    t.fuels.map((f) => ({
      key: label(f),
      label: label(f),
      value: f.capacityKw,
      valueLabel: formatPower(f.capacityKw),
      colour: spareColour(f.fuelOrigin),
    })),
    { title: 'Thermal capacity by fuel' },
  );
  const table = dataTable(
    'Thermal capacity by fuel (MW)',
    [
      { label: 'Fuel origin · type' },
      { label: 'Plants', numeric: true },
      { label: 'MW', numeric: true },
    ],
    t.fuels.map((f) => [label(f), formatCount(f.plants), formatMwNumber(f.capacityKw)]),
  );
  return section(
    'thermal',
    'Thermal capacity by fuel',
    note(
      `Installed thermal capacity in ${formatMonth(t.month)}, per ANEEL's thermal-plant file ` +
        `published ${formatDate(t.dataDate)}.`,
    ) + chartWithTable(chart, table),
  );
}
