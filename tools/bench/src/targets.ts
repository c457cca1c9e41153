import type { StageResult } from './stage-result.ts';

/** One target of issue 7, checked against the measured figures. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** Null when the figure could not be measured (e.g. no quality step exported yet). */
  readonly pass: boolean | null;
}

export interface Ratios {
  /** bronze → silver time over the DuckDB straight-to-Parquet reference (decode included). */
  readonly silverVsDuckdb: number;
  /** bronze → silver time over DuckDB's own read+write (UTF-8 file, no decode). */
  readonly silverVsDuckdbEngineOnly: number;
  /** The JavaScript streaming parse time over bronze → silver (how much faster we are). */
  readonly jsVsSilver: number | null;
  /** Diff time over bronze → silver. */
  readonly diffVsSilver: number;
  /** Peak RSS of bronze → silver at the full size over the smaller size. */
  readonly silverPeakGrowth: number | null;
}

const GB = 1024 ** 3;
export const PEAK_LIMIT_BYTES = 1.5 * GB;
/** "Not growing with row count": at 4x the rows, the peak may grow by less than this share. */
export const PEAK_GROWTH_TOLERANCE = 0.25;
export const QUALITY_LIMIT_MS = 5_000;
export const RERUN_LIMIT_MS = 3_000;

export function ratiosOf(stages: Readonly<Record<string, StageResult>>): Ratios {
  const silver = stages['silver']!;
  const ref = stages['reference-duckdb']!;
  const js = stages['reference-js'];
  const small = stages['silver-small'];
  const engineOnly = Number(ref.details['duckdbMs'] ?? ref.ms);
  return {
    silverVsDuckdb: silver.ms / ref.ms,
    silverVsDuckdbEngineOnly: silver.ms / engineOnly,
    jsVsSilver: js ? js.ms / silver.ms : null,
    diffVsSilver: stages['diff']!.ms / silver.ms,
    silverPeakGrowth:
      small?.peakRssBytes && silver.peakRssBytes ? silver.peakRssBytes / small.peakRssBytes : null,
  };
}

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1e6).toFixed(0)} MB`);

export function checkTargets(
  stages: Readonly<Record<string, StageResult>>,
  ratios: Ratios,
): TargetCheck[] {
  const silver = stages['silver']!;
  const small = stages['silver-small'];
  const quality = stages['quality'];
  const qualityAvailable = quality?.details['available'] !== false;
  const rerun = stages['rerun']!;
  return [
    {
      target: 'bronze → silver within 1.5× the DuckDB reference',
      measured: `${ratios.silverVsDuckdb.toFixed(2)}×`,
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
      target: `peak memory not growing with row count (< +${PEAK_GROWTH_TOLERANCE * 100}% at ${
        small ? (silver.rows / Math.max(small.rows, 1)).toFixed(1) : '?'
      }× the rows)`,
      measured:
        ratios.silverPeakGrowth === null
          ? 'n/a'
          : `${mb(small?.peakRssBytes ?? null)} → ${mb(silver.peakRssBytes)} (${ratios.silverPeakGrowth.toFixed(2)}×)`,
      pass:
        ratios.silverPeakGrowth === null
          ? null
          : ratios.silverPeakGrowth < 1 + PEAK_GROWTH_TOLERANCE,
    },
  ];
}
