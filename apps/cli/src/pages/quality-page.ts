import { SEVERITY_RANK, type Finding, type Metric, type Severity } from '@matriz/core';
import type { LatestQuality } from '@matriz/pipeline';

const esc = (value: unknown): string =>
  String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/** `code` spans for the backticked names in a finding's message. */
const message = (text: string) => esc(text).replace(/`([^`]*)`/g, '<code>$1</code>');

const json = (value: unknown) =>
  value === null || value === undefined
    ? ''
    : esc(typeof value === 'string' ? value : JSON.stringify(value));

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{padding:.3rem .5rem;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}code{font-size:.9em;background:#f6f8fa;padding:0 .2em}
.sev{font-weight:600;border-radius:3px;padding:0 .4em}.error{background:#ffebe9;color:#a40e26}.warning{background:#fff8c5;color:#7d4e00}.info{background:#ddf4ff;color:#0a3069}
.summary span{margin-right:1rem}details{margin:.2rem 0}small{color:#57606a}`;

function findingRow(f: Finding): string {
  return (
    `<tr><td><span class="sev ${f.severity}">${f.severity}</span></td><td><code>${esc(f.code)}</code><br><small>${esc(f.dimension)}</small></td>` +
    `<td>${f.column ? `<code>${esc(f.column)}</code>` : ''}</td><td>${message(f.message)}` +
    `<details><summary>details</summary><small>key: ${json(f.key)}<br>observed: ${json(f.observed)}<br>expected: ${json(f.expected)}</small></details></td></tr>`
  );
}

function metricsTable(metrics: readonly Metric[]): string {
  const shown = metrics.filter((m) => m.group === '' || !m.group.startsWith('column='));
  const rows = shown
    .map(
      (m) =>
        `<tr><td><code>${esc(m.metric)}</code></td><td>${esc(m.group)}</td><td>${esc(m.dimension)}</td><td class="num">${esc(m.value.toLocaleString('en-US'))}</td></tr>`,
    )
    .join('');
  return `<details><summary>${shown.length} metrics</summary><table><thead><tr><th>metric</th><th>group</th><th>dimension</th><th>value</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/**
 * The quality page for a person: per dataset, the latest checked snapshot, its findings (errors
 * first) with key, observed and expected values, and its metrics. Self-contained HTML (inline
 * style, no script, every value escaped), written by `matriz quality --format html` and served
 * at `/quality` by `matriz serve`.
 */
export function renderQualityPage(latest: readonly LatestQuality[], generatedAt: Date): string {
  const count = (s: Severity) =>
    latest.reduce((n, q) => n + q.findings.filter((f) => f.severity === s).length, 0);
  const sections = latest
    .map((q) => {
      const findings = [...q.findings].sort(
        (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
      );
      const body =
        findings.length > 0
          ? `<table><thead><tr><th>severity</th><th>code</th><th>column</th><th>finding</th></tr></thead><tbody>${findings.map(findingRow).join('')}</tbody></table>`
          : '<p>No findings.</p>';
      return `<section id="${esc(q.dataset)}"><h2>${esc(q.dataset)} <small>snapshot ${esc(q.snapshot)}, checked ${esc(q.checkedAt)}</small></h2>${body}${metricsTable(q.metrics)}</section>`;
    })
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Matriz data quality</title><style>${STYLE}</style></head><body>`,
    '<h1>Data quality</h1>',
    `<p class="summary"><span class="sev error">${count('error')} errors</span><span class="sev warning">${count('warning')} warnings</span><span class="sev info">${count('info')} info</span><small>generated ${esc(generatedAt.toISOString())}</small></p>`,
    '<p><small>Errors stop a dataset from being promoted to gold; warnings and info do not.</small></p>',
    sections || '<p>No dataset has been checked yet: run <code>pnpm matriz run</code>.</p>',
    '</body></html>',
    '',
  ].join('\n');
}
