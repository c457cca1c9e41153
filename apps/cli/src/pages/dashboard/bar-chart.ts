import { escapeHtml } from './format.ts';
import { NEUTRAL_COLOUR } from './palette.ts';

export interface Bar {
  /** Stable key, written as `data-key` (tests and links find a bar by it). */
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** Text drawn after the bar, with its unit. */
  readonly valueLabel: string;
  readonly colour?: string;
}

export interface BarChartOptions {
  /** Accessible name of the chart (SVG `<title>`). */
  readonly title: string;
  /** Width of the label column, in SVG units. */
  readonly labelWidth?: number;
}

const WIDTH = 640;
const ROW = 24;
const BAR = 16;
const VALUE_WIDTH = 110;
const PAD = 6;

/**
 * A horizontal bar chart as inline SVG: one row per bar, label on the left, value after the
 * bar. Scales to its container through `viewBox`; every text is escaped.
 */
export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  const labelWidth = options.labelWidth ?? 150;
  const track = WIDTH - labelWidth - VALUE_WIDTH - PAD * 2;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = bars.length * ROW + PAD * 2;
  const rows = bars.map((bar, i) => {
    const y = PAD + i * ROW;
    const width = max > 0 ? Math.max(bar.value > 0 ? 1 : 0, (bar.value / max) * track) : 0;
    const x = labelWidth + PAD;
    const mid = y + ROW / 2;
    return [
      `<g class="bar" data-key="${escapeHtml(bar.key)}">`,
      `<title>${escapeHtml(`${bar.label}: ${bar.valueLabel}`)}</title>`,
      `<text class="bar-label" x="${labelWidth}" y="${mid}" text-anchor="end" dominant-baseline="middle">${escapeHtml(bar.label)}</text>`,
      `<rect x="${x}" y="${y + (ROW - BAR) / 2}" width="${round(width)}" height="${BAR}" rx="2" fill="${escapeHtml(bar.colour ?? NEUTRAL_COLOUR)}"/>`,
      `<text class="bar-value" x="${round(x + width + PAD)}" y="${mid}" dominant-baseline="middle">${escapeHtml(bar.valueLabel)}</text>`,
      '</g>',
    ].join('');
  });
  return [
    `<svg class="chart bar-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" preserveAspectRatio="xMinYMin meet">`,
    `<title>${escapeHtml(options.title)}</title>`,
    ...rows,
    '</svg>',
  ].join('\n');
}

export function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
