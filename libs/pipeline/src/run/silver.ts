import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import {
  dialectFor,
  duckdbCsvRelation,
  matchHeader,
  placeholderCountsSql,
  quarantineProjectionSql,
  RAW_PREFIX,
  REJECT_REASON_COLUMN,
  silverProjectionSql,
  splitCsvLine,
  stagedSelectSql,
  type DatasetDefinition,
} from '@matriz/core';

import { readFirstLine, writeNumberedUtf8 } from '../silver/decode.ts';
import { findFieldCountProblem } from '../silver/diagnose.ts';
import { SOURCE_ROW_HEADER } from '../silver/recode.ts';
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
 * after). Silver is written in file order, which needs a sort of the whole snapshot: without a
 * cap DuckDB keeps it in RAM (up to 80 % of the machine), with it the sort spills to the engine's
 * temp directory and the step's peak stays flat at any row count (issue 7, case C8).
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
};

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
): Promise<() => Promise<void>> {
  const [row] = await engine.query(`SELECT current_setting('${name}') AS v`);
  const current = String(row?.['v'] ?? '');
  if (keep(current)) return async () => undefined;
  await engine.exec(`SET ${name} = '${value}'`);
  return async () => {
    await engine.exec(`SET ${name} = '${current.replaceAll("'", "''")}'`);
  };
}

/** Caps DuckDB's memory for the step (never raises it); returns how to put it back. */
function capMemory(engine: SilverDeps['engine']): Promise<() => Promise<void>> {
  const mib = Math.floor(SILVER_MEMORY_LIMIT_BYTES / 1024 ** 2);
  return overrideSetting(engine, 'memory_limit', `${mib}MiB`, (current) => {
    const bytes = settingBytes(current);
    return bytes !== undefined && bytes <= SILVER_MEMORY_LIMIT_BYTES;
  });
}

/** Runs `work` with DuckDB's `preserve_insertion_order` off, then puts the setting back. */
async function withoutInsertionOrder<T>(
  engine: SilverDeps['engine'],
  work: () => Promise<T>,
): Promise<T> {
  const restore = await overrideSetting(
    engine,
    'preserve_insertion_order',
    'false',
    (current) => current === 'false',
  );
  try {
    return await work();
  } finally {
    await restore();
  }
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
): Promise<SilverResult> {
  const started = Date.now();
  const manifest = await readBronzeManifest(deps, def.id, dataDate);
  const work = path.join(deps.workDir, `silver-${def.id}-${randomUUID()}`);
  await fs.mkdir(work, { recursive: true });
  const stagedFile = path.join(work, 'staged.parquet');
  // Staged rows go to a Parquet file, not a TEMP TABLE: the typed, raw and reason columns of a
  // national-scale file would not fit in memory, and the three reads below take only the columns
  // they need.
  const staged = `read_parquet('${stagedFile.replaceAll("'", "''")}')`;
  const restoreMemory = await capMemory(deps.engine);
  try {
    let raw = deps.store.localPath?.(manifest.key);
    if (!raw) {
      raw = path.join(work, 'raw.csv');
      await deps.store.getFile(manifest.key, raw);
    }
    // One streaming pass makes the file UTF-8 (bronze already knows its encoding, so no second
    // validation) and numbers every record in a first column, so DuckDB's scan needs no
    // file-order window and runs on every core.
    const utf8Path = path.join(work, 'numbered.csv');
    const decoded = await writeNumberedUtf8(raw, utf8Path, manifest.encoding);
    const decodedAt = Date.now();
    const [numberHeader, ...headers] = splitCsvLine(await readFirstLine(utf8Path));
    if (numberHeader !== SOURCE_ROW_HEADER) {
      throw new PipelineError(
        'malformed_csv',
        def.id,
        `Cannot read \`${manifest.key}\` as CSV: no header line was found. The raw bytes stay in bronze.`,
      );
    }
    const match = matchHeader(def, headers, { file: manifest.key });

    const d = dialectFor('duckdb');
    const source = duckdbCsvRelation(utf8Path);
    const mapping = Object.fromEntries(match.columns.map((c) => [c.column.name, c.header]));
    const select = stagedSelectSql(def, d, {
      source,
      header: mapping,
      dataDate,
      sourceRowColumn: SOURCE_ROW_HEADER,
      ...(deps.piiSalt !== undefined ? { salt: deps.piiSalt } : {}),
    });
    // The raw text is only read back for quarantined rows: keeping it for good rows would write
    // the whole file a second time into the staged Parquet.
    const rawOfRejected = def.columns
      .filter((c) => c.pii !== 'drop')
      .map((c) => d.quoteIdent(RAW_PREFIX + c.name))
      .map(
        (raw) =>
          `CASE WHEN ${d.quoteIdent(REJECT_REASON_COLUMN)} IS NOT NULL THEN ${raw} END AS ${raw}`,
      );
    const stagedSelect = `SELECT * REPLACE (${rawOfRejected.join(', ')}) FROM (${select}) AS staged_rows`;
    try {
      // Rows carry their own number, so the staged file need not be in file order: without the
      // order guarantee DuckDB validates on every core (with it, under the memory cap, its
      // ordered writer holds the threads back to one). Silver is sorted when written below.
      await withoutInsertionOrder(deps.engine, () =>
        deps.engine.exec(
          `COPY (${stagedSelect}) TO '${stagedFile.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION snappy)`,
        ),
      );
    } catch (error) {
      const problem = await findFieldCountProblem(utf8Path, { numbered: true }).catch(
        () => undefined,
      );
      const why = !problem
        ? conciseCsvError((error as Error).message.replaceAll(utf8Path, manifest.key)).replace(
            /\.+$/,
            '',
          )
        : problem.fields < 0
          ? `line ${problem.line} ends inside a quoted field (\`${problem.text}\`)`
          : `line ${problem.line} has ${problem.fields} fields where the header has ${problem.expected} (\`${problem.text}\`)`;
      throw new PipelineError(
        'malformed_csv',
        def.id,
        `Cannot read \`${manifest.key}\` as CSV: ${why}. The raw ` +
          'bytes stay in bronze; fix or re-download the file (a truncated download is the usual cause), then re-run.',
        { cause: error },
      );
    }

    const stagedAt = Date.now();
    const silverTmp = path.join(work, 'silver.parquet');
    const quarantineTmp = path.join(work, 'quarantine.parquet');
    await deps.engine.exec(
      `COPY (${silverProjectionSql(def, d, staged)}) TO '${silverTmp}' (FORMAT parquet, COMPRESSION zstd)`,
    );
    await deps.engine.exec(
      `COPY (${quarantineProjectionSql(def, d, staged)}) TO '${quarantineTmp}' (FORMAT parquet, COMPRESSION zstd)`,
    );
    const [counts] = await deps.engine.query(
      `SELECT count(*) AS rows_in, count(*) FILTER (WHERE reject_reason IS NULL) AS rows_out, ` +
        `count(*) FILTER (WHERE reject_reason IS NOT NULL) AS rows_quarantined FROM ${staged}`,
    );
    const rowsIn = Number(counts?.['rows_in'] ?? 0);
    const rowsOut = Number(counts?.['rows_out'] ?? 0);
    const rowsQuarantined = Number(counts?.['rows_quarantined'] ?? 0);
    if (rowsIn !== decoded.records) {
      throw new PipelineError(
        'malformed_csv',
        def.id,
        `Cannot read \`${manifest.key}\` as CSV: ${decoded.records} records were numbered but ` +
          `${rowsIn} rows were read, so the records cannot be told apart reliably. ` +
          'The raw bytes stay in bronze.',
      );
    }
    if (rowsIn !== rowsOut + rowsQuarantined) {
      throw new PipelineError(
        'counts_do_not_reconcile',
        def.id,
        `Rows in (${rowsIn}) != silver (${rowsOut}) + quarantine (${rowsQuarantined}) for \`${manifest.key}\`.`,
      );
    }
    const placeholders = (await deps.engine.query(placeholderCountsSql(def, d, staged))).map(
      (r) => ({
        column: String(r['column_name']),
        reason: String(r['placeholder_reason']),
        rows: Number(r['rows']),
      }),
    );

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
      validate_ms: stagedAt - decodedAt,
      write_ms: Date.now() - stagedAt,
    });
    return result;
  } finally {
    await restoreMemory().catch(() => undefined);
    await fs.rm(work, { recursive: true, force: true });
  }
}

/**
 * DuckDB's CSV errors run to thirty lines of advice for DuckDB users; keep what names the
 * problem and the place (the first line, and the line number and content when given).
 */
export function conciseCsvError(message: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const first = (lines[0] ?? message).replace(/^[A-Za-z ]+Error: /, '');
  // `LINE n:` (upper case) points into the SQL text, not the file: never quote it.
  const where = lines.find((l) => !/^LINE \d+:/.test(l) && /\bline:? \d+/i.test(l));
  const content = lines.find((l) => /^Original Line:/i.test(l));
  return [first, where && where !== first ? where : '', content && content !== where ? content : '']
    .filter(Boolean)
    .join(' ')
    .slice(0, 400);
}
