import { readFile } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import { decodeCsvBytes, parseCsv, type CsvTable } from './parse-csv.ts';

/** ANEEL's CKAN caps `datastore_search` pages at this many records (field case C6). */
export const DATASTORE_ROWS_MAX = 32_000;

/** CKAN's default `limit` when none is given. */
export const DATASTORE_DEFAULT_LIMIT = 100;

const tables = new Map<string, Promise<CsvTable>>();

/** The parsed CSV of a file, memoised per path, size and modification time. */
export async function loadTable(path: string): Promise<CsvTable> {
  const info = await stat(path);
  const key = `${path}\0${info.size}\0${info.mtimeMs}`;
  let table = tables.get(key);
  if (!table) {
    table = readFile(path).then((bytes) => parseCsv(decodeCsvBytes(bytes)));
    tables.set(key, table);
    table.catch(() => tables.delete(key));
  }
  return table;
}

/** A `datastore_search` request after validation. */
export interface DatastoreQuery {
  readonly limit: number;
  readonly offset: number;
  readonly sort: readonly { readonly field: string; readonly desc: boolean }[];
}

/** A CKAN validation failure (answered as HTTP 409 with `Validation Error`). */
export class DatastoreValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads `limit`, `offset` and `sort` as CKAN does: `limit` defaults to 100 and is capped at
 * {@link DATASTORE_ROWS_MAX}; `sort` is `field [asc|desc], ...`.
 */
export function parseDatastoreQuery(
  params: URLSearchParams,
  fields: readonly string[],
): DatastoreQuery {
  const int = (name: string, fallback: number): number => {
    const raw = params.get(name);
    if (raw === null || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) throw new DatastoreValidationError(name, 'Invalid integer');
    return Number(raw);
  };
  const limit = Math.min(int('limit', DATASTORE_DEFAULT_LIMIT), DATASTORE_ROWS_MAX);
  const offset = int('offset', 0);
  const sort = (params.get('sort') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^"?([^"]+?)"?(?:\s+(asc|desc))?$/i.exec(s);
      const field = m?.[1];
      if (!m || field === undefined || (field !== '_id' && !fields.includes(field))) {
        throw new DatastoreValidationError('sort', `field "${s}" not in table`);
      }
      return { field, desc: m[2]?.toLowerCase() === 'desc' };
    });
  return { limit, offset, sort };
}

/** Row indexes (0-based) of a table in the requested order. */
export function sortedRowIndexes(table: CsvTable, query: DatastoreQuery): number[] {
  const indexes = table.rows.map((_, i) => i);
  if (query.sort.length === 0) return indexes;
  const columns = query.sort.map((s) => ({ col: table.fields.indexOf(s.field), desc: s.desc }));
  return indexes.sort((a, b) => {
    for (const { col, desc } of columns) {
      const va = col < 0 ? a : (table.rows[a]?.[col] ?? '');
      const vb = col < 0 ? b : (table.rows[b]?.[col] ?? '');
      const cmp = va < vb ? -1 : va > vb ? 1 : 0;
      if (cmp !== 0) return desc ? -cmp : cmp;
    }
    return a - b;
  });
}

/**
 * CKAN's `_links` for a page: `start` is the request without `offset`, `next` the request with
 * `offset + limit` (limit after the cap), both relative paths. `next` is present even when the
 * page is the last one or empty, as on ANEEL's portal.
 */
export function datastoreLinks(
  pathname: string,
  params: URLSearchParams,
  offset: number,
  limit: number,
): { start: string; next: string; prev?: string } {
  const start = new URLSearchParams(params);
  start.delete('offset');
  const next = new URLSearchParams(params);
  next.set('offset', String(offset + limit));
  const links: { start: string; next: string; prev?: string } = {
    start: `${pathname}?${start}`,
    next: `${pathname}?${next}`,
  };
  if (offset - limit > 0) {
    const prev = new URLSearchParams(params);
    prev.set('offset', String(offset - limit));
    links.prev = `${pathname}?${prev}`;
  }
  return links;
}
