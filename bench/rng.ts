// A seeded pseudo-random generator for the bench: the same seed gives the same projects and
// queries on every machine, so figures from different runs measure the same work.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** A UUID-shaped id (version 4 layout), for rows the generator inserts itself. */
  uuid(): string;
  /** An independent stream, so adding draws to one part does not shift every other part. */
  fork(label: string): Rng;
}

function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function rng(seed: number | string): Rng {
  // sfc32: small, fast, and good enough for workloads (not for anything secret).
  let a = hash32(`a${seed}`);
  let b = hash32(`b${seed}`);
  let c = hash32(`c${seed}`);
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const hex = (n: number): string =>
    Math.floor(next() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  const self: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(6)}${hex(6)}`,
    fork: (label) => rng(`${seed}/${label}`),
  };
  return self;
}

/**
 * Draws ranks 0..n-1 with probability proportional to 1 / (rank + q)^s: word frequencies in
 * real text follow this (Zipf–Mandelbrot), which is what makes common words common and leaves
 * a long tail of words seen once.
 */
export function zipf(n: number, s = 1.05, q = 2.7): (r: Rng) => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cdf[i] = total += 1 / Math.pow(i + q, s);
  return (r) => {
    const x = r.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
