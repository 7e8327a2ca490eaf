import casesJson from '../../fixtures/segment/kernels-kmeans-plus-plus.json';
import { InputError } from '../../../shared/errors';
import { createRng, type Rng } from '../../../shared/random';
import { kMeansPlusPlus } from '../../../shared/segment/kmeans-plus-plus';
import { kernelDatasets } from './helpers';

const cases = casesJson as { dataset: string; k: number; seed: number; draws: number[]; indices: number[] }[];

/** An Rng that hands out recorded uniforms (numpy's RandomState.random_sample), and counts them. */
function replay(draws: number[]): Rng & { used: () => number } {
  let p = 0;
  const next = () => {
    if (p >= draws.length) throw new Error('replay: ran out of draws');
    return draws[p++];
  };
  return { next, int: (m) => Math.floor(next() * m), normal: () => NaN, used: () => p };
}

function rowsOf(X: Float64Array, d: number, indices: number[]): Float64Array {
  const out = new Float64Array(indices.length * d);
  indices.forEach((i, r) => out.set(X.subarray(i * d, i * d + d), r * d));
  return out;
}

describe('kMeansPlusPlus', () => {
  test('kMeansPlusPlus(X, n, d, k, rng) makes the greedy choice among the local trials', () => {
    // X = 0, 1, 10. Draw 0.1 → first centre floor(0.1·3) = row 0; squared distances 0, 1, 100 (potential 101).
    // k = 2 → 2 + ⌊ln 2⌋ = 2 trials (cumulative 0, 1, 101): 0.5·101 = 50.5 → row 2; 0.005·101 = 0.505 → row 1.
    // Row 2 leaves potential min(1, 81) = 1, row 1 leaves 81: row 2 (x = 10) wins.
    const rng = replay([0.1, 0.5, 0.005]);
    expect(Array.from(kMeansPlusPlus(Float64Array.of(0, 1, 10), 3, 1, 2, rng))).toEqual([0, 10]);
    expect(rng.used()).toBe(3);
  });

  test.each(cases.map((c) => [c.dataset, c.k, c.seed, c] as const))(
    'kMeansPlusPlus on %s with k=%i picks the rows of scikit-learn kmeans_plusplus(random_state=%i) from its draws',
    (_name, k, _seed, c) => {
      const { n, d, X: values } = kernelDatasets[c.dataset];
      const X = Float64Array.from(values);
      const rng = replay(c.draws);
      expect(kMeansPlusPlus(X, n, d, k, rng)).toEqual(rowsOf(X, d, c.indices));
      expect(rng.used()).toBe(c.draws.length);
    },
  );

  test('kMeansPlusPlus(X, n, d, k, rng) returns k distinct rows of X, the same for the same seed', () => {
    const source = createRng(3);
    const n = 200;
    const d = 3;
    const X = Float64Array.from({ length: n * d }, () => source.normal());
    for (const k of [1, 2, 7, 25]) {
      const centers = kMeansPlusPlus(X, n, d, k, createRng(k));
      const indices = [];
      for (let c = 0; c < k; c++) {
        const i = [...Array(n).keys()].find((r) => [0, 1, 2].every((j) => X[r * d + j] === centers[c * d + j]));
        expect(i).toBeDefined();
        indices.push(i);
      }
      expect(new Set(indices).size).toBe(k);
      expect(kMeansPlusPlus(X, n, d, k, createRng(k))).toEqual(centers);
    }
  });

  test('kMeansPlusPlus spreads the centres: with two far groups and k = 2 it takes one row from each', () => {
    const X = Float64Array.of(0, 0, 0.1, 0, 0, 0.1, 50, 50, 50.1, 50, 50, 50.1);
    for (let seed = 0; seed < 20; seed++) {
      const centers = kMeansPlusPlus(X, 6, 2, 2, createRng(seed));
      expect(Math.abs(centers[0] - centers[2])).toBeGreaterThan(40);
    }
  });

  test('kMeansPlusPlus rejects k outside 1..n with both numbers in the message', () => {
    const X = Float64Array.of(1, 2, 3);
    expect(() => kMeansPlusPlus(X, 3, 1, 5, createRng(0))).toThrow(
      new InputError('kMeansPlusPlus: k=5 exceeds the 3 usable rows'),
    );
    expect(() => kMeansPlusPlus(X, 3, 1, 0, createRng(0))).toThrow('kMeansPlusPlus: k=0 must be a positive integer');
    expect(() => kMeansPlusPlus(X, 3, 1, 2, createRng(0), 0)).toThrow('localTrials=0 must be a positive integer');
  });
});
