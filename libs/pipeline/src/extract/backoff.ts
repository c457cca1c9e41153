/** Delays between attempts. */
export interface BackoffPolicy {
  /** Delay before the first retry, before jitter, in ms (default 500). */
  readonly baseMs: number;
  /** Longest backoff delay, in ms (default 30 000). */
  readonly maxMs: number;
  /** Longest `Retry-After` honoured, in ms (default 300 000); longer values are cut to it. */
  readonly maxRetryAfterMs: number;
}

/** The default policy: 0.5 s, 1 s, 2 s, ... up to 30 s, with jitter. */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 500,
  maxMs: 30_000,
  maxRetryAfterMs: 300_000,
};

/**
 * Milliseconds to wait for a `Retry-After` header: delta-seconds (`120`) or an HTTP date;
 * undefined when absent or unreadable. A date in the past gives 0.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Delay before retry number `attempt` (0 = first retry): exponential backoff with jitter
 * (`base * 2^attempt`, capped, then scaled by a random factor in [0.5, 1)), or the server's
 * `Retry-After` when it gave one (capped at `maxRetryAfterMs`).
 */
export function retryDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(exponential * (0.5 + random() / 2));
}
