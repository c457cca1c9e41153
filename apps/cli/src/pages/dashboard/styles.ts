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
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 24px;
  align-items: start; }
figure { margin: 0; }
.bar-chart { display: grid; grid-template-columns: fit-content(45%) minmax(40px, 1fr) max-content;
  column-gap: 8px; align-items: start; }
.bar-chart ul { list-style: none; margin: 0; padding: 0; }
.bar-chart li { height: 24px; line-height: 24px; font-size: 13px; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }
.bar-labels { min-width: 0; max-width: min(40vw, 260px); }
.bar-labels li { text-align: right; font-weight: 600; }
.bar-values li { color: var(--muted); font-variant-numeric: tabular-nums; }
.bar-track { display: block; width: 100%; }
.area-chart { padding: 6px 8px 30px 64px; }
.area-chart .plot { position: relative; height: 340px; border-bottom: 1px solid #8a93a3; }
.area-chart svg { position: absolute; inset: 0; width: 100%; height: 100%; }
.area-chart .grid { stroke: var(--line); }
.y-tick, .x-tick { position: absolute; font-size: 12px; color: var(--muted); white-space: nowrap;
  font-variant-numeric: tabular-nums; }
.y-tick { right: 100%; transform: translateY(-50%); padding-right: 8px; }
.x-tick { top: 100%; transform: translateX(-50%); padding-top: 4px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px;
  font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; color: var(--muted); }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left;
  white-space: nowrap; }
thead th { border-bottom: 2px solid var(--line); }
tbody th { font-weight: 600; white-space: normal; min-width: 4em; }
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
  .area-chart { padding-left: 62px; }
  .area-chart .plot { height: 240px; }
  .x-tick.odd { display: none; }
}
`;
