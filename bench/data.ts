import { createRng } from '../shared/random';

/**
 * Customer-like features: k overlapping gaussian groups of unequal size and spread, so that k-means needs many
 * iterations and Ward's tree has no trivial structure. The same arguments give the same rows in every process.
 */
export function features(n: number, d: number, k: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const centers = Float64Array.from({ length: k * d }, () => rng.normal() * 1.5);
  const spread = Float64Array.from({ length: k }, () => 0.6 + rng.next());
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = Math.min(k - 1, Math.floor(k * rng.next() ** 1.5));
    for (let j = 0; j < d; j++) X[i * d + j] = centers[c * d + j] + spread[c] * rng.normal();
  }
  return X;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The p-th percentile (0 < p ≤ 1) of `values` by nearest rank: the smallest value with a share p at or below it. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Median wall time of `runs` calls after one untimed warm-up (none when runs is 1); returns the last value. */
export function timed<T>(runs: number, fn: () => T): { ms: number; value: T } {
  const times: number[] = [];
  let value = runs > 1 ? fn() : (undefined as T);
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    value = fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), value };
}
