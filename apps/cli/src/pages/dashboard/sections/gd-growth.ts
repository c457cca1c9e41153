import { areaChartSvg } from '../area-chart.ts';
import type { DashboardData } from '../dashboard-data.ts';
import { dataTable } from '../data-table.ts';
import { formatCount, formatGw, formatGwTick, formatMonth, formatMwNumber } from '../format.ts';
import { typeColour } from '../palette.ts';
import { note, section } from './section.ts';

/** Distributed generation (MMGD) connected per month, with the running total. */
export function gdGrowthSection(data: DashboardData): string {
  const months = data.gdGrowth;
  if (months.length === 0) {
    return section(
      'gd-growth',
      'Distributed generation growth',
      `<p class="note" id="no-gd">No distributed-generation snapshot in this lake: ingest the ` +
        '<code>gd</code> dataset (MMGD) to see its growth by month.</p>',
    );
  }
  const last = months.at(-1)!;
  const chart = areaChartSvg({
    title: 'Distributed-generation capacity connected, running total (GW)',
    x: months.map((m) => m.month),
    series: [
      {
        key: 'cumulative',
        label: 'Capacity connected to date',
        colour: typeColour('UFV'),
        values: months.map((m) => m.cumulativeKw),
      },
    ],
    formatY: formatGwTick,
  });
  const table = dataTable(
    'Distributed generation connected per month',
    [
      { label: 'Month' },
      { label: 'Units', numeric: true },
      { label: 'Connected MW', numeric: true },
      { label: 'Running total MW', numeric: true },
    ],
    [...months]
      .reverse()
      .map((m) => [
        m.month,
        formatCount(m.systems),
        formatMwNumber(m.capacityKw),
        formatMwNumber(m.cumulativeKw),
      ]),
  );
  return section(
    'gd-growth',
    'Distributed generation growth',
    [
      note(
        `${formatGw(last.cumulativeKw)} connected by ${formatMonth(last.month)} ` +
          `(${formatMonth(months[0]!.month)} onwards; units without a connection date left out).`,
      ),
      chart,
      `<details><summary>Data table (${months.length} months)</summary><div class="table-wrap">${table}</div></details>`,
    ].join('\n'),
  );
}
