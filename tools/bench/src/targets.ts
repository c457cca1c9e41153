import type { StageResult } from './stage-result.ts';

/** One target of issue 7, checked against the measured figures. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** Null when the figure could not be measured (e.g. no quality step exported yet). */
  readonly pass: boolean | null;
}

export interface Ratios {
  /**
   * bronze → silver time over the DuckDB straight-to-Parquet reference (decode included): the
   * median of {@link silverVsDuckdbPairs}.
   */
  readonly silverVsDuckdb: number;
  /** The same ratio for each pair of alternate measurements, in the order they ran. */
  readonly silverVsDuckdbPairs: readonly number[];
  /** bronze → silver time over DuckDB's own read+write (UTF-8 file, no decode). */
  readonly silverVsDuckdbEngineOnly: number;
  /** The JavaScript streaming parse time over bronze → silver (how much faster we are). */
  readonly jsVsSilver: number | null;
  /** Diff time over bronze → silver. */
  readonly diffVsSilver: number;
  /** Median peak RSS of bronze → silver at the full size over the median at the smaller size. */
  readonly silverPeakGrowth: number | null;
}

const GB = 1024 ** 3;
export const PEAK_LIMIT_BYTES = 1.5 * GB;
/** "Not growing with row count": at 4x the rows, the peak may grow by less than this share. */
export const PEAK_GROWTH_TOLERANCE = 0.25;
export const QUALITY_LIMIT_MS = 5_000;
export const RERUN_LIMIT_MS = 3_000;

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The alternate measurements of the DuckDB reference and bronze → silver at the full size:
 * `reference-duckdb` and `silver`, then `reference-duckdb-2` and `silver-2`, and so on.
 */
export function measuredPairs(
  stages: Readonly<Record<string, StageResult>>,
): { readonly reference: StageResult; readonly silver: StageResult }[] {
  const pairs = [{ reference: stages['reference-duckdb']!, silver: stages['silver']! }];
  for (let k = 2; stages[`silver-${k}`] && stages[`reference-duckdb-${k}`]; k++) {
    pairs.push({ reference: stages[`reference-duckdb-${k}`]!, silver: stages[`silver-${k}`]! });
  }
  return pairs;
}

/** Peak memory over several runs: the median and the highest, or null when one is unknown. */
function peaks(runs: readonly StageResult[]): { median: number; highest: number } | null {
  const values = runs.map((r) => r.peakRssBytes);
  if (values.length === 0 || values.some((v) => v === null)) return null;
  return { median: median(values as number[]), highest: Math.max(...(values as number[])) };
}

/**
 * bronze → silver at the full size, summed up over its runs: the median time, the highest peak
 * memory (the 1.5 GB target is about the worst run) and the median peak.
 */
export function silverFigures(stages: Readonly<Record<string, StageResult>>): {
  readonly ms: number;
  readonly peakRssBytes: number | null;
  readonly medianPeakRssBytes: number | null;
  readonly rows: number;
} {
  const runs = measuredPairs(stages).map((p) => p.silver);
  const peak = peaks(runs);
  return {
    ms: median(runs.map((r) => r.ms)),
    peakRssBytes: peak?.highest ?? null,
    medianPeakRssBytes: peak?.median ?? null,
    rows: runs[0]!.rows,
  };
}

/** The small-size silver runs, in the order they ran: `silver-small`, `silver-small-2`, ... */
export function smallRuns(stages: Readonly<Record<string, StageResult>>): StageResult[] {
  const runs: StageResult[] = [];
  for (let k = 1; ; k++) {
    const run = stages[k === 1 ? 'silver-small' : `silver-small-${k}`];
    if (!run) return runs;
    runs.push(run);
  }
}

/** bronze → silver at the small size, over its runs ({@link smallRuns}): peaks and rows. */
export function smallFigures(stages: Readonly<Record<string, StageResult>>): {
  readonly medianPeakRssBytes: number | null;
  readonly peakRssBytes: number | null;
  readonly rows: number;
} | null {
  const runs = smallRuns(stages);
  if (runs.length === 0) return null;
  const peak = peaks(runs);
  return {
    medianPeakRssBytes: peak?.median ?? null,
    peakRssBytes: peak?.highest ?? null,
    rows: runs[0]!.rows,
  };
}

export function ratiosOf(stages: Readonly<Record<string, StageResult>>): Ratios {
  const pairs = measuredPairs(stages);
  const silver = silverFigures(stages);
  const js = stages['reference-js'];
  const small = smallFigures(stages);
  const byPair = pairs.map((p) => p.silver.ms / p.reference.ms);
  const engineOnly = pairs.map(
    (p) => p.silver.ms / Number(p.reference.details['duckdbMs'] ?? p.reference.ms),
  );
  return {
    silverVsDuckdb: median(byPair),
    silverVsDuckdbPairs: byPair,
    silverVsDuckdbEngineOnly: median(engineOnly),
    jsVsSilver: js ? js.ms / silver.ms : null,
    diffVsSilver: stages['diff']!.ms / silver.ms,
    silverPeakGrowth:
      small?.medianPeakRssBytes && silver.medianPeakRssBytes
        ? silver.medianPeakRssBytes / small.medianPeakRssBytes
        : null,
  };
}

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1e6).toFixed(0)} MB`);

export function checkTargets(
  stages: Readonly<Record<string, StageResult>>,
  ratios: Ratios,
): TargetCheck[] {
  const silver = silverFigures(stages);
  const pairs = ratios.silverVsDuckdbPairs;
  const small = smallFigures(stages);
  const quality = stages['quality'];
  const qualityAvailable = quality?.details['available'] !== false;
  const rerun = stages['rerun']!;
  return [
    {
      target: 'bronze → silver within 1.5× the DuckDB reference',
      measured:
        pairs.length === 1
          ? `${ratios.silverVsDuckdb.toFixed(2)}×`
          : `${ratios.silverVsDuckdb.toFixed(2)}× (median of ${pairs.length} pairs: ` +
            `${pairs.map((r) => r.toFixed(2)).join(', ')})`,
      pass: ratios.silverVsDuckdb <= 1.5,
    },
    {
      target: 'diff within 2× bronze → silver',
      measured: `${ratios.diffVsSilver.toFixed(2)}×`,
      pass: ratios.diffVsSilver <= 2,
    },
    {
      target: `quality checks in a few seconds (≤ ${QUALITY_LIMIT_MS / 1000} s)`,
      measured:
        qualityAvailable && quality ? `${(quality.ms / 1000).toFixed(1)} s` : 'not available',
      pass: qualityAvailable && quality ? quality.ms <= QUALITY_LIMIT_MS : null,
    },
    {
      target: `re-run with an unchanged source under ${RERUN_LIMIT_MS / 1000} s`,
      measured: `${(rerun.ms / 1000).toFixed(2)} s`,
      pass: rerun.ms < RERUN_LIMIT_MS && rerun.details['extract'] === 'unchanged',
    },
    {
      target: 'bronze → silver peak memory under 1.5 GB',
      measured: mb(silver.peakRssBytes),
      pass: silver.peakRssBytes === null ? null : silver.peakRssBytes < PEAK_LIMIT_BYTES,
    },
    {
      target: `peak memory not growing with row count (medians < +${PEAK_GROWTH_TOLERANCE * 100}% at ${
        small ? (silver.rows / Math.max(small.rows, 1)).toFixed(1) : '?'
      }× the rows)`,
      measured:
        ratios.silverPeakGrowth === null
          ? 'n/a'
          : `median ${mb(small?.medianPeakRssBytes ?? null)} → ${mb(silver.medianPeakRssBytes)} ` +
            `(${ratios.silverPeakGrowth.toFixed(2)}×); highest ${mb(small?.peakRssBytes ?? null)} → ` +
            `${mb(silver.peakRssBytes)}`,
      pass:
        ratios.silverPeakGrowth === null
          ? null
          : ratios.silverPeakGrowth < 1 + PEAK_GROWTH_TOLERANCE,
    },
  ];
}
