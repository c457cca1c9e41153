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

/** mulberry32: a class, not closures, so a row's generator costs one small allocation. */
class Mulberry32 implements Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A deterministic generator from a 32-bit seed. */
export function seededRandom(seed: number): Random {
  return new Mulberry32(seed);
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
