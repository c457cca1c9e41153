import type { DashboardData } from './dashboard-data.ts';
import { escapeHtml, formatDate, formatDays } from './format.ts';
import { byStateSection } from './sections/by-state.ts';
import { byTypeSection } from './sections/by-type.ts';
import { freshnessSection } from './sections/freshness.ts';
import { gdGrowthSection } from './sections/gd-growth.ts';
import { headlineSection } from './sections/headline.ts';
import { historySection } from './sections/history.ts';
import { ownersSection } from './sections/owners.ts';
import { daysBetween } from './sections/section.ts';
import { thermalSection } from './sections/thermal.ts';
import { DASHBOARD_CSS } from './styles.ts';

/**
 * Nothing may leave the page: no script, and no fetch of any kind (fonts, images, favicon).
 * Inline styles only; the icon is an empty data URL so browsers do not ask for `/favicon.ico`.
 */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * Renders the dashboard as one self-contained HTML document: inline CSS and SVG charts, no
 * script, no external resource. Every value that comes from data is escaped.
 */
export function renderDashboard(data: DashboardData): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(pageTitle(data))}</title>`,
    `<style>${DASHBOARD_CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="page">',
    "<h1>Brazil's electricity generation</h1>",
    `<p id="snapshot-line">${subtitle(data)}</p>`,
    '</header>',
    '<main>',
    headlineSection(data),
    byTypeSection(data),
    byStateSection(data),
    historySection(data),
    thermalSection(data),
    gdGrowthSection(data),
    ownersSection(data),
    freshnessSection(data),
    '</main>',
    '<footer>Source: Agência Nacional de Energia Elétrica – ANEEL, Dados Abertos ' +
      '(ODbL&nbsp;1.0). Built by Matriz on ' +
      `${escapeHtml(data.generatedAt.slice(0, 16).replace('T', ' '))} UTC.</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function pageTitle(data: DashboardData): string {
  return data.snapshot
    ? `Brazil's generation, SIGA ${data.snapshot.dataDate} · Matriz`
    : "Brazil's generation · Matriz";
}

function subtitle(data: DashboardData): string {
  if (!data.snapshot) return 'No SIGA snapshot in this lake yet.';
  const age = daysBetween(data.snapshot.dataDate, data.generatedAt);
  return (
    `ANEEL SIGA snapshot of <time datetime="${escapeHtml(data.snapshot.dataDate)}">` +
    `${escapeHtml(formatDate(data.snapshot.dataDate))}</time> · ` +
    `data ${escapeHtml(formatDays(age))} old`
  );
}
