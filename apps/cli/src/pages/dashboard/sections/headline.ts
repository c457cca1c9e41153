import type {
  DashboardData,
  PhaseTotal,
  SnapshotSize,
  SnapshotSummary,
} from '../dashboard-data.ts';
import { escapeHtml, formatCount, formatDate, formatGw, formatKw } from '../format.ts';
import { note, section } from './section.ts';

/** Operating, under-construction and not-started totals of the SIGA snapshot. */
export function headlineSection(data: DashboardData): string {
  const s = data.snapshot;
  if (!s) {
    return section(
      'headline',
      'Generation capacity',
      note(
        'No SIGA snapshot in this lake: ingest the siga dataset (pnpm matriz run) to see ' +
          'installed capacity.',
      ),
    );
  }
  const warning = s.previous ? partialWarning(s, s.previous) : '';
  const snapshots = data.sigaSnapshots
    .map((x) => `${x.dataDate} (${formatCount(x.plants)} plants)`)
    .join(', ');
  return section(
    'headline',
    `Generation capacity on ${formatDate(s.dataDate)}`,
    [
      warning,
      '<ul class="kpis">',
      kpi('operating', 'Operating', s.operating, 'inspected capacity'),
      kpi('under-construction', 'Under construction', s.underConstruction, 'granted capacity'),
      kpi('not-started', 'Construction not started', s.notStarted, 'granted capacity'),
      '</ul>',
      note(
        `ANEEL SIGA snapshot ${s.dataDate}; each plant is counted once. ` +
          `SIGA snapshots in this lake: ${snapshots}.`,
      ),
    ].join('\n'),
  );
}

function kpi(id: string, label: string, total: PhaseTotal, basis: string): string {
  return [
    `<li class="kpi" id="kpi-${id}">`,
    `<span class="label">${escapeHtml(label)}</span>`,
    `<span class="value">${escapeHtml(formatGw(total.capacityKw))}</span>`,
    `<span class="detail">${escapeHtml(formatKw(total.capacityKw))} ${escapeHtml(basis)}</span>`,
    `<span class="detail">${escapeHtml(formatCount(total.plants))} plants</span>`,
    '</li>',
  ].join('');
}

/** Says the snapshot looks partial (far fewer plants than the one before) and how to pick that one. */
function partialWarning(s: SnapshotSummary, previous: SnapshotSize): string {
  const plants = s.operating.plants + s.underConstruction.plants + s.notStarted.plants;
  const text =
    `This snapshot lists only ${formatCount(plants)} plants, against ` +
    `${formatCount(previous.plants)} on ${formatDate(previous.dataDate)}: it looks partial, so ` +
    'the figures below are not the whole country. The full snapshot is shown by';
  return (
    `<p class="warning" role="note">${escapeHtml(text)} ` +
    `<code>matriz dashboard --snapshot ${escapeHtml(previous.dataDate)}</code>.</p>`
  );
}
