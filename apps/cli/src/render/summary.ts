import type { RunSummary } from '@matriz/pipeline';

import { renderTable } from './table.ts';

/** The run summary a person reads at the end of `run`, `demo` and `ingest`. */
export function renderSummary(summary: RunSummary): string {
  const rows = summary.datasets.map((r) => {
    const sum = (k: 'rowsIn' | 'rowsOut' | 'rowsQuarantined') =>
      r.silver.reduce((n, s) => n + s[k], 0);
    return {
      dataset: r.dataset,
      status: r.status,
      extract: r.extract ?? '-',
      snapshots: r.silver.map((s) => s.dataDate).join(' ') || '-',
      rows_in: sum('rowsIn'),
      rows_silver: sum('rowsOut'),
      rows_quarantined: sum('rowsQuarantined'),
      error: r.error ? `[${r.error.code}] ${r.error.message}` : '',
    };
  });
  const gold = summary.gold.tables.map((t) => `${t.name} (${t.rows.toLocaleString('en-US')} rows)`);
  const skipped = summary.gold.skipped.map((t) => `${t.name} (needs ${t.missing.join(', ')})`);
  return [
    renderTable(rows).trimEnd(),
    '',
    `gold: ${gold.join(', ') || 'none'}`,
    ...(skipped.length ? [`gold not built: ${skipped.join(', ')}`] : []),
    summary.ok
      ? 'run ok'
      : 'run FAILED for: ' +
        summary.datasets
          .filter((r) => r.status === 'failed')
          .map((r) => r.dataset)
          .join(', '),
    '',
  ].join('\n');
}
