import { createRng, type Rng } from '../../shared/random';

/**
 * The generator behind one demo data set: the demo seed mixed with the set's name (FNV-1a), so that every set
 * draws its own stream and adding a set never changes the others.
 *
 * @example
 * demoRng(42, 'Transactions').next(); // the same float on every run
 */
export function demoRng(seed: number, stream: string): Rng {
  let hash = 0x811c9dc5;
  for (let i = 0; i < stream.length; i++) hash = Math.imul(hash ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  return createRng((Math.trunc(seed) ^ hash) >>> 0);
}

/**
 * A Poisson(lambda) count: Knuth's product of uniforms below lambda = 30, the rounded normal approximation
 * (mean and variance lambda) above it, where Knuth's loop gets slow and the approximation is close.
 *
 * @example
 * poisson(createRng(1), 4); // a count whose mean over many draws is 4
 */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda >= 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
  const limit = Math.exp(-lambda);
  let k = 0;
  let product = rng.next();
  while (product > limit) {
    k++;
    product *= rng.next();
  }
  return k;
}

/**
 * A log-normal draw given its median and the standard deviation `sigma` of its logarithm: median · exp(sigma · Z).
 * Spend, revenue and usage are right-skewed like this in practice.
 *
 * @example
 * logNormal(createRng(1), 50, 0.5); // positive, half of all draws below 50
 */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal());
}

/**
 * An index drawn with probability proportional to `weights[i]` (weights need not sum to 1).
 *
 * @example
 * pickWeighted(createRng(1), [0, 1, 0]); // 1
 */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** An integer drawn uniformly from lo..hi, both included. */
export function uniformInt(rng: Rng, lo: number, hi: number): number {
  return lo + rng.int(hi - lo + 1);
}

/** Shuffles `items` in place (Fisher–Yates) and returns it. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}

/**
 * `total` class indices in exact proportions: round(total · shares[i]) of each class, the last class taking the
 * remainder, in class order (shuffle them). Planting exact counts keeps an effect the same whatever the seed.
 *
 * @example
 * exactMix(5, [0.6, 0.4]); // [0, 0, 0, 1, 1]
 */
export function exactMix(total: number, shares: readonly number[]): number[] {
  const out: number[] = [];
  shares.forEach((share, i) => {
    const count = i === shares.length - 1 ? total - out.length : Math.round(total * share);
    for (let c = 0; c < count; c++) out.push(i);
  });
  return out;
}
