import { describe, expect, it } from 'vitest';

import type { StageResult } from './stage-result.ts';
import { checkTargets, median, ratiosOf, silverFigures, smallFigures } from './targets.ts';

function stage(name: string, ms: number, peakMb: number | null = 500): StageResult {
  return {
    stage: name,
    ms,
    rows: 1000,
    bytes: 1e6,
    peakRssBytes: peakMb === null ? null : peakMb * 1e6,
    sampledRssBytes: 1,
    baselineRssBytes: 1,
    details: name.startsWith('reference') ? { duckdbMs: ms / 2 } : { extract: 'unchanged' },
  };
}

/** Three alternate pairs where the second silver run was slowed down by something else. */
const stages: Record<string, StageResult> = {
  'reference-duckdb': stage('reference-duckdb', 10_000),
  silver: stage('silver', 13_000, 700),
  'reference-duckdb-2': stage('reference-duckdb', 10_000),
  'silver-2': stage('silver', 17_000, 650),
  'reference-duckdb-3': stage('reference-duckdb', 11_000),
  'silver-3': stage('silver', 14_300, 720),
  diff: stage('diff', 7_000),
  quality: stage('quality', 1_000),
  rerun: stage('rerun', 100),
  'silver-small': stage('silver', 3_000, 600),
  'silver-small-2': stage('silver', 3_000, 640),
  'silver-small-3': stage('silver', 3_000, 560),
};

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('ratios over alternate pairs', () => {
  it('uses the median pair ratio, so one disturbed run does not decide the target', () => {
    const ratios = ratiosOf(stages);
    expect(ratios.silverVsDuckdbPairs).toEqual([1.3, 1.7, 1.3]);
    expect(ratios.silverVsDuckdb).toBeCloseTo(1.3);
    // Against the DuckDB part alone (half of each reference here): 2.6, 3.4, 2.6.
    expect(ratios.silverVsDuckdbEngineOnly).toBeCloseTo(2.6);
    // Other ratios divide by the median silver time, 14.3 s.
    expect(ratios.diffVsSilver).toBeCloseTo(7 / 14.3);
  });

  it('judges the 1.5 GB limit by the worst run, and growth by the medians', () => {
    expect(silverFigures(stages)).toEqual({
      ms: 14_300,
      peakRssBytes: 720e6,
      medianPeakRssBytes: 700e6,
      rows: 1000,
    });
    expect(smallFigures(stages)).toEqual({
      medianPeakRssBytes: 600e6,
      peakRssBytes: 640e6,
      rows: 1000,
    });
    // 700 / 600 MB: the highest full-size run against one small run would say 720 / 560.
    expect(ratiosOf(stages).silverPeakGrowth).toBeCloseTo(700 / 600);
    const growth = checkTargets(stages, ratiosOf(stages))[5];
    expect(growth?.measured).toBe('median 600 MB → 700 MB (1.17×); highest 640 MB → 720 MB');
    expect(growth?.pass).toBe(true);
    const unknown = { ...stages, 'silver-2': stage('silver', 17_000, null) };
    expect(silverFigures(unknown).peakRssBytes).toBeNull();
    expect(ratiosOf(unknown).silverPeakGrowth).toBeNull();
  });

  it('names every pair in the silver target', () => {
    const [silverTarget] = checkTargets(stages, ratiosOf(stages));
    expect(silverTarget).toEqual({
      target: 'bronze → silver within 1.5× the DuckDB reference',
      measured: '1.30× (median of 3 pairs: 1.30, 1.70, 1.30)',
      pass: true,
    });
  });

  it('stops at the first missing pair', () => {
    const { 'reference-duckdb-2': _dropped, ...gap } = stages;
    expect(ratiosOf(gap).silverVsDuckdbPairs).toEqual([1.3]);
  });
});
