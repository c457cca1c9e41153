import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { createDuckDbEngine } from '@matriz/duckdb';
import { generate, type GenerateResult } from '@matriz/generator';
import { startPortal } from '@matriz/portal';

import { runStage } from './run-stage.ts';
import type { StageResult } from './stage-result.ts';
import type { StageArgs, StageName } from './stages/index.ts';
import {
  checkTargets,
  measuredPairs,
  ratiosOf,
  smallRuns,
  type Ratios,
  type TargetCheck,
} from './targets.ts';

export interface BenchOptions {
  /** Rows of the first synthetic GD snapshot. */
  readonly rows: number;
  /** Working folder (data, lakes, scratch); created if needed. */
  readonly out: string;
  /** Rows of the second, smaller size used to show memory does not grow (default rows / 4). */
  readonly smallRows?: number;
  readonly seed?: number;
  /** Run the JavaScript streaming reference (default true; it is the slowest stage). */
  readonly jsReference?: boolean;
  /**
   * How many times to measure the DuckDB reference and bronze → silver, alternately, on the same
   * bytes (default 3). The ratio is then the median of the pairs' ratios: on a shared machine one
   * pair can be off by a fifth either way.
   */
  readonly pairs?: number;
  /** Progress lines (default none). */
  readonly log?: (line: string) => void;
  /** Called once `out` was found usable and emptied, so the caller may delete it afterwards. */
  readonly onClaimed?: () => void;
}

export interface BenchReport {
  readonly synthetic: true;
  readonly rows: number;
  readonly smallRows: number;
  /** Alternate measurements of the DuckDB reference and bronze → silver. */
  readonly pairs: number;
  readonly files: {
    readonly first: GenerateResult['first'];
    readonly second: NonNullable<GenerateResult['second']>;
    readonly small: GenerateResult['first'];
  };
  readonly generateMs: number;
  readonly stages: Readonly<Record<string, StageResult>>;
  readonly ratios: Ratios;
  readonly targets: readonly TargetCheck[];
  /** Pipeline results checked against what the generator wrote. */
  readonly reconciliation: readonly {
    check: string;
    expected: number;
    actual: number;
    ok: boolean;
  }[];
  readonly machine: {
    readonly cpus: number;
    /** The first CPU's model name, as the OS reports it. */
    readonly cpuModel: string;
    readonly node: string;
    /** DuckDB's version (`SELECT version()`). */
    readonly duckdb: string;
    /** The commit measured, or `unknown` outside a git checkout; `+changes` when the tree differs. */
    readonly commit: string;
    readonly totalMemoryBytes: number;
    /** 1-minute load average before and after the run: other work on the machine. */
    readonly loadBefore: number;
    readonly loadAfter: number;
  };
}

/**
 * Generates the synthetic GD snapshots, then measures every stage in its own process on the same
 * bytes: the two references, bronze → silver, silver → gold, quality, the diff of the two
 * snapshots, a re-run with an unchanged source (portal answers 304), and bronze → silver again
 * at a smaller size for the memory comparison.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => undefined);
  const out = path.resolve(options.out);
  const smallRows = options.smallRows ?? Math.max(1, Math.floor(options.rows / 4));
  const seed = options.seed ?? 1;
  const pairs = options.pairs ?? 3;
  if (!Number.isInteger(pairs) || pairs < 1) {
    throw new RangeError(`pairs must be a positive integer, got ${pairs}.`);
  }
  const loadBefore = os.loadavg()[0] ?? 0;
  const dataDir = path.join(out, 'data');
  const scratch = path.join(out, 'scratch');
  const lake = path.join(out, 'lake');
  const smallLake = path.join(out, 'lake-small');
  await claimOutFolder(out);
  options.onClaimed?.();
  await fs.mkdir(scratch, { recursive: true });

  log(`generating ${options.rows} + second snapshot and ${smallRows} rows (synthetic) ...`);
  const started = performance.now();
  const generated = await generate({
    dataset: 'gd',
    rows: options.rows,
    out: dataDir,
    seed,
    secondSnapshot: true,
  });
  const small = await generate({
    dataset: 'gd',
    rows: smallRows,
    out: path.join(out, 'data-small'),
    seed,
  });
  const generateMs = performance.now() - started;
  const second = generated.second!;
  // Gigabytes were just written: flush them now, so their write-back does not share the disk
  // with the first stages. (The first pair still measured slower than the next two in both
  // 4.6 M runs of 5 Dec, with and without this; hence `--pairs`.)
  for (const file of [generated.first.path, second.path, small.first.path]) await flush(file);

  const portal = await startPortal({ extraDirs: [dataDir] });
  const stages: Record<string, StageResult> = {};
  const run = async (label: string, name: StageName, args: StageArgs) => {
    log(`stage ${label} ...`);
    stages[label] = await runStage(name, args, scratch);
    log(`stage ${label}: ${(stages[label].ms / 1000).toFixed(2)} s`);
  };
  try {
    await warmPortal(portal.url);
    const fileA = generated.first.path;
    if (options.jsReference !== false) {
      await run('reference-js', 'reference-js', { lake, file: fileA, scratch });
    }
    await run('ingest', 'ingest', { lake, file: fileA });
    // Each pair back to back: the reference, then bronze → silver on the same bytes.
    await run('reference-duckdb', 'reference-duckdb', { lake, file: fileA, scratch });
    await run('silver', 'silver', { lake, dataDate: generated.first.dataDate });
    // Further pairs rebuild the same silver snapshot, with identical content.
    for (let k = 2; k <= pairs; k++) {
      await run(`reference-duckdb-${k}`, 'reference-duckdb', { lake, file: fileA, scratch });
      await run(`silver-${k}`, 'silver', { lake, dataDate: generated.first.dataDate });
    }
    await run('gold', 'gold', { lake });
    await run('quality', 'quality', { lake, dataDate: generated.first.dataDate });
    await run('extract', 'extract', { lake, portalUrl: portal.url });
    await run('silver-second', 'silver', { lake, dataDate: second.dataDate });
    await run('diff', 'diff', {
      lake,
      previousDate: generated.first.dataDate,
      dataDate: second.dataDate,
    });
    await run('rerun', 'rerun', { lake, portalUrl: portal.url });
    await run('ingest-small', 'ingest', { lake: smallLake, file: small.first.path });
    // As many runs as pairs: peak memory varies between runs, so sizes are compared by medians.
    for (let k = 1; k <= pairs; k++) {
      const label = k === 1 ? 'silver-small' : `silver-small-${k}`;
      await run(label, 'silver', { lake: smallLake, dataDate: small.first.dataDate });
    }
  } finally {
    await portal.close();
  }

  const ratios = ratiosOf(stages);
  return {
    synthetic: true,
    rows: options.rows,
    smallRows,
    pairs,
    files: { first: generated.first, second, small: small.first },
    generateMs,
    stages,
    ratios,
    targets: checkTargets(stages, ratios),
    reconciliation: reconcile(stages, generated.first, second, small.first),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      duckdb: await duckdbVersion(),
      commit: currentCommit(),
      totalMemoryBytes: os.totalmem(),
      loadBefore,
      loadAfter: os.loadavg()[0] ?? 0,
    },
  };
}

/** DuckDB's version string, from a throwaway in-memory engine. */
async function duckdbVersion(): Promise<string> {
  const engine = await createDuckDbEngine();
  try {
    const [row] = await engine.query('SELECT version() AS v');
    return String(row?.['v'] ?? 'unknown');
  } finally {
    await engine.close();
  }
}

/** The checked-out commit of the bench's own repository, marked when the tree has changes. */
function currentCommit(): string {
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd: import.meta.dirname, encoding: 'utf8', stdio: 'pipe' }).trim();
  try {
    const head = git(['rev-parse', '--short', 'HEAD']);
    return git(['status', '--porcelain']) === '' ? head : `${head}+changes`;
  } catch {
    return 'unknown';
  }
}

/** Marks a folder as the bench's own, so a later run may empty it. */
const OUT_MARKER = '.matriz-bench';

/**
 * Empties `out` for a new run, but only when it is new, empty or made by an earlier run (it holds
 * {@link OUT_MARKER}): `--out` pointed at a folder of other files must not wipe them.
 */
export async function claimOutFolder(out: string): Promise<void> {
  const entries = await fs.readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  if (entries.length > 0 && !entries.includes(OUT_MARKER)) {
    throw new Error(
      `Refusing to use \`${out}\` as the bench folder: it is not empty and was not made by the ` +
        'bench, and a run empties it first. Give a new or empty folder.',
    );
  }
  await fs.rm(out, { recursive: true, force: true });
  await fs.mkdir(out, { recursive: true });
  await fs.writeFile(
    path.join(out, OUT_MARKER),
    'Made by `pnpm bench`; emptied by the next run.\n',
  );
}

/** Forces a file's written bytes to disk. */
async function flush(file: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the portal digest the dropped-in files now, so no stage pays for the portal's hashing. */
async function warmPortal(url: string): Promise<void> {
  const response = await fetch(
    `${url}/api/3/action/package_show?id=relacao-de-empreendimentos-de-geracao-distribuida`,
  );
  const body = (await response.json()) as { result?: { resources?: { url?: string }[] } };
  for (const resource of body.result?.resources ?? []) {
    if (!resource.url?.endsWith('.csv')) continue;
    const head = await fetch(resource.url, { headers: { 'If-None-Match': '"warm-up"' } });
    await head.body?.cancel();
  }
}

function reconcile(
  stages: Readonly<Record<string, StageResult>>,
  first: GenerateResult['first'],
  second: NonNullable<GenerateResult['second']>,
  small: GenerateResult['first'],
): BenchReport['reconciliation'] {
  const n = (stage: StageResult | undefined, key: string) => Number(stage?.details[key] ?? NaN);
  const d = (name: string, key: string) => n(stages[name], key);
  const which = (k: number, word: string) => (k === 0 ? '' : ` (${word} ${k + 1})`);
  const perRun = measuredPairs(stages).flatMap(({ silver }, k) => [
    [
      `silver rows in = generated rows${which(k, 'pair')}`,
      first.rows,
      n(silver, 'rowsIn'),
    ] as const,
    [
      `silver quarantined = generated REBR rows${which(k, 'pair')}`,
      first.quarantined,
      n(silver, 'rowsQuarantined'),
    ] as const,
    [
      `silver rows out = rows in - quarantined${which(k, 'pair')}`,
      first.rows - first.quarantined,
      n(silver, 'rowsOut'),
    ] as const,
  ]);
  const checks = [
    ...perRun,
    ['second snapshot rows in', second.rows, d('silver-second', 'rowsIn')],
    ['diff inserted = generated inserts', second.inserted, d('diff', 'inserted')],
    ['diff updated = generated updates', second.updated, d('diff', 'updated')],
    ['diff deleted = generated deletes', second.deleted, d('diff', 'deleted')],
    ...smallRuns(stages).map(
      (run, k) => [`small silver rows in${which(k, 'run')}`, small.rows, n(run, 'rowsIn')] as const,
    ),
    ['re-run rebuilt no silver', 0, d('rerun', 'silverRebuilt')],
  ] as const;
  return checks.map(([check, expected, actual]) => ({
    check,
    expected,
    actual,
    ok: expected === actual,
  }));
}
