import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import {
  dialectFor,
  DUCKDB_CSV_MAX_LINE_BYTES,
  headerMappingFrom,
  duckdbCsvRelation,
  matchHeader,
  placeholderCombinationsSql,
  quarantineProjectionSql,
  silverProjectionSql,
  SOURCE_ROW_COLUMN,
  splitCsvLine,
  stagedSelectSql,
  tallyPlaceholders,
  type DatasetDefinition,
} from '@matriz/core';

import { readFirstLine, writeNumberedUtf8, type NumberedCsv } from '../silver/decode.ts';
import { findFieldCountProblem } from '../silver/diagnose.ts';
import {
  placeholderCounts,
  placeholderWatches,
  type PlaceholderWatches,
} from '../silver/placeholder-watch.ts';
import { PADDED_HEADER, SOURCE_ROW_HEADER } from '../silver/recode.ts';
import { writeNumberedRecords } from '../silver/records.ts';
import { readBronzeManifest } from './bronze.ts';
import type { PipelineDeps } from './deps.ts';
import { PipelineError } from './errors.ts';
import { lakeKeys } from './keys.ts';

export interface SilverResult {
  readonly dataset: string;
  readonly dataDate: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  /** Data rows read from the file. */
  readonly rowsIn: number;
  /** Rows written to silver. */
  readonly rowsOut: number;
  /** Rows written to quarantine, each with its reason. */
  readonly rowsQuarantined: number;
  /** Values read as "unknown" (NULL in silver), per column and reason. */
  readonly placeholders: readonly { column: string; reason: string; rows: number }[];
  /** Header drift against the registry: unexpected, missing optional, matched through an alias. */
  readonly header: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly renamed: readonly { from: string; to: string }[];
  };
  readonly silverKey: string;
  readonly quarantineKey: string;
}

type SilverDeps = Pick<PipelineDeps, 'store' | 'engine' | 'logger' | 'workDir' | 'piiSalt'>;

/**
 * DuckDB memory cap while the step runs (lowered to it when the engine allows more, restored
 * after). Without a cap DuckDB may hold up to 80 % of the machine; with it, anything that needs
 * more (the sort of a dataset with `dedupe`) spills to the engine's temp directory and the step's
 * peak stays flat at any row count (issue 7, case C8).
 */
export const SILVER_MEMORY_LIMIT_BYTES = 768 * 1024 ** 2;

const UNITS: Readonly<Record<string, number>> = {
  bytes: 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  pib: 1024 ** 5,
  eib: 1024 ** 6,
};

/** DuckDB shows an unlimited `memory_limit` (`-1`) as about 16 EiB in PiB; anything this big is it. */
const UNLIMITED_BYTES = 1024 ** 5;

/** `18.6 GiB` (DuckDB's rendering of a memory setting) in bytes; undefined when unreadable. */
function settingBytes(text: string): number | undefined {
  const match = /^\s*([\d.]+)\s*([a-z]+)\s*$/i.exec(text);
  const unit = match?.[2] ? UNITS[match[2].toLowerCase()] : undefined;
  return match?.[1] && unit ? Number(match[1]) * unit : undefined;
}

/**
 * Sets a DuckDB setting for the step unless `keep` accepts the engine's current value; returns how
 * to put that value back.
 */
async function overrideSetting(
  engine: SilverDeps['engine'],
  name: string,
  value: string,
  keep: (current: string) => boolean,
  restoreAs: (current: string) => string = (current) => current,
): Promise<() => Promise<void>> {
  const [row] = await engine.query(`SELECT current_setting('${name}') AS v`);
  const current = String(row?.['v'] ?? '');
  if (keep(current)) return async () => undefined;
  await engine.exec(`SET ${name} = '${value}'`);
  return async () => {
    await engine.exec(`SET ${name} = '${restoreAs(current).replaceAll("'", "''")}'`);
  };
}

/**
 * Caps DuckDB's memory for the step (never raises it); returns how to put it back. DuckDB shows
 * the setting rounded to 0.1 of a unit, so a limit given in other units (`1000000kB`) comes back
 * within 0.05 MiB of itself; an unlimited one (`-1`) comes back unlimited.
 */
function capMemory(engine: SilverDeps['engine']): Promise<() => Promise<void>> {
  const mib = Math.floor(SILVER_MEMORY_LIMIT_BYTES / 1024 ** 2);
  return overrideSetting(
    engine,
    'memory_limit',
    `${mib}MiB`,
    (current) => {
      const bytes = settingBytes(current);
      return bytes !== undefined && bytes <= SILVER_MEMORY_LIMIT_BYTES;
    },
    (current) => ((settingBytes(current) ?? 0) >= UNLIMITED_BYTES ? '-1' : current),
  );
}

/**
 * Settings for the silver pass. `preserve_insertion_order` keeps the rows in file order through
 * the filter and projection, so silver needs no sort (the default, set in case a caller turned it
 * off). `filter_pushdown` is off because it would copy the whole `reject_reason` expression below
 * the projections that compute its parts, validating every value twice (at 1M rows, 16 s CPU
 * against 10 s).
 */
const SILVER_PASS_SETTINGS: Readonly<Record<string, string>> = {
  preserve_insertion_order: 'true',
  disabled_optimizers: 'filter_pushdown',
};

/** Runs `work` with DuckDB `settings`, then puts each setting's previous value back. */
async function withSettings<T>(
  engine: SilverDeps['engine'],
  settings: Readonly<Record<string, string>>,
  work: () => Promise<T>,
): Promise<T> {
  const restores: (() => Promise<void>)[] = [];
  try {
    for (const [name, value] of Object.entries(settings)) {
      restores.push(await overrideSetting(engine, name, value, (current) => current === value));
    }
    return await work();
  } finally {
    for (const restore of restores.reverse()) await restore();
  }
}

/** Options of {@link bronzeToSilver}. */
export interface SilverOptions {
  /**
   * Rejected rows up to which they are read back by number for quarantine; beyond, the whole
   * file is validated again (default {@link MAX_REJECTED_READ_BACK}).
   */
  readonly maxRejectedReadBack?: number;
}

/** Record numbers per block when looking for the ones silver lacks. */
const MISSING_ROW_BLOCK = 1024;

/** Rejected rows up to which pass 3 reads records back by number; beyond, it scans the file. */
export const MAX_REJECTED_READ_BACK = 100_000;

/**
 * The source relation of the rows silver did not take: none; the records read back by number
 * into a small CSV; or, when very many were rejected, the whole decoded file (quarantine keeps
 * the rows whose validation fails).
 */
async function rejectedRows(
  deps: SilverDeps,
  run: {
    readonly csv: string;
    readonly utf8Path: string;
    readonly decoded: NumberedCsv;
    readonly silverTmp: string;
    readonly rowsIn: number;
    readonly rowsOut: number;
    readonly work: string;
    readonly maxReadBack: number;
  },
): Promise<string> {
  const q = dialectFor('duckdb').quoteIdent;
  if (run.rowsOut === run.rowsIn) return `(SELECT * FROM ${run.csv} LIMIT 0)`;
  const silverRows = `SELECT ${q(SOURCE_ROW_COLUMN)} FROM read_parquet(${sqlPath(run.silverTmp)})`;
  // Very many rejected rows (a format change, say): validate the whole file again and keep the
  // rejected ones, rather than carry their numbers around.
  if (run.rowsIn - run.rowsOut > run.maxReadBack) return run.csv;
  // Which numbers silver lacks, in memory that does not grow with the file: count silver's rows
  // per block of numbers, then compare numbers one by one only in the blocks that came up short.
  const all = `range(1, ${run.rowsIn + 1}) AS t(r)`;
  const block = (column: string): string => `${column} // ${MISSING_ROW_BLOCK}`;
  const missing = await deps.engine.query(
    [
      'WITH short AS (',
      `  SELECT e.b FROM (SELECT ${block('r')} AS b, count(*) AS n FROM ${all} GROUP BY 1) AS e`,
      `  LEFT JOIN (SELECT ${block(q(SOURCE_ROW_COLUMN))} AS b, count(*) AS n FROM (${silverRows}) GROUP BY 1) AS s`,
      '  ON s.b = e.b WHERE coalesce(s.n, 0) < e.n',
      ')',
      `SELECT r FROM ${all}`,
      `ANTI JOIN (${silverRows} WHERE ${block(q(SOURCE_ROW_COLUMN))} IN (SELECT b FROM short)) AS s`,
      `  ON s.${q(SOURCE_ROW_COLUMN)} = t.r`,
      `WHERE ${block('r')} IN (SELECT b FROM short)`,
      'ORDER BY r',
    ].join('\n'),
  );
  const rejectedCsv = path.join(run.work, 'rejected.csv');
  await writeNumberedRecords(
    run.utf8Path,
    run.decoded.index,
    missing.map((row) => Number(row['r'])),
    rejectedCsv,
  );
  return duckdbCsvRelation(rejectedCsv);
}

/** The header of the bronze file, or undefined when it does not read as one line of CSV. */
async function sourceHeaders(
  file: string,
  encoding: NumberedCsv['encoding'],
): Promise<string[] | undefined> {
  try {
    return splitCsvLine(await readFirstLine(file, encoding));
  } catch {
    return undefined;
  }
}

/**
 * The placeholder fields for the recoder to watch, or undefined when the header does not match
 * the registry (the step reports that after decoding, as before).
 */
function placeholderWatchesOf(
  def: DatasetDefinition,
  headers: readonly string[],
  key: string,
): PlaceholderWatches | undefined {
  try {
    return placeholderWatches(def, matchHeader(def, headers, { file: key }));
  } catch {
    return undefined;
  }
}

/** A file path as a SQL string literal. */
function sqlPath(file: string): string {
  return `'${file.replaceAll("'", "''")}'`;
}

/**
 * The `malformed_csv` error for a file DuckDB could not read: the line at fault when the
 * diagnosis finds it, else DuckDB's own message, with the bronze key in place of the temporary
 * copy's path.
 */
async function csvReadError(
  def: DatasetDefinition,
  key: string,
  utf8Path: string,
  error: unknown,
): Promise<PipelineError> {
  const message = (error as Error).message.replaceAll(utf8Path, key);
  if (/out of memory|could not allocate|failed to allocate/i.test(message)) {
    return new PipelineError(
      'out_of_memory',
      def.id,
      `DuckDB ran out of memory while reading \`${key}\` (${conciseCsvError(message).replace(/\.+$/, '')}). ` +
        'The file is not at fault and its bytes stay in bronze: give DuckDB more memory ' +
        '(MATRIZ_DUCKDB_MEMORY, e.g. 2GB) and re-run.',
      { cause: error },
    );
  }
  const problem = await findFieldCountProblem(utf8Path, { numbered: true }).catch(() => undefined);
  const quoted = problem ? `(\`${problem.text}\`)` : '';
  const why = !problem
    ? conciseCsvError(message).replace(/\.+$/, '')
    : problem.kind === 'unclosed_quote'
      ? `line ${problem.line} ends inside a quoted field ${quoted}`
      : problem.kind === 'text_after_quote'
        ? `line ${problem.line} has text after the closing quote of a field ${quoted}`
        : problem.kind === 'too_long'
          ? `line ${problem.line} starts a record longer than ${DUCKDB_CSV_MAX_LINE_BYTES.toLocaleString('en-US')} bytes, ` +
            `the most DuckDB reads ${quoted}`
          : `line ${problem.line} has ${problem.fields} fields where the header has ${problem.expected} ${quoted}`;
  return new PipelineError(
    'malformed_csv',
    def.id,
    `Cannot read \`${key}\` as CSV: ${why}. The raw bytes stay in bronze; fix or re-download ` +
      'the file (a truncated download is the usual cause), then re-run.',
    { cause: error },
  );
}

/**
 * Bronze to silver for one snapshot: decode to UTF-8 (streaming), check the header against the
 * registry (missing columns stop with `schema_drift`), let DuckDB read every column as text and
 * apply the registry's casts and normalisations in SQL, then write good rows to silver Parquet
 * and rejected rows, with their reasons, to quarantine Parquet. Rows in = rows out + rows
 * quarantined, or the step fails.
 */
export async function bronzeToSilver(
  deps: SilverDeps,
  def: DatasetDefinition,
  dataDate: string,
  options: SilverOptions = {},
): Promise<SilverResult> {
  const started = Date.now();
  const manifest = await readBronzeManifest(deps, def.id, dataDate);
  const work = path.join(deps.workDir, `silver-${def.id}-${randomUUID()}`);
  await fs.mkdir(work, { recursive: true });
  const restoreMemory = await capMemory(deps.engine);
  try {
    let raw = deps.store.localPath?.(manifest.key);
    if (!raw) {
      raw = path.join(work, 'raw.csv');
      await deps.store.getFile(manifest.key, raw);
    }
    // One streaming pass makes the file UTF-8 (bronze already knows its encoding, so no second
    // validation) and numbers every record in a first column: `source_row` is then a column like
    // any other, and DuckDB reads the file on every core. A second column flags the records
    // whose fields may need trimming (the rest skip `trim`), and the same pass counts
    // placeholders, so no second scan of SQL is needed for them.
    const utf8Path = path.join(work, 'numbered.csv');
    const rawHeaders = await sourceHeaders(raw, manifest.encoding);
    const watches = rawHeaders && placeholderWatchesOf(def, rawHeaders, manifest.key);
    const decoded = await writeNumberedUtf8(raw, utf8Path, manifest.encoding, {
      ...(watches ? { watch: watches.watch } : {}),
    });
    const decodedAt = Date.now();
    const [numberHeader, paddedHeader, ...headers] = splitCsvLine(await readFirstLine(utf8Path));
    if (numberHeader !== SOURCE_ROW_HEADER || paddedHeader !== PADDED_HEADER) {
      throw new PipelineError(
        'malformed_csv',
        def.id,
        `Cannot read \`${manifest.key}\` as CSV: no header line was found. The raw bytes stay in bronze.`,
      );
    }
    const match = matchHeader(def, headers, { file: manifest.key });

    const d = dialectFor('duckdb');
    const csv = duckdbCsvRelation(utf8Path);
    const mapping = headerMappingFrom(match);
    const staged = (source: string): string =>
      stagedSelectSql(def, d, {
        source,
        header: mapping,
        dataDate,
        sourceRowColumn: SOURCE_ROW_HEADER,
        paddedColumn: PADDED_HEADER,
        ...(deps.piiSalt !== undefined ? { salt: deps.piiSalt } : {}),
      });

    // Pass 1, the only full validation: good rows straight to silver, in file order, no sort.
    const silverTmp = path.join(work, 'silver.parquet');
    try {
      await withSettings(deps.engine, SILVER_PASS_SETTINGS, () =>
        deps.engine.exec(
          `COPY (${silverProjectionSql(def, d, staged(csv), { inFileOrder: true })}) ` +
            `TO ${sqlPath(silverTmp)} (FORMAT parquet, COMPRESSION zstd)`,
        ),
      );
    } catch (error) {
      throw await csvReadError(def, manifest.key, utf8Path, error);
    }
    const silverAt = Date.now();

    // The recoder counted placeholders over good and rejected rows alike. Only when it could not
    // (a header it did not read the same way), pass 2 reads the file again for them in SQL, with
    // the rows DuckDB read.
    const sameHeader =
      watches !== undefined &&
      rawHeaders !== undefined &&
      rawHeaders.length === headers.length &&
      rawHeaders.every((h, i) => h === headers[i]);
    const tally = sameHeader
      ? {
          rowsRead: decoded.records,
          placeholders: placeholderCounts(watches, decoded.fieldCounts),
        }
      : tallyPlaceholders(
          def,
          await deps.engine.query(placeholderCombinationsSql(def, d, staged(csv))),
        );
    const rowsIn = tally.rowsRead;
    const countedAt = Date.now();
    const [written] = await deps.engine.query(
      `SELECT count(*) AS n FROM read_parquet(${sqlPath(silverTmp)})`,
    );
    const rowsOut = Number(written?.['n'] ?? 0);
    if (rowsIn !== decoded.records) {
      throw new PipelineError(
        'malformed_csv',
        def.id,
        `Cannot read \`${manifest.key}\` as CSV: ${decoded.records} records were numbered but ` +
          `${rowsIn} rows were read, so the records cannot be told apart reliably. ` +
          'The raw bytes stay in bronze.',
      );
    }

    // Pass 3 validates again only the rows silver did not take, to write them with their
    // reasons and raw text. Usually few: they are read back by number from the decoded file
    // (through the recoder's index) instead of scanning it again.
    const quarantineTmp = path.join(work, 'quarantine.parquet');
    const rejected = await rejectedRows(deps, {
      csv,
      utf8Path,
      decoded,
      silverTmp,
      rowsIn,
      rowsOut,
      work,
      maxReadBack: options.maxRejectedReadBack ?? MAX_REJECTED_READ_BACK,
    });
    await deps.engine.exec(
      `COPY (${quarantineProjectionSql(def, d, staged(rejected))}) ` +
        `TO ${sqlPath(quarantineTmp)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    const [quarantined] = await deps.engine.query(
      `SELECT count(*) AS n FROM read_parquet(${sqlPath(quarantineTmp)})`,
    );
    const rowsQuarantined = Number(quarantined?.['n'] ?? 0);
    if (rowsIn !== rowsOut + rowsQuarantined) {
      throw new PipelineError(
        'counts_do_not_reconcile',
        def.id,
        `Rows in (${rowsIn}) != silver (${rowsOut}) + quarantine (${rowsQuarantined}) for \`${manifest.key}\`.`,
      );
    }
    const placeholders = tally.placeholders;

    const silverKey = lakeKeys.silverFile(def.id, dataDate);
    const quarantineKey = lakeKeys.quarantineFile(def.id, dataDate);
    await deps.store.putFile(quarantineKey, quarantineTmp, {
      contentType: 'application/vnd.apache.parquet',
    });
    await deps.store.putFile(silverKey, silverTmp, {
      contentType: 'application/vnd.apache.parquet',
    });

    const result: SilverResult = {
      dataset: def.id,
      dataDate,
      encoding: decoded.encoding,
      rowsIn,
      rowsOut,
      rowsQuarantined,
      placeholders,
      header: { added: match.added, removed: match.removed, renamed: match.renamed },
      silverKey,
      quarantineKey,
    };
    await deps.store.put(
      lakeKeys.silverReport(def.id, dataDate),
      JSON.stringify(result, null, 2) + '\n',
    );
    deps.logger.info('silver.written', {
      stage: 'silver',
      dataset: def.id,
      data_date: dataDate,
      rows_in: rowsIn,
      rows_out: rowsOut,
      rows_quarantined: rowsQuarantined,
      ms: Date.now() - started,
      decode_ms: decodedAt - started,
      silver_ms: silverAt - decodedAt,
      placeholders_ms: countedAt - silverAt,
      placeholders_counted: sameHeader ? 'while_decoding' : 'sql_pass',
      quarantine_ms: Date.now() - countedAt,
    });
    return result;
  } finally {
    await restoreMemory().catch((error: unknown) =>
      deps.logger.warn('silver.memory_limit_not_restored', {
        stage: 'silver',
        dataset: def.id,
        error: (error as Error).message,
      }),
    );
    await fs.rm(work, { recursive: true, force: true });
  }
}

/**
 * DuckDB's CSV errors run to thirty lines of advice for DuckDB users; keep what names the
 * problem and the place (the first line, and the line number and content when given). The
 * silver step reads a numbered copy, so a quoted line starts with its record number and padded
 * flag: the number names the record (DuckDB's own line count restarts in each block it reads in
 * parallel).
 */
export function conciseCsvError(message: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const first = (lines[0] ?? message).replace(/^[A-Za-z ]+Error: /, '');
  const original = lines.find((l) => /^Original Line:/i.test(l));
  const record = original ? /^Original Line:\s*([0-9]+);[01];(.*)$/i.exec(original) : null;
  const content = record ? `record ${record[1]}: \`${record[2]!.slice(0, 120)}\`` : original;
  // `LINE n:` (upper case) points into the SQL text, not the file: never quote it.
  const where = record
    ? undefined
    : lines.find((l) => !/^LINE \d+:/.test(l) && /\bline:? \d+/i.test(l));
  const head = record ? first.replace(/^CSV Error on Line: \d+\s*/i, '') : first;
  return [head, where && where !== first ? where : '', content && content !== where ? content : '']
    .filter(Boolean)
    .join(' ')
    .slice(0, 400);
}
