/**
 * A small seeded generator (mulberry32) and a 32-bit mixer, so every row can be rebuilt from
 * `(seed, row index)` alone: the second snapshot regenerates the first without reading it.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** Mixes 32-bit words into one well-spread 32-bit seed (murmur3 finaliser). */
export function mix32(...words: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const w of words) {
    h = Math.imul(h ^ (w >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A deterministic generator from a 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** Picks by weight: `[[value, weight], ...]` with weights summing to anything positive. */
export function weighted<T>(table: readonly (readonly [T, number])[]): (r: Random) => T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  const cumulative = table.map(([value], i) => ({
    value,
    upTo: table.slice(0, i + 1).reduce((sum, [, w]) => sum + w, 0) / total,
  }));
  return (r) => {
    const u = r.next();
    return (cumulative.find((c) => u < c.upTo) ?? cumulative[cumulative.length - 1]!).value;
  };
}
