import { escapeHtml } from './format.ts';

export interface Column {
  readonly label: string;
  /** Numbers are right-aligned. */
  readonly numeric?: boolean;
}

/** An HTML table with a caption; every cell is plain text and is escaped here. */
export function dataTable(
  caption: string,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const cls = (c: Column | undefined) => (c?.numeric ? ' class="num"' : '');
  const head = columns.map((c) => `<th scope="col"${cls(c)}>${escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        '<tr>' +
        row
          .map((cell, i) =>
            i === 0
              ? `<th scope="row"${cls(columns[i])}>${escapeHtml(cell)}</th>`
              : `<td${cls(columns[i])}>${escapeHtml(cell)}</td>`,
          )
          .join('') +
        '</tr>',
    )
    .join('\n');
  return [
    '<table>',
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    '</table>',
  ].join('\n');
}
