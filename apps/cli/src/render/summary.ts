import type { DatasetRunResult, RunSummary } from '@matriz/pipeline';

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
      changes: r.changes.length
        ? `+${r.changes.reduce((n, c) => n + c.inserted, 0)} ~${r.changes.reduce((n, c) => n + c.updated, 0)} -${r.changes.reduce((n, c) => n + c.deleted, 0)}`
        : '-',
      findings: findingsOf(summary, r.dataset),
      error:
        r.status === 'skipped'
          ? 'not published by this portal (no CSV resource)'
          : r.error
            ? `[${r.error.code}] ${r.error.message}`
            : '',
    };
  });
  const failed = summary.datasets.filter((r) => r.status === 'failed').map((r) => r.dataset);
  const gold = summary.gold.tables.map((t) => `${t.name} (${t.rows.toLocaleString('en-US')} rows)`);
  const skipped = summary.gold.skipped.map((t) => {
    const blocked = t.missing.filter((id) => summary.blocked.includes(id));
    const absent = t.missing.filter((id) => !summary.blocked.includes(id));
    return `${t.name} (${[
      ...(absent.length ? [`no silver yet for ${absent.join(', ')}`] : []),
      ...(blocked.length
        ? [`kept at its last good version: ${blocked.join(', ')} blocked by quality`]
        : []),
    ].join('; ')})`;
  });
  return [
    renderTable(rows).trimEnd(),
    '',
    `gold: ${gold.join(', ') || (skipped.length ? 'none' : 'unchanged (nothing new to build)')}`,
    ...(skipped.length ? [`gold not built: ${skipped.join(', ')}`] : []),
    ...(summary.blocked.length
      ? [
          `not promoted to gold (error findings): ${summary.blocked.join(', ')}; see \`pnpm matriz quality\``,
        ]
      : []),
    summary.ok
      ? 'run ok'
      : `run FAILED${failed.length ? ` for: ${failed.join(', ')}` : ''}${summary.blocked.length ? ' (quality blocked promotion)' : ''}`,
    '',
  ].join('\n');
}

/** `1 error, 3 warnings` for a dataset, or `-` when it was not checked. */
function findingsOf(summary: RunSummary, dataset: string): string {
  const q = summary.quality.find((x) => x.dataset === dataset);
  if (!q) return '-';
  const parts = [
    q.counts.error ? `${q.counts.error} error${q.counts.error > 1 ? 's' : ''}` : '',
    q.counts.warning ? `${q.counts.warning} warning${q.counts.warning > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  return parts.join(', ') || 'none';
}

/** One summary for several runs (the demo replays history date by date): per dataset, every
 * snapshot brought to silver, the worst status, and the last gold build. */
export function mergeSummaries(runs: readonly RunSummary[]): RunSummary {
  const byDataset = new Map<string, DatasetRunResult>();
  for (const run of runs) {
    for (const r of run.datasets) {
      const prev = byDataset.get(r.dataset);
      if (!prev) {
        byDataset.set(r.dataset, r);
        continue;
      }
      const rank = ['failed', 'blocked', 'ok', 'unchanged', 'skipped'] as const;
      const status = rank.find((s) => prev.status === s || r.status === s) ?? r.status;
      byDataset.set(r.dataset, {
        ...prev,
        ...r,
        status,
        extract:
          r.status === 'ok'
            ? (r.extract ?? prev.extract ?? 'fetched')
            : (prev.extract ?? r.extract ?? 'unchanged'),
        silver: [...prev.silver, ...r.silver],
        changes: [...prev.changes, ...r.changes],
        ...((prev.error ?? r.error) ? { error: (r.error ?? prev.error)! } : {}),
      });
    }
  }
  const last = runs.at(-1);
  const quality = new Map(runs.flatMap((r) => r.quality).map((q) => [q.dataset, q]));
  return {
    datasets: [...byDataset.values()],
    quality: [...quality.values()],
    blocked: last?.blocked ?? [],
    // Every gold table built by any of the runs (its latest row count); skipped only when the
    // last run that looked at gold skipped it.
    gold: {
      tables: [...new Map(runs.flatMap((r) => r.gold.tables).map((t) => [t.name, t])).values()],
      skipped: (
        runs.filter((r) => r.gold.tables.length + r.gold.skipped.length > 0).at(-1)?.gold.skipped ??
        []
      ).filter((t) => !runs.some((r) => r.gold.tables.some((b) => b.name === t.name))),
    },
    ok: runs.every((r) => r.ok),
  };
}
