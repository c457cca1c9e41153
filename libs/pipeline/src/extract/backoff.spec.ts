import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelay } from './backoff.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');

  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Fri, 04 Dec 2026 12:00:30 GMT', 30_000],
    ['Fri, 04 Dec 2026 11:00:00 GMT', 0],
  ])('reads `%s` as %i ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([null, '', 'soon'])('ignores `%s`', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('doubles from the base and scales by a jitter factor in [0.5, 1)', () => {
    expect([0, 1, 2, 3].map((n) => retryDelay(n, DEFAULT_BACKOFF, () => 0))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect(retryDelay(1, DEFAULT_BACKOFF, () => 0.999)).toBe(1000);
  });

  it('caps the exponential delay', () => {
    expect(retryDelay(20, DEFAULT_BACKOFF, () => 0.999)).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
  });

  it('follows Retry-After, capped', () => {
    expect(retryDelay(0, DEFAULT_BACKOFF, () => 0, 7000)).toBe(7000);
    expect(retryDelay(0, DEFAULT_BACKOFF, () => 0, 10_000_000)).toBe(
      DEFAULT_BACKOFF.maxRetryAfterMs,
    );
  });
});
