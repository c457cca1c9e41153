/** The page's only stylesheet, inlined: system fonts, no external resource. */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --line: #dde2ea; --panel: #fff;
  --bg: #f3f5f8; --accent: #1f5fa8; --warn-bg: #fff4d6; --warn-line: #e9a800; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans',
  'DejaVu Sans', sans-serif; color: var(--ink); background: var(--bg); }
header.page { background: #12263f; color: #fff; padding: 20px 32px; }
header.page h1 { margin: 0 0 4px; font-size: 24px; }
header.page p { margin: 0; color: #c9d6e8; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 40px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 20px; margin: 0 0 20px; }
h2 { margin: 0 0 4px; font-size: 19px; }
p.note { margin: 0 0 12px; color: var(--muted); font-size: 14px; }
.warning { background: var(--warn-bg); border: 1px solid var(--warn-line); border-radius: 6px;
  padding: 10px 14px; margin: 0 0 16px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px;
  margin: 8px 0 0; padding: 0; list-style: none; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fafbfd; }
.kpi .label { display: block; color: var(--muted); font-size: 13px; text-transform: uppercase;
  letter-spacing: .04em; }
.kpi .value { display: block; font-size: 30px; font-weight: 700; color: var(--accent);
  font-variant-numeric: tabular-nums; }
.kpi .detail { display: block; color: var(--muted); font-size: 14px;
  font-variant-numeric: tabular-nums; }
.pair { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 20px;
  align-items: start; }
.chart { width: 100%; height: auto; display: block; }
.chart text { font-size: 12px; fill: var(--ink); }
.chart .bar-label { font-weight: 600; }
.chart .tick { fill: var(--muted); font-size: 11px; }
.chart .grid { stroke: var(--line); }
.chart .axis { stroke: #8a93a3; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px;
  font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; color: var(--muted); }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left;
  white-space: nowrap; }
thead th { border-bottom: 2px solid var(--line); }
tbody th { font-weight: 600; }
.num { text-align: right; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 8px 0 0; padding: 0;
  list-style: none; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
  margin-right: 5px; vertical-align: -1px; }
details { margin-top: 10px; }
summary { cursor: pointer; color: var(--accent); }
.overdue { color: #b3261e; font-weight: 600; }
footer { color: var(--muted); font-size: 13px; text-align: center; padding: 0 24px 32px; }
@media (max-width: 820px) {
  header.page { padding: 16px; }
  main { padding: 12px; }
  section { padding: 12px; }
  .pair { grid-template-columns: 1fr; }
  .kpi .value { font-size: 26px; }
}
`;
