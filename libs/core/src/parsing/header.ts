import type { ColumnSpec, DatasetDefinition } from '../registry/types.ts';
import { stripBomText } from './encoding.ts';
import { SchemaDriftError } from './errors.ts';

/** One registry column found in a file's header. */
export interface MatchedColumn {
  readonly column: ColumnSpec;
  /** The header as written in the file. */
  readonly header: string;
  /** 0-based position of the header in the file. */
  readonly index: number;
  /** True when the header matched one of the column's aliases, not its current `source`. */
  readonly viaAlias: boolean;
}

export interface HeaderMatch {
  readonly dataset: string;
  readonly file: string;
  /** Matched columns in registry order. */
  readonly columns: readonly MatchedColumn[];
  /** Headers of the file that map to no registry column (schema drift: added), sorted. */
  readonly added: readonly string[];
  /** Registry source headers absent from the file, required or not (drift: removed), sorted. */
  readonly removed: readonly string[];
  /** Columns matched through an alias: `{ from: header in file, to: current source }`. */
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
  /**
   * Headers that name a column already matched by a preferred header (e.g. the old GD
   * `SigModalidadeEmpreendimento` next to the new `DscModalidadeHabilitado`): not read, sorted.
   */
  readonly shadowed: readonly string[];
}

export interface MatchHeaderOptions {
  /** File name for messages (`siga-empreendimentos-geracao.csv`). */
  readonly file: string;
  /** Also throw on unexpected headers (default false: they are only reported in `added`). */
  readonly strict?: boolean;
}

function normaliseHeader(header: string): string {
  return stripBomText(header)
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
}

const sorted = (values: Iterable<string>) => [...values].sort((a, b) => a.localeCompare(b, 'en'));

/**
 * Maps a file's header to the dataset's registry columns, ignoring case, surrounding quotes,
 * spaces and a BOM. For each column the current `source` is preferred, then its `aliases` in
 * order; other headers naming the same column are `shadowed`.
 *
 * @throws SchemaDriftError (code `schema_drift`) naming the dataset, file, the sorted missing
 *   required headers and unexpected headers, and the expected ones, when a required column is
 *   missing (or, with `strict`, when any header is unexpected). Unexpected headers alone do not
 *   throw by default: they are reported in `added` for the quality step.
 */
export function matchHeader(
  def: DatasetDefinition,
  headers: readonly string[],
  options: MatchHeaderOptions,
): HeaderMatch {
  const positions = new Map<string, number>();
  headers.forEach((h, index) => {
    const key = normaliseHeader(h).toLowerCase();
    if (!positions.has(key)) positions.set(key, index);
  });

  const used = new Set<number>();
  const shadowed = new Set<number>();
  const columns: MatchedColumn[] = [];
  const renamed: { from: string; to: string }[] = [];
  const missingRequired: string[] = [];
  const removed: string[] = [];

  for (const column of def.columns) {
    const candidates = [column.source, ...(column.aliases ?? [])];
    const hits = [
      ...new Set(
        candidates
          .map((name) => positions.get(name.toLowerCase()))
          .filter((index): index is number => index !== undefined),
      ),
    ];
    const index = hits[0];
    if (index === undefined) {
      removed.push(column.source);
      if (column.required !== false) missingRequired.push(column.source);
      continue;
    }
    const header = normaliseHeader(headers[index]!);
    const viaAlias = header.toLowerCase() !== column.source.toLowerCase();
    used.add(index);
    for (const other of hits.slice(1)) shadowed.add(other);
    columns.push({ column, header, index, viaAlias });
    if (viaAlias) renamed.push({ from: header, to: column.source });
  }

  const added = sorted(
    headers
      .map((h, index) => ({ h: normaliseHeader(h), index }))
      .filter(({ h, index }) => h !== '' && !used.has(index) && !shadowed.has(index))
      .map(({ h }) => h),
  );

  if (missingRequired.length > 0 || (options.strict === true && added.length > 0)) {
    throw new SchemaDriftError({
      dataset: def.id,
      file: options.file,
      missing: sorted(missingRequired),
      unexpected: added,
      expected: sorted(def.columns.map((c) => c.source)),
    });
  }

  return {
    dataset: def.id,
    file: options.file,
    columns,
    added,
    removed: sorted(removed),
    renamed,
    shadowed: sorted([...shadowed].map((i) => normaliseHeader(headers[i]!))),
  };
}

/**
 * One raw row keyed by canonical source header (the shape `sourceRowSchema` validates), from the
 * split fields of a line and a header match. Optional columns absent from the file are left out.
 */
export function toSourceRow(match: HeaderMatch, fields: readonly string[]): Record<string, string> {
  const row: Record<string, string> = {};
  for (const { column, index } of match.columns) row[column.source] = fields[index] ?? '';
  return row;
}
