import datasetsJson from '../../fixtures/segment/scale-datasets.json';
import { createRng } from '../../../shared/random';

interface MixtureSpec {
  n: number;
  d: number;
  k: number;
  seed: number;
  spread: number;
}

/** What scripts/fixtures/segment_scale.py drew: the specs, the first and last rows, and createRng(42)'s first draws. */
export const scaleDatasets = datasetsJson as {
  specs: Record<string, MixtureSpec>;
  checks: Record<string, number[][]>;
  rngDraws: number[];
};

/**
 * The twin of segment_scale.py's mixture(): k centres in [−4, 4]^d, each row a centre plus spread·(u1 + u2 + u3 −
 * 1.5), uniform draws only, in the script's order, so the rows are the script's bit for bit.
 */
export function mixture(name: string): { X: Float64Array; n: number; d: number } {
  const { n, d, k, seed, spread } = scaleDatasets.specs[name];
  const rng = createRng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => 8 * rng.next() - 4));
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = rng.int(k);
    for (let j = 0; j < d; j++) X[i * d + j] = centres[c][j] + spread * (rng.next() + rng.next() + rng.next() - 1.5);
  }
  return { X, n, d };
}
