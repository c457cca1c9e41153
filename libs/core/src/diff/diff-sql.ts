import type { Dialect } from '../sql/dialect.ts';
import type { SilverType } from '../registry/types.ts';
import { diffPlanOf, type DiffColumn, type DiffDefinition, type DiffPlan } from './diff-plan.ts';

/** The two snapshots to compare, each as a relation in the engine's SQL. */
export interface DiffInputs {
  /** Older snapshot, e.g. `read_parquet('…/data_date=2024-04-01/part-0.parquet')`. */
  readonly previous: string;
  /** Newer snapshot. */
  readonly current: string;
  /**
   * Boolean column that marks the row to compare when a key repeats (`is_primary_row`); only
   * those rows are compared. Omit it and duplicates are resolved by the plan's dedupe order.
   */
  readonly primaryColumn?: string;
}

/** Identifier quoting per dialect. */
export function quoteIdentifier(dialect: Dialect, name: string): string {
  if (dialect === 'bigquery') return '`' + name.replaceAll('`', '\\`') + '`';
  return '"' + name.replaceAll('"', '""') + '"';
}

function textType(dialect: Dialect): string {
  return dialect === 'bigquery' ? 'STRING' : 'VARCHAR';
}

/** Casts a value for the event payload: dates as ISO text, decimals as doubles. */
function outputCast(dialect: Dialect, type: SilverType, expr: string): string {
  switch (type) {
    case 'date':
      return `CAST(${expr} AS ${textType(dialect)})`;
    case 'decimal':
      return `CAST(${expr} AS ${dialect === 'bigquery' ? 'FLOAT64' : 'DOUBLE'})`;
    default:
      return expr;
  }
}

function keyExpr(dialect: Dialect, key: readonly DiffColumn[], alias: string): string {
  const parts = key.map(
    (k) =>
      `COALESCE(CAST(${alias}.${quoteIdentifier(dialect, k.name)} AS ${textType(dialect)}), '')`,
  );
  return parts.length === 1 ? parts[0]! : `CONCAT(${parts.join(`, '|', `)})`;
}

function side(dialect: Dialect, plan: DiffPlan, relation: string, inputs: DiffInputs): string {
  const q = (n: string) => quoteIdentifier(dialect, n);
  const columns = [...plan.key, ...plan.values].map((c) => `s.${q(c.name)}`).join(', ');
  const where = inputs.primaryColumn ? ` WHERE s.${q(inputs.primaryColumn)}` : '';
  const source = `SELECT ${columns}, ${keyExpr(dialect, plan.key, 's')} AS __key FROM ${relation} AS s${where}`;
  if (inputs.primaryColumn) return source;
  // Duplicated keys: keep one row, chosen by content (never by file position, which moves).
  const order = plan.dedupeOrder.map((n) => `${q(n)} ASC NULLS LAST`).join(', ') || '__key';
  return (
    `SELECT * FROM (SELECT t.*, ROW_NUMBER() OVER (PARTITION BY __key ORDER BY ${order}) AS __rn ` +
    `FROM (${source}) AS t) AS u WHERE __rn = 1`
  );
}

/**
 * DuckDB: a narrow relation of the keys whose rows may differ between the two snapshots. Each side
 * is reduced to one row per key, its row count and the sum of its rows' 64-bit hashes (a
 * fingerprint of the key's rows whatever their order), and keys whose fingerprints differ or that
 * one side lacks are kept. Equal fingerprints for different rows would hide a change; with 64-bit
 * hashes that is about one chance in 2^64 per key. A key kept without a real change (a hash that
 * differs for equal values, such as -0.0 and 0.0) is dropped by the exact comparison after.
 */
function candidateKeys(plan: DiffPlan, inputs: DiffInputs): string {
  const q = (n: string) => quoteIdentifier('duckdb', n);
  // A decimal is hashed as its text: its stored integer is the same for 1.50 at scale 2 and 15.0
  // at scale 1, which a registry change of scale between two snapshots would otherwise hide.
  const values = plan.values.map((v) =>
    v.type === 'decimal' ? `CAST(s.${q(v.name)} AS VARCHAR)` : `s.${q(v.name)}`,
  );
  const rowHash = values.length > 0 ? `hash(${values.join(', ')})` : '0';
  const where = inputs.primaryColumn ? ` WHERE s.${q(inputs.primaryColumn)}` : '';
  const fingerprint = (relation: string): string =>
    `SELECT ${keyExpr('duckdb', plan.key, 's')} AS __key, count(*) AS __n, ` +
    `sum(CAST(${rowHash} AS HUGEINT)) AS __h FROM ${relation} AS s${where} GROUP BY ALL`;
  return (
    `SELECT COALESCE(pf.__key, cf.__key) AS __key FROM (${fingerprint(inputs.previous)}) AS pf ` +
    `FULL OUTER JOIN (${fingerprint(inputs.current)}) AS cf ON pf.__key = cf.__key ` +
    `WHERE pf.__key IS NULL OR cf.__key IS NULL OR pf.__n <> cf.__n OR pf.__h <> cf.__h`
  );
}

/** `relation` narrowed to the rows whose key is in `keys` (a relation with a `__key` column). */
function onlyKeys(plan: DiffPlan, relation: string, keys: string): string {
  return `(SELECT * FROM ${relation} AS s WHERE ${keyExpr('duckdb', plan.key, 's')} IN (SELECT __key FROM ${keys}))`;
}

/**
 * SQL that compares two snapshots of a dataset by business key, in one FULL OUTER JOIN the engine
 * runs (and spills) on its own. Unchanged keys are filtered out in SQL, so the result holds only
 * inserted, updated and deleted keys, ordered by key. On DuckDB the join and the dedupe see only
 * the keys whose fingerprints differ (`candidateKeys`): a national snapshot changes in a few
 * percent of its keys, and the wide join of every row was most of the diff's time.
 *
 * Result columns: `kind` (`inserted`, `updated`, `deleted`), `key` (key values joined by `|`,
 * NULL as empty), then per key column `i` and value column `i` of the plan: `o_<i>` (old value),
 * `n_<i>` (new value), and for value columns `d_<i>` (true when it changed, null-safe). Dates come
 * back as `yyyy-mm-dd` text and decimals as doubles. Meta columns (`source_row`, `data_date`,
 * `is_primary_row`) and the snapshot's own date column are never compared.
 *
 * Keys are compared as text: two keys whose joined text is equal (a `|` inside a value, NULL vs
 * empty) count as one key.
 */
export function diffSql(def: DiffDefinition, dialect: Dialect, inputs: DiffInputs): string {
  const plan = diffPlanOf(def);
  const q = (n: string) => quoteIdentifier(dialect, n);
  const select: string[] = [
    `CASE WHEN p.__key IS NULL THEN 'inserted' WHEN c.__key IS NULL THEN 'deleted' ELSE 'updated' END AS kind`,
    `COALESCE(c.__key, p.__key) AS ${q('key')}`,
  ];
  for (const col of [...plan.key, ...plan.values]) {
    select.push(`${outputCast(dialect, col.type, `p.${q(col.name)}`)} AS o_${col.index}`);
    select.push(`${outputCast(dialect, col.type, `c.${q(col.name)}`)} AS n_${col.index}`);
  }
  const distinct = plan.values.map((v) => `p.${q(v.name)} IS DISTINCT FROM c.${q(v.name)}`);
  for (const [i, col] of plan.values.entries()) {
    select.push(
      `(p.__key IS NOT NULL AND c.__key IS NOT NULL AND ${distinct[i]}) AS d_${col.index}`,
    );
  }
  const changed = distinct.length > 0 ? ` OR ${distinct.join(' OR ')}` : '';
  const narrowed = dialect === 'duckdb';
  const previous = narrowed ? onlyKeys(plan, inputs.previous, 'candidates') : inputs.previous;
  const current = narrowed ? onlyKeys(plan, inputs.current, 'candidates') : inputs.current;
  return [
    ...(narrowed ? [`WITH candidates AS MATERIALIZED (${candidateKeys(plan, inputs)}),`] : []),
    `${narrowed ? '' : 'WITH '}prev AS (${side(dialect, plan, previous, inputs)}),`,
    `curr AS (${side(dialect, plan, current, inputs)})`,
    `SELECT ${select.join(',\n  ')}`,
    `FROM prev AS p FULL OUTER JOIN curr AS c ON p.__key = c.__key`,
    `WHERE p.__key IS NULL OR c.__key IS NULL${changed}`,
    `ORDER BY ${q('key')}`,
  ].join('\n');
}

/**
 * SQL listing every row of one snapshot as inserted (the first snapshot of a dataset, or a
 * comparison against nothing), with the same result columns as {@link diffSql}.
 */
export function initialDiffSql(
  def: DiffDefinition,
  dialect: Dialect,
  inputs: Omit<DiffInputs, 'previous'>,
): string {
  const plan = diffPlanOf(def);
  const q = (n: string) => quoteIdentifier(dialect, n);
  const select: string[] = [`'inserted' AS kind`, `c.__key AS ${q('key')}`];
  for (const col of [...plan.key, ...plan.values]) {
    select.push(`CAST(NULL AS ${textType(dialect)}) AS o_${col.index}`);
    select.push(`${outputCast(dialect, col.type, `c.${q(col.name)}`)} AS n_${col.index}`);
  }
  for (const col of plan.values) select.push(`FALSE AS d_${col.index}`);
  return [
    `WITH curr AS (${side(dialect, plan, inputs.current, { ...inputs, previous: '' })})`,
    `SELECT ${select.join(',\n  ')}`,
    `FROM curr AS c`,
    `ORDER BY ${q('key')}`,
  ].join('\n');
}
