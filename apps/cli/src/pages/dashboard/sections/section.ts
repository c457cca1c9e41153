import { escapeHtml } from '../format.ts';

/** A titled panel; `id` anchors it, `body` is already-rendered HTML. */
export function section(id: string, title: string, body: string): string {
  return [
    `<section id="${escapeHtml(id)}" aria-labelledby="${escapeHtml(id)}-title">`,
    `<h2 id="${escapeHtml(id)}-title">${escapeHtml(title)}</h2>`,
    body,
    '</section>',
  ].join('\n');
}

/** A chart and its data table side by side (stacked on narrow screens). */
export function chartWithTable(chart: string, table: string): string {
  return `<div class="pair"><div>${chart}</div><div class="table-wrap">${table}</div></div>`;
}

/** A muted explanatory paragraph; `text` is escaped. */
export function note(text: string): string {
  return `<p class="note">${escapeHtml(text)}</p>`;
}

/** A legend of coloured swatches. */
export function legend(items: readonly { label: string; colour: string }[]): string {
  const li = items.map(
    (i) =>
      `<li><span class="swatch" style="background:${escapeHtml(i.colour)}"></span>${escapeHtml(i.label)}</li>`,
  );
  return `<ul class="legend">${li.join('')}</ul>`;
}

export const DAY_MS = 86_400_000;

/** Whole days between a `yyyy-mm-dd` date and an ISO timestamp. */
export function daysBetween(isoDate: string, isoNow: string): number {
  return Math.floor((Date.parse(isoNow) - Date.parse(isoDate)) / DAY_MS);
}
