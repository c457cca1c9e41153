import { escapeHtml } from './format.ts';
import { NEUTRAL_COLOUR } from './palette.ts';

export interface Bar {
  /** Stable key, written as `data-key` (tests and links find a bar by it). */
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** Text shown after the bar, with its unit. */
  readonly valueLabel: string;
  readonly colour?: string;
}

/** Height of one bar row, in CSS pixels (the labels beside the SVG use the same). */
export const BAR_ROW_PX = 24;
const BAR_PX = 16;

/**
 * A horizontal bar chart: the bars are one inline SVG that stretches to the width left between
 * the labels and the values, which are HTML so they keep their size on any screen. Rows are a
 * fixed height, so labels and bars stay aligned. Every text is escaped.
 */
export function barChartSvg(bars: readonly Bar[], options: { readonly title: string }): string {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = bars.length * BAR_ROW_PX;
  const rects = bars.map((bar, i) => {
    const share = max > 0 ? (bar.value / max) * 100 : 0;
    const width = bar.value > 0 ? Math.max(0.3, share) : 0;
    const y = i * BAR_ROW_PX + (BAR_ROW_PX - BAR_PX) / 2;
    return (
      `<g class="bar" data-key="${escapeHtml(bar.key)}">` +
      `<title>${escapeHtml(`${bar.label}: ${bar.valueLabel}`)}</title>` +
      `<rect x="0" y="${y}" width="${round(width)}" height="${BAR_PX}" ` +
      `fill="${escapeHtml(bar.colour ?? NEUTRAL_COLOUR)}"/></g>`
    );
  });
  const list = (cls: string, text: (b: Bar) => string) =>
    `<ul class="${cls}" aria-hidden="true">` +
    bars.map((b) => `<li title="${escapeHtml(b.label)}">${escapeHtml(text(b))}</li>`).join('') +
    '</ul>';
  return [
    `<figure class="bar-chart" aria-label="${escapeHtml(options.title)}">`,
    list('bar-labels', (b) => b.label),
    `<svg class="bar-track" viewBox="0 0 100 ${height}" height="${height}" ` +
      `preserveAspectRatio="none" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
    ...rects,
    '</svg>',
    list('bar-values', (b) => b.valueLabel),
    '</figure>',
  ].join('\n');
}

/** One decimal, no trailing zeros: SVG coordinates stay short. */
export function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
