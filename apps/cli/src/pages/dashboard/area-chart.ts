import { round } from './bar-chart.ts';
import { escapeHtml } from './format.ts';

export interface AreaSeries {
  readonly key: string;
  readonly label: string;
  readonly colour: string;
  /** One value per point of `x`. */
  readonly values: readonly number[];
}

export interface AreaChartOptions {
  readonly title: string;
  /** Dates of the points (`yyyy-mm-dd`), ascending; spaced by real time, not evenly. */
  readonly x: readonly string[];
  /** Series stacked bottom-up in the given order. */
  readonly series: readonly AreaSeries[];
  /** Tick label on the y axis, with its unit (`50 GW`). */
  readonly formatY: (value: number) => string;
}

/** The plot's own coordinate space; the SVG stretches it to its box. */
const SIZE = 1000;

/**
 * A stacked area chart over a time axis. The areas are an inline SVG stretched to the plot box;
 * the axis labels are HTML placed by percentage, so they keep their size on any screen. Points
 * sit at their dates, so uneven gaps in the history show as such.
 */
export function areaChartSvg(options: AreaChartOptions): string {
  const times = options.x.map((d) => Date.parse(d));
  const t0 = times[0] ?? 0;
  const t1 = times.at(-1) ?? t0;
  const xShare = (t: number) => (t1 > t0 ? (t - t0) / (t1 - t0) : 0.5);

  const totals = times.map((_, i) => options.series.reduce((s, se) => s + (se.values[i] ?? 0), 0));
  const yMax = niceCeiling(Math.max(0, ...totals));
  const yShare = (v: number) => (yMax > 0 ? v / yMax : 0);
  const point = (t: number, v: number) =>
    `${round(xShare(t) * SIZE)},${round((1 - yShare(v)) * SIZE)}`;

  const below = times.map(() => 0);
  const areas = options.series.map((se) => {
    const lower = [...below];
    const upper = lower.map((b, i) => b + (se.values[i] ?? 0));
    upper.forEach((v, i) => (below[i] = v));
    const top = times.map((t, i) => point(t, upper[i] ?? 0));
    const bottom = times.map((t, i) => point(t, lower[i] ?? 0)).reverse();
    return (
      `<g class="area" data-key="${escapeHtml(se.key)}"><title>${escapeHtml(se.label)}</title>` +
      `<polygon points="${[...top, ...bottom].join(' ')}" fill="${escapeHtml(se.colour)}"/></g>`
    );
  });

  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  const grid = yTicks.map((v) => {
    const y = round((1 - yShare(v)) * SIZE);
    return `<line class="grid" x1="0" x2="${SIZE}" y1="${y}" y2="${y}" vector-effect="non-scaling-stroke"/>`;
  });
  const yLabels = yTicks.map(
    (v) =>
      `<span class="y-tick" style="top:${round((1 - yShare(v)) * 100)}%">${escapeHtml(options.formatY(v))}</span>`,
  );
  const xLabels = yearTicks(t0, t1).map(
    (t, i) =>
      `<span class="x-tick${i % 2 ? ' odd' : ''}" style="left:${round(xShare(t) * 100)}%">` +
      `${new Date(t).getUTCFullYear()}</span>`,
  );
  return [
    `<figure class="area-chart" aria-label="${escapeHtml(options.title)}">`,
    '<div class="plot">',
    `<svg viewBox="0 0 ${SIZE} ${SIZE}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
    ...grid,
    ...areas,
    '</svg>',
    ...yLabels,
    ...xLabels,
    '</div>',
    '</figure>',
  ].join('\n');
}

/** 1, 2, 2.5 or 5 times a power of ten, at or above the value, so ticks are round numbers. */
function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

/** January 1st of every year (or every few years) inside the range, at most 12 ticks. */
function yearTicks(t0: number, t1: number): number[] {
  const first = new Date(t0).getUTCFullYear() + 1;
  const last = new Date(t1).getUTCFullYear();
  const every = Math.max(1, Math.ceil((last - first + 1) / 12));
  const ticks: number[] = [];
  for (let y = first; y <= last; y += every) ticks.push(Date.UTC(y, 0, 1));
  return ticks;
}
