// Timing helpers for the bench: percentiles over per-call samples, and peak RSS.

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  total: number;
}

export function summarize(samples: number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    total: samples.reduce((a, b) => a + b, 0),
  };
}

export async function time<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

let peak = 0;
/** Samples RSS every 50 ms; call the returned function to stop and read the peak (MB). */
export function watchRss(): () => number {
  const tick = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  tick();
  const timer = setInterval(tick, 50);
  return () => {
    clearInterval(timer);
    tick();
    return peak / 1024 / 1024;
  };
}

/**
 * Samples of `fn`, one call at a time: at least `min`, at most `max`, and no more once
 * `budgetMs` is spent, so the larger sizes stay within the run's time without starving S.
 */
export async function repeat(fn: () => Promise<unknown>, min: number, max: number, budgetMs: number): Promise<number[]> {
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < max && (samples.length < min || spent < budgetMs)) {
    const [, ms] = await time(fn);
    samples.push(ms);
    spent += ms;
  }
  return samples;
}

/** The kernel's high-water mark of this process's resident set, in MB: no sampling gaps. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
