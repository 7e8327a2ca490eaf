import datasetsJson from '../../fixtures/segment/kernels-datasets.json';
import casesJson from '../../fixtures/segment/kernels-kmeans.json';
import { InputError } from '../../../shared/errors';
import { createRng, type Rng } from '../../../shared/random';
import { kMeans } from '../../../shared/segment/kmeans';
import { kMeansPlusPlus } from '../../../shared/segment/kmeans-plus-plus';

/** The slice of ml-kmeans used here. */
interface MlKMeansResult {
  clusters: number[];
  centroids: number[][];
  converged: boolean;
  iterations: number;
  computeInformation(data: number[][]): { error: number; size: number }[];
}
type MlKMeans = (
  data: number[][],
  K: number,
  options: { initialization: number[][]; tolerance: number; maxIterations: number },
) => MlKMeansResult;
// ml-kmeans is ESM with an "exports" map only, which TypeScript's moduleResolution "node" cannot type; jest
// transforms it (jest.config.js), so it is required with the slice of its API declared above.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mlKMeans = (require('ml-kmeans') as { kmeans: MlKMeans }).kmeans;

interface Dataset {
  n: number;
  d: number;
  X: number[];
}
interface FixedInit {
  dataset: string;
  description: string;
  k: number;
  maxIterations: number;
  tolerance: number;
  initialCentroids: number[];
  labels: number[];
  centroids: number[];
  inertia: number;
  iterations: number;
}
const datasets = datasetsJson as Record<string, Dataset>;
const { fixedInit, replayed, quality } = casesJson as {
  fixedInit: FixedInit[];
  replayed: { dataset: string; k: number; seed: number; draws: number[]; inertia: number }[];
  quality: { dataset: string; k: number; seeds: number[]; inertias: number[] }[];
};

function load(name: string): { X: Float64Array; n: number; d: number } {
  const { n, d, X } = datasets[name];
  return { X: Float64Array.from(X), n, d };
}

function replay(draws: number[]): Rng {
  let p = 0;
  const next = () => draws[p++];
  return { next, int: (m) => Math.floor(next() * m), normal: () => NaN };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function rowsOf(flat: ArrayLike<number>, k: number, d: number): number[][] {
  return Array.from({ length: k }, (_, c) => Array.from({ length: d }, (_, j) => flat[c * d + j]));
}

describe('kMeans', () => {
  test('kMeans(X, {k: 2}) splits two obvious groups: centroids 0.5 and 10.5, inertia 4 × 0.25 = 1', () => {
    const result = kMeans(Float64Array.of(0, 1, 10, 11), 4, 1, { k: 2 });
    const low = result.labels[0];
    expect(Array.from(result.labels)).toEqual([low, low, 1 - low, 1 - low]);
    expect(result.centroids[low]).toBe(0.5);
    expect(result.centroids[1 - low]).toBe(10.5);
    expect(result.inertia).toBe(1);
    expect(result.converged).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  test('kMeans(X, {k: 1}) puts the centroid at the column means and the inertia at the total sum of squares', () => {
    // Rows (0, 0), (2, 0), (4, 6): means (2, 2); squares 4 + 4 + 0 + 4 + 4 + 16 = 32.
    const result = kMeans(Float64Array.of(0, 0, 2, 0, 4, 6), 3, 2, { k: 1 });
    expect(Array.from(result.centroids)).toEqual([2, 2]);
    expect(result.inertia).toBe(32);
    expect(Array.from(result.labels)).toEqual([0, 0, 0]);
  });

  describe.each(fixedInit.map((c) => [c.dataset, c.description, c] as const))('on %s, %s', (_name, _description, c) => {
    test('kMeans with initialCentroids equals scikit-learn KMeans(init=centroids, n_init=1)', () => {
      const { X, n, d } = load(c.dataset);
      const result = kMeans(X, n, d, {
        k: c.k,
        initialCentroids: Float64Array.from(c.initialCentroids),
        maxIterations: c.maxIterations,
        tolerance: c.tolerance,
      });
      expect(Array.from(result.labels)).toEqual(c.labels);
      expect(maxAbsDifference(result.centroids, c.centroids)).toBeLessThan(1e-12);
      expect(Math.abs(result.inertia - c.inertia) / c.inertia).toBeLessThan(1e-12);
      expect(result.iterations).toBe(c.iterations);
      expect(result.converged).toBe(c.iterations < c.maxIterations);
    });
  });

  test('kMeans stopped by maxIterations says so in its warnings', () => {
    const c = fixedInit.find((f) => f.maxIterations === 3) as FixedInit;
    const { X, n, d } = load(c.dataset);
    const result = kMeans(X, n, d, {
      k: c.k,
      initialCentroids: Float64Array.from(c.initialCentroids),
      maxIterations: 3,
    });
    expect(result.converged).toBe(false);
    expect(result.warnings).toEqual([`kMeans: stopped at maxIterations=3 before the centroids settled (k=${c.k})`]);
  });

  test.each(replayed.map((c) => [c.dataset, c.k, c.seed, c] as const))(
    'kMeans on %s, k=%i, seeded from the draws of random_state=%i, ends at KMeans(n_init=1)’s inertia',
    (_name, k, _seed, c) => {
      const { X, n, d } = load(c.dataset);
      const initialCentroids = kMeansPlusPlus(X, n, d, k, replay(c.draws));
      const result = kMeans(X, n, d, { k, initialCentroids });
      expect(Math.abs(result.inertia - c.inertia) / c.inertia).toBeLessThan(1e-12);
    },
  );

  test.each(quality.map((c) => [c.dataset, c.k, c.seeds.length, c] as const))(
    'kMeans(restarts=10) on %s, k=%i: median inertia over %i seeds within 0.1%% of scikit-learn KMeans(n_init=10)',
    (_name, k, _count, c) => {
      const { X, n, d } = load(c.dataset);
      const ours = c.seeds.map((seed) => kMeans(X, n, d, { k, seed, restarts: 10 }).inertia);
      expect(median(ours)).toBeLessThanOrEqual(median(c.inertias) * 1.001);
    },
  );

  describe.each([
    ['customers', 4],
    ['sessions', 6],
  ] as const)('against ml-kmeans on %s, k=%i', (name, k) => {
    test('kMeans with initialCentroids gives ml-kmeans’ labels, centroids, inertia and iterations', () => {
      const { X, n, d } = load(name);
      const initialCentroids = kMeansPlusPlus(X, n, d, k, createRng(11));
      // tolerance 0 on both sides: run to the fixed point (our relative tolerance and ml-kmeans' absolute one differ).
      const ours = kMeans(X, n, d, { k, initialCentroids, tolerance: 0, maxIterations: 300 });
      const data = rowsOf(X, n, d);
      const theirs = mlKMeans(data, k, {
        initialization: rowsOf(initialCentroids, k, d),
        tolerance: 0,
        maxIterations: 300,
      });
      expect(Array.from(ours.labels)).toEqual(theirs.clusters);
      expect(maxAbsDifference(ours.centroids, theirs.centroids.flat())).toBeLessThan(1e-12);
      const theirInertia = theirs.computeInformation(data).reduce((sum, c) => sum + c.error * c.size, 0);
      expect(Math.abs(ours.inertia - theirInertia) / theirInertia).toBeLessThan(1e-12);
      expect(ours.iterations).toBe(theirs.iterations);
      expect(theirs.converged).toBe(true);
    });
  });

  test('kMeans labels every row with its nearest centroid, and each centroid is the mean of its rows', () => {
    const rng = createRng(21);
    const n = 400;
    const d = 3;
    const X = Float64Array.from({ length: n * d }, () => rng.normal() + (rng.next() < 0.5 ? 3 : 0));
    for (const k of [2, 5, 9]) {
      const { labels, centroids, inertia } = kMeans(X, n, d, { k, seed: k, tolerance: 0 });
      let total = 0;
      const sums = new Float64Array(k * d);
      const counts = new Float64Array(k);
      for (let i = 0; i < n; i++) {
        const distances = Array.from({ length: k }, (_, c) =>
          [0, 1, 2].reduce((s, j) => s + (X[i * d + j] - centroids[c * d + j]) ** 2, 0),
        );
        expect(distances[labels[i]]).toBe(Math.min(...distances));
        total += distances[labels[i]];
        counts[labels[i]]++;
        for (let j = 0; j < d; j++) sums[labels[i] * d + j] += X[i * d + j];
      }
      expect(inertia).toBeCloseTo(total, 9);
      for (let c = 0; c < k; c++) {
        expect(counts[c]).toBeGreaterThan(0);
        for (let j = 0; j < d; j++) expect(centroids[c * d + j]).toBeCloseTo(sums[c * d + j] / counts[c], 12);
      }
    }
  });

  test('kMeans is reproducible: the same seed gives the same result, restarts never raise the inertia', () => {
    const { X, n, d } = load('sessions');
    const a = kMeans(X, n, d, { k: 6, seed: 3, restarts: 4 });
    const b = kMeans(X, n, d, { k: 6, seed: 3, restarts: 4 });
    expect(b.labels).toEqual(a.labels);
    expect(b.centroids).toEqual(a.centroids);
    // The first of 4 restarts from seed 3 is the single run from seed 3.
    expect(a.inertia).toBeLessThanOrEqual(kMeans(X, n, d, { k: 6, seed: 3, restarts: 1 }).inertia);
  });

  test('kMeans leaves X and initialCentroids untouched, also when d = 4 needs no padded copy', () => {
    const { X, n, d } = load('blobs');
    const before = X.slice();
    const initialCentroids = kMeansPlusPlus(X, n, d, 4, createRng(1));
    const centroidsBefore = initialCentroids.slice();
    kMeans(X, n, d, { k: 4, initialCentroids });
    kMeans(X, n, d, { k: 4, restarts: 2 });
    expect(X).toEqual(before);
    expect(initialCentroids).toEqual(centroidsBefore);
  });

  test('kMeans with fewer distinct rows than k leaves clusters empty and warns, as scikit-learn', () => {
    const X = Float64Array.of(0, 0, 0, 5, 5, 9);
    const result = kMeans(X, 6, 1, { k: 5 });
    expect(result.inertia).toBe(0);
    expect(new Set(result.labels).size).toBe(3);
    expect(result.warnings).toEqual([
      'kMeans: only 3 of the k=5 clusters have rows, probably because X has duplicate rows',
    ]);
  });

  test('kMeans rejects bad k, restarts, iterations, tolerance, seed and centroids, quoting the values', () => {
    const X = Float64Array.of(1, 2, 3);
    expect(() => kMeans(X, 3, 1, { k: 5 })).toThrow(new InputError('kMeans: k=5 exceeds the 3 usable rows'));
    expect(() => kMeans(X, 3, 1, { k: 0 })).toThrow('kMeans: k=0 must be a positive integer');
    expect(() => kMeans(X, 3, 1, { k: 2, restarts: 0 })).toThrow('kMeans: restarts=0 must be a positive integer');
    expect(() => kMeans(X, 3, 1, { k: 2, maxIterations: 2.5 })).toThrow('maxIterations=2.5 must be a positive integer');
    expect(() => kMeans(X, 3, 1, { k: 2, tolerance: -1 })).toThrow('kMeans: tolerance=-1 must be a finite number >= 0');
    expect(() => kMeans(X, 3, 1, { k: 2, seed: NaN })).toThrow('kMeans: seed=NaN must be a finite number');
    expect(() => kMeans(X, 3, 1, { k: 2, initialCentroids: Float64Array.of(1) })).toThrow(
      'kMeans initialCentroids: X has 1 values but n×d = 2×1 = 2',
    );
    try {
      kMeans(X, 3, 1, { k: 5 });
    } catch (error) {
      expect((error as InputError).field).toBe('k');
    }
  });
});
