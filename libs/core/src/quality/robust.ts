/** Median of a non-empty list (mean of the two middle values for an even length). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median absolute deviation from the median. */
export function mad(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** MAD scaled to estimate a standard deviation under normality (1.4826 x MAD). */
export const MAD_TO_SIGMA = 1.4826;

/**
 * Robust z-score of `value` against a baseline that does not contain it: distance from the
 * baseline's median in units of its scaled MAD, never smaller than `floor` (a flat history must
 * not turn every wobble into an outlier).
 */
export function robustZ(value: number, baseline: readonly number[], floor: number): number {
  const scale = Math.max(MAD_TO_SIGMA * mad(baseline), floor);
  return (value - median(baseline)) / scale;
}
