import type { DashboardData } from '../dashboard-data.ts';
import { escapeHtml, formatCount, formatDate, formatDays } from '../format.ts';
import { note, section } from './section.ts';

/** Latest data date and age of every dataset in the lake. */
export function freshnessSection(data: DashboardData): string {
  const rows = data.freshness.map((f) => {
    const age =
      f.ageDays === null
        ? '–'
        : `<span${f.isOverdue ? ' class="overdue"' : ''}>${escapeHtml(formatDays(f.ageDays))}${f.isOverdue ? ' (overdue)' : ''}</span>`;
    return [
      '<tr>',
      `<th scope="row"><code>${escapeHtml(f.dataset)}</code></th>`,
      `<td>${escapeHtml(f.title)}</td>`,
      `<td>${f.latestDataDate ? escapeHtml(formatDate(f.latestDataDate)) : 'not in this lake'}</td>`,
      `<td class="num">${age}</td>`,
      `<td class="num">${escapeHtml(formatCount(f.snapshots))}</td>`,
      `<td>${escapeHtml(f.cadence)}</td>`,
      '</tr>',
    ].join('');
  });
  return section(
    'freshness',
    'Data freshness',
    [
      note(
        `Age is counted from each dataset's latest data date to ${formatDate(data.generatedAt.slice(0, 10))}; ` +
          'overdue means older than its publication cadence plus the days ANEEL may be late.',
      ),
      '<div class="table-wrap"><table>',
      '<caption>Latest snapshot per dataset</caption>',
      '<thead><tr><th scope="col">Dataset</th><th scope="col">Title</th>' +
        '<th scope="col">Latest data date</th><th scope="col" class="num">Age</th>' +
        '<th scope="col" class="num">Snapshots</th><th scope="col">Cadence</th></tr></thead>',
      `<tbody>\n${rows.join('\n')}\n</tbody>`,
      '</table></div>',
    ].join('\n'),
  );
}
