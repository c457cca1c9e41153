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

const WIDTH = 720;
const HEIGHT = 320;
const LEFT = 64;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 28;

/**
 * A stacked area chart over a time axis as inline SVG, with year ticks and y gridlines. Points
 * are placed by date, so gaps in the history show as straight stretches, not as squeezed time.
 */
export function areaChartSvg(options: AreaChartOptions): string {
  const times = options.x.map((d) => Date.parse(d));
  const t0 = times[0] ?? 0;
  const t1 = times.at(-1) ?? t0;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const xAt = (t: number) => LEFT + (t1 > t0 ? ((t - t0) / (t1 - t0)) * plotW : plotW / 2);

  const totals = times.map((_, i) => options.series.reduce((s, se) => s + (se.values[i] ?? 0), 0));
  const yMax = niceCeiling(Math.max(0, ...totals));
  const yAt = (v: number) => TOP + plotH - (yMax > 0 ? (v / yMax) * plotH : 0);

  const below = times.map(() => 0);
  const areas = options.series.map((se) => {
    const lower = [...below];
    const upper = lower.map((b, i) => b + (se.values[i] ?? 0));
    upper.forEach((v, i) => (below[i] = v));
    const top = times.map((t, i) => `${round(xAt(t))},${round(yAt(upper[i] ?? 0))}`);
    const bottom = times.map((t, i) => `${round(xAt(t))},${round(yAt(lower[i] ?? 0))}`).reverse();
    return (
      `<g class="area" data-key="${escapeHtml(se.key)}"><title>${escapeHtml(se.label)}</title>` +
      `<polygon points="${[...top, ...bottom].join(' ')}" fill="${escapeHtml(se.colour)}" fill-opacity="0.85"/></g>`
    );
  });

  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  const grid = yTicks.map(
    (v) =>
      `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${round(yAt(v))}" y2="${round(yAt(v))}"/>` +
      `<text class="tick" x="${LEFT - 6}" y="${round(yAt(v))}" text-anchor="end" dominant-baseline="middle">${escapeHtml(options.formatY(v))}</text>`,
  );
  const xTicks = yearTicks(t0, t1).map(
    (t) =>
      `<line class="axis" x1="${round(xAt(t))}" x2="${round(xAt(t))}" y1="${TOP + plotH}" y2="${TOP + plotH + 4}"/>` +
      `<text class="tick" x="${round(xAt(t))}" y="${HEIGHT - 8}" text-anchor="middle">${new Date(t).getUTCFullYear()}</text>`,
  );
  return [
    `<svg class="chart area-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img">`,
    `<title>${escapeHtml(options.title)}</title>`,
    ...grid,
    ...areas,
    `<line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + plotH}" y2="${TOP + plotH}"/>`,
    ...xTicks,
    '</svg>',
  ].join('\n');
}

/** 1, 2 or 5 times a power of ten, at or above the value, so ticks fall on round numbers. */
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
