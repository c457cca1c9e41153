import { areaChartSvg } from '../area-chart.ts';
import type { DashboardData } from '../dashboard-data.ts';
import { dataTable } from '../data-table.ts';
import { formatDate, formatGwTick, formatMonth, formatMwNumber } from '../format.ts';
import { typeColour, typeName } from '../palette.ts';
import { legend, note, section } from './section.ts';

/** Installed capacity per generation type over time, stacked. */
export function historySection(data: DashboardData): string {
  const h = data.history;
  if (!h.dataDate || h.months.length === 0) {
    return section(
      'history',
      'Installed capacity over time',
      note(
        'No history snapshot in this lake: ingest the operacao_historico dataset to see capacity over time.',
      ),
    );
  }
  // Largest type at the bottom of the stack, as in the legend.
  const series = h.types.map((t) => ({
    key: t,
    label: `${t} · ${typeName(t)}`,
    colour: typeColour(t),
    values: h.months.map((m) => m.capacityKw[t] ?? 0),
  }));
  const first = h.months[0]!;
  const last = h.months.at(-1)!;
  const chart = areaChartSvg({
    title: 'Installed capacity by generation type over time (GW, stacked)',
    x: h.months.map((m) => m.month),
    series,
    formatY: formatGwTick,
  });
  const table = dataTable(
    'Installed capacity by month and generation type (MW)',
    [{ label: 'Month' }, ...h.types.map((t) => ({ label: `${t} MW`, numeric: true }))],
    h.months.map((m) => [m.month, ...h.types.map((t) => formatMwNumber(m.capacityKw[t] ?? 0))]),
  );
  return section(
    'history',
    'Installed capacity over time',
    [
      note(
        `From ${formatMonth(first.month)} to ${formatMonth(last.month)}, GW stacked by type, ` +
          `per ANEEL's plant-operation history published ${formatDate(h.dataDate)}. ` +
          "Points sit at their real dates; the spacing between them is ANEEL's.",
      ),
      chart,
      legend(series.map((s) => ({ label: s.label, colour: s.colour }))),
      `<details><summary>Data table (${h.months.length} months)</summary><div class="table-wrap">${table}</div></details>`,
    ].join('\n'),
  );
}
