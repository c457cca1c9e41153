import {
  DATA_DATE_COLUMN,
  PRIMARY_ROW_COLUMN,
  SOURCE_ROW_COLUMN,
  type ColumnSpec,
  type DatasetDefinition,
} from '../registry/types.ts';
import { silverColumns } from '../registry/index.ts';
import type { HeaderMatch } from '../parsing/header.ts';
import type { SqlDialect } from './dialects/types.ts';
import { SqlGenerationError } from './errors.ts';
import { maskedOrEmptyDocumentSql, valueSql, type ValueContext } from './values.ts';

/** Which source header carries each silver column (`capacity_granted_kw` to `MdaPotenciaOutorgadaKw`). */
export type HeaderMapping = Readonly<Record<string, string | undefined>>;

/** The {@link HeaderMapping} of a `matchHeader(def, headers, { file })` result. */
export function headerMappingFrom(match: HeaderMatch): HeaderMapping {
  return Object.fromEntries(match.columns.map((m) => [m.column.name, m.header]));
}

/** Options of {@link stagedSelectSql}. */
export interface StagedOptions {
  /**
   * A relation whose columns are all text, named by the source headers, in file order
   * (DuckDB: `duckdbCsvRelation(path)`). Table name, function call or `(subquery)`.
   */
  readonly source: string;
  /** Source header per silver column; columns without one are NULL (optional columns absent). */
  readonly header: HeaderMapping;
  /** Snapshot date `yyyy-mm-dd` (the bronze partition); becomes `data_date` on every row. */
  readonly dataDate: string;
  /** Salt for pseudonymised natural-person values (default empty). */
  readonly salt?: string;
  /**
   * A column of `source` that already holds each row's 1-based record number (DuckDB: the
   * pipeline numbers records while decoding). Without it `source_row` is `row_number() OVER ()`,
   * which keeps DuckDB's whole scan on one core.
   */
  readonly sourceRowColumn?: string;
  /**
   * A column of `source` that holds `0` on a row none of whose cells starts or ends with a space
   * separator (DuckDB: the pipeline's recoder writes it). Those rows skip `trim`; any other value,
   * or no such column, trims every cell.
   */
  readonly paddedColumn?: string;
}

/** Boolean column of the staged relation's inner layers, from {@link StagedOptions.paddedColumn}. */
const PADDED_ROW = 'row_is_padded';

/** Columns of the staged relation besides the silver ones. */
export const REJECT_REASON_COLUMN = 'reject_reason';

/**
 * Boolean column of the staged relation: the row goes to quarantine. Silver filters on it, so the
 * engine never builds the reason text for the rows it keeps.
 */
export const REJECTED_COLUMN = 'is_rejected';

/** Prefix of the per-column raw text columns in the staged and quarantine relations. */
export const RAW_PREFIX = 'raw_';

/** Prefix of the per-column placeholder reason columns in the staged relation. */
export const PLACEHOLDER_PREFIX = 'placeholder_';

/** Columns the definition writes to silver (all but `pii: 'drop'`), in definition order. */
function keptColumns(def: DatasetDefinition): readonly ColumnSpec[] {
  return def.columns.filter((c) => c.pii !== 'drop');
}

/** Columns whose placeholders are counted: declared placeholders, and every coordinate. */
export function placeholderColumns(def: DatasetDefinition): readonly ColumnSpec[] {
  return keptColumns(def).filter(
    (c) => (c.placeholders?.length ?? 0) > 0 || c.kind === 'coordinate',
  );
}

function asRelation(source: string): string {
  return /^\s*(select|with)\b/i.test(source) ? `(${source}) AS staged` : source;
}

/** Boolean SQL for the natural-person rule of the definition, over the `raw_` columns. */
function naturalPersonSql(d: SqlDialect, def: DatasetDefinition): string | undefined {
  const rule = def.naturalPerson;
  if (!rule) return undefined;
  if (!def.columns.some((c) => c.name === rule.documentColumn)) {
    throw new SqlGenerationError(
      'unknown_column',
      `Dataset \`${def.id}\` names \`${rule.documentColumn}\` as its natural-person document ` +
        'column but has no such column; fix `naturalPerson.documentColumn` in the registry.',
    );
  }
  return maskedOrEmptyDocumentSql(d.quoteIdent(RAW_PREFIX + rule.documentColumn));
}

/**
 * A SELECT over `options.source` (all text) with, per row: `data_date`, `source_row` (1-based
 * file order), every silver column typed (NULL when invalid), `reject_reason` (NULL for a good
 * row, else `column: reason (`raw`)` joined with `; `), `is_rejected` (the same test as a boolean,
 * cheaper to filter on), one `placeholder_<column>` (NULL or the
 * placeholder reason) per column that can hold placeholders, and one `raw_<column>` with the
 * trimmed-free original text per column. Feed it to {@link silverProjectionSql},
 * {@link quarantineProjectionSql} and {@link placeholderCombinationsSql}.
 */
export function stagedSelectSql(
  def: DatasetDefinition,
  d: SqlDialect,
  options: StagedOptions,
): string {
  const q = d.quoteIdent;
  const text = d.typeName('string');
  const columns = keptColumns(def);
  const person = naturalPersonSql(d, def);
  const context: ValueContext = {
    ...(person !== undefined ? { naturalPerson: person } : {}),
    ...(options.salt !== undefined ? { salt: options.salt } : {}),
    ...(options.paddedColumn !== undefined ? { padded: q(PADDED_ROW) } : {}),
  };
  const paddedSelect =
    options.paddedColumn === undefined
      ? []
      : [`${q(options.paddedColumn)} IS DISTINCT FROM '0' AS ${q(PADDED_ROW)}`];

  const rawSelect = columns.map((c) => {
    const header = options.header[c.name];
    const expr = header === undefined ? `CAST(NULL AS ${text})` : `CAST(${q(header)} AS ${text})`;
    return `${expr} AS ${q(RAW_PREFIX + c.name)}`;
  });

  // DuckDB: each column's cleaned text and parsed value are computed once per row, in two
  // stacked projections, and the value, reason and placeholder read them by name (the other
  // engines get every intermediate written out where it is used).
  const layers: [string[], string[]] = [[], []];
  const parts = columns.map((c) => {
    let n = 0;
    const bind = (level: 1 | 2, expr: string): string => {
      const name = q(`l${level}__${c.name}__${n++}`);
      (level === 1 ? layers[0] : layers[1]).push(`${expr} AS ${name}`);
      return name;
    };
    const ctx = d.name === 'duckdb' ? { ...context, bind } : context;
    return { column: c, sql: valueSql(d, q(RAW_PREFIX + c.name), c, ctx) };
  });
  const typedSelect = parts.flatMap(({ column, sql }) => [
    `${sql.value} AS ${q(column.name)}`,
    `${sql.reason} AS ${q(`reason__${column.name}`)}`,
    `${sql.placeholder} AS ${q(PLACEHOLDER_PREFIX + column.name)}`,
  ]);

  // A column that never rejects (its reason is the NULL literal) adds nothing to the reasons;
  // DuckDB leaves it out (the other engines' SQL is kept as it was).
  const neverRejects = new Set(
    d.name === 'duckdb'
      ? parts.filter((p) => p.sql.reason === `CAST(NULL AS ${text})`).map((p) => p.column.name)
      : [],
  );
  const reasons = columns
    .filter((c) => !neverRejects.has(c.name))
    .map(
      (c) =>
        `CASE WHEN ${q(`reason__${c.name}`)} IS NOT NULL THEN ${d.quoteString(`${c.name}: `)} || ` +
        `${q(`reason__${c.name}`)} || ' (\`' || COALESCE(${q(RAW_PREFIX + c.name)}, '') || '\`)' END`,
    );
  const rejecting = columns.filter((c) => !neverRejects.has(c.name));
  const rejected =
    rejecting.length > 0
      ? rejecting.map((c) => `${q(`reason__${c.name}`)} IS NOT NULL`).join(' OR ')
      : 'FALSE';
  const placeholders = new Set(placeholderColumns(def).map((c) => c.name));

  const sourceRow =
    options.sourceRowColumn === undefined
      ? 'row_number() OVER ()'
      : d.tryCast(q(options.sourceRowColumn), 'int64');

  const finalSelect = [
    `${d.dateLiteral(options.dataDate)} AS ${q(DATA_DATE_COLUMN)}`,
    q(SOURCE_ROW_COLUMN),
    ...columns.map((c) => q(c.name)),
    `${reasons.length > 0 ? `NULLIF(${d.concatNonNull('; ', reasons)}, '')` : `CAST(NULL AS ${text})`} AS ${q(REJECT_REASON_COLUMN)}`,
    `${rejected} AS ${q(REJECTED_COLUMN)}`,
    ...columns.filter((c) => placeholders.has(c.name)).map((c) => q(PLACEHOLDER_PREFIX + c.name)),
    ...columns.map((c) => q(RAW_PREFIX + c.name)),
  ];

  return [
    'WITH numbered AS (',
    `  SELECT ${sourceRow} AS ${q(SOURCE_ROW_COLUMN)}, * FROM ${options.source}`,
    '), raw AS (',
    `  SELECT ${q(SOURCE_ROW_COLUMN)},\n    ${[...paddedSelect, ...rawSelect].join(',\n    ')}\n  FROM numbered`,
    ...layers.flatMap((exprs, i) =>
      exprs.length > 0
        ? [
            `), bound${i + 1} AS (`,
            `  SELECT *,\n    ${exprs.join(',\n    ')}\n  FROM ${i === 0 || layers[0].length === 0 ? 'raw' : 'bound1'}`,
          ]
        : [],
    ),
    '), typed AS (',
    `  SELECT *,\n    ${typedSelect.join(',\n    ')}\n  FROM ${layers[1].length > 0 ? 'bound2' : layers[0].length > 0 ? 'bound1' : 'raw'}`,
    ')',
    `SELECT\n  ${finalSelect.join(',\n  ')}\nFROM typed`,
  ].join('\n');
}

/** `name` or `name DESC`: a dedupe order item as SQL, NULLs last. */
function orderItem(d: SqlDialect, item: string): string {
  const match = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(item);
  if (!match?.[1]) {
    throw new SqlGenerationError(
      'bad_option',
      `Dedupe order item \`${item}\` is not \`column\` or \`column ASC|DESC\`; fix the registry.`,
    );
  }
  return `${d.quoteIdent(match[1])} ${(match[2] ?? 'ASC').toUpperCase()} NULLS LAST`;
}

/** Options of {@link silverProjectionSql}. */
export interface SilverProjectionOptions {
  /**
   * The staged relation already yields rows in file order and the engine keeps that order
   * through a filter and a projection (DuckDB with `preserve_insertion_order`): silver is then
   * written as read, without a sort. A dataset with `dedupe` is still sorted (its window
   * reorders rows).
   */
  readonly inFileOrder?: boolean;
}

/**
 * Silver rows from the staged relation (a table name or the SQL of {@link stagedSelectSql}):
 * good rows only, silver columns only, in the registry's `silverColumns(def)` order, in file
 * order. With `dedupe`, every row is kept and `is_primary_row` marks the first row per key and
 * data date in `dedupe.orderBy` order (then `source_row`).
 */
export function silverProjectionSql(
  def: DatasetDefinition,
  d: SqlDialect,
  staged: string,
  options: SilverProjectionOptions = {},
): string {
  const q = d.quoteIdent;
  const columns = silverColumns(def)
    .filter((c) => c.name !== PRIMARY_ROW_COLUMN)
    .map((c) => q(c.name));
  if (def.dedupe) {
    const order = [...def.dedupe.orderBy, SOURCE_ROW_COLUMN].map((item) => orderItem(d, item));
    const partition = [DATA_DATE_COLUMN, ...def.key].map(q).join(', ');
    columns.push(
      `row_number() OVER (PARTITION BY ${partition} ORDER BY ${order.join(', ')}) = 1 AS ${q(PRIMARY_ROW_COLUMN)}`,
    );
  }
  const sorted = !options.inFileOrder || def.dedupe !== undefined;
  return [
    `SELECT\n  ${columns.join(',\n  ')}`,
    `FROM ${asRelation(staged)}`,
    `WHERE NOT ${q(REJECTED_COLUMN)}`,
    ...(sorted ? [`ORDER BY ${q(SOURCE_ROW_COLUMN)}`] : []),
  ].join('\n');
}

/**
 * Quarantined rows from the staged relation: `data_date`, `source_row`, `reject_reason` and the
 * raw text of every column (`raw_<column>`), in file order.
 */
export function quarantineProjectionSql(
  def: DatasetDefinition,
  d: SqlDialect,
  staged: string,
): string {
  const q = d.quoteIdent;
  const columns = [
    DATA_DATE_COLUMN,
    SOURCE_ROW_COLUMN,
    REJECT_REASON_COLUMN,
    ...keptColumns(def).map((c) => RAW_PREFIX + c.name),
  ].map(q);
  return [
    `SELECT\n  ${columns.join(',\n  ')}`,
    `FROM ${asRelation(staged)}`,
    `WHERE ${q(REJECTED_COLUMN)}`,
    `ORDER BY ${q(SOURCE_ROW_COLUMN)}`,
  ].join('\n');
}

/**
 * One scan of the staged relation that counts its rows by combination of placeholder reasons:
 * one `placeholder_<column>` column per column that can hold placeholders, and `rows`. Few
 * combinations exist, so the result is small; {@link tallyPlaceholders} folds it into per-column
 * counts and the number of rows read.
 */
export function placeholderCombinationsSql(
  def: DatasetDefinition,
  d: SqlDialect,
  staged: string,
): string {
  const q = d.quoteIdent;
  const columns = placeholderColumns(def).map((c) => q(PLACEHOLDER_PREFIX + c.name));
  const count = `COUNT(*) AS ${q('rows')}`;
  return columns.length === 0
    ? `SELECT ${count} FROM ${asRelation(staged)}`
    : `SELECT ${columns.join(', ')}, ${count} FROM ${asRelation(staged)} GROUP BY ${columns.join(', ')}`;
}

/** Placeholder values of one column and reason, over good and rejected rows alike. */
export interface PlaceholderCount {
  readonly column: string;
  readonly reason: string;
  readonly rows: number;
}

/**
 * Folds the rows of {@link placeholderCombinationsSql} into the rows read and the placeholder
 * counts per (column, reason), sorted by column then reason.
 */
export function tallyPlaceholders(
  def: DatasetDefinition,
  combinations: readonly Readonly<Record<string, unknown>>[],
): { rowsRead: number; placeholders: PlaceholderCount[] } {
  let rowsRead = 0;
  const counts = new Map<string, PlaceholderCount>();
  const columns = placeholderColumns(def);
  for (const combination of combinations) {
    const rows = Number(combination['rows'] ?? 0);
    rowsRead += rows;
    for (const column of columns) {
      const reason = combination[PLACEHOLDER_PREFIX + column.name];
      if (reason === null || reason === undefined) continue;
      const key = `${column.name}\u0000${String(reason)}`;
      const before = counts.get(key)?.rows ?? 0;
      counts.set(key, { column: column.name, reason: String(reason), rows: before + rows });
    }
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const placeholders = [...counts.values()].sort(
    (a, b) => order(a.column, b.column) || order(a.reason, b.reason),
  );
  return { rowsRead, placeholders };
}

/** Relations compared by {@link reconciliationSql}. */
export interface ReconciliationRelations {
  /** The source relation (all text), as given to {@link stagedSelectSql}. */
  readonly source: string;
  /** The silver rows (a table, a Parquet read, or the projection SQL). */
  readonly silver: string;
  /** The quarantined rows. */
  readonly quarantine: string;
}

/**
 * One row `rows_in`, `rows_silver`, `rows_quarantined`, `reconciles` (true when every source row
 * landed in exactly one of silver and quarantine).
 */
export function reconciliationSql(d: SqlDialect, relations: ReconciliationRelations): string {
  const count = (relation: string) => `(SELECT COUNT(*) FROM ${asRelation(relation)})`;
  return [
    'SELECT rows_in, rows_silver, rows_quarantined,',
    '  rows_in = rows_silver + rows_quarantined AS reconciles',
    'FROM (',
    `  SELECT ${count(relations.source)} AS rows_in,`,
    `    ${count(relations.silver)} AS rows_silver,`,
    `    ${count(relations.quarantine)} AS rows_quarantined`,
    `) AS ${d.quoteIdent('counts')}`,
  ].join('\n');
}
