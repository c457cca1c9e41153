import type { DatastorePage } from './ckan-client.ts';

/** Datastore columns that are CKAN's own, not the source file's. */
const CKAN_COLUMNS = new Set(['_id', '_full_text']);

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Turns datastore pages into the bytes of a `;`-separated UTF-8 CSV with the source's field names
 * (CKAN's `_id` dropped), CRLF line ends as ANEEL serves, quoting only cells that need it. Used
 * when the file download is unavailable. The header comes from the first page's `fields`.
 */
export async function* datastoreToCsv(
  pages: AsyncIterable<DatastorePage>,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let columns: string[] | undefined;
  for await (const page of pages) {
    const lines: string[] = [];
    if (!columns) {
      columns = page.fields.map((f) => f.id).filter((id) => !CKAN_COLUMNS.has(id));
      lines.push(columns.map(csvCell).join(';'));
    }
    for (const record of page.records) {
      lines.push(columns.map((c) => csvCell(record[c])).join(';'));
    }
    if (lines.length > 0) yield encoder.encode(`${lines.join('\r\n')}\r\n`);
  }
}
