import casesJson from '../../fixtures/segment/scale-mini-batch.json';
import { InputError } from '../../../shared/errors';
import { miniBatchKMeans, nearest } from '../../../shared/segment/mini-batch-kmeans';
import { mixture } from './scale-data';

const cases = casesJson as { dataset: string; k: number; miniBatchInertias: number[]; kMeansInertia: number }[];
const data = mixture('mixture-20000x6');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

describe('miniBatchKMeans', () => {
  test.each(cases.map((c) => [c.k, c] as const))(
    'miniBatchKMeans(k=%d) on 20,000 rows over seeds 0..4 fits as well as scikit-learn’s MiniBatchKMeans over 5 seeds',
    (k, c) => {
      const runs = [0, 1, 2, 3, 4].map((seed) => miniBatchKMeans(data.X, data.n, data.d, { k, seed }));
      const inertias = runs.map((r) => r.inertia);
      expect(median(inertias)).toBeLessThanOrEqual(median(c.miniBatchInertias) * 1.005);
      // The best of five seeds is within 1 % of full k-means (10 restarts).
      expect(Math.min(...inertias)).toBeLessThanOrEqual(c.kMeansInertia * 1.01);
      for (const result of runs) {
        expect(result.converged).toBe(true);
        expect(result.batchSize).toBe(1024);
        // Stopped by the smoothed inertia long before 100 passes over the data (1,954 steps).
        expect(result.steps).toBeLessThan(1954);
      }
    },
  );

  test('miniBatchKMeans labels every row by its nearest final centroid and sums their squared distances', () => {
    const { X, n, d } = data;
    const result = miniBatchKMeans(X, n, d, { k: 5, seed: 2 });
    let total = 0;
    for (let i = 0; i < n; i += 97) {
      const distances = Array.from({ length: 5 }, (_, c) => {
        let s = 0;
        for (let j = 0; j < d; j++) s += (X[i * d + j] - result.centroids[c * d + j]) ** 2;
        return s;
      });
      expect(distances[result.labels[i]]).toBe(Math.min(...distances));
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) total += (X[i * d + j] - result.centroids[result.labels[i] * d + j]) ** 2;
    }
    expect(result.inertia).toBeCloseTo(total, 6);
  });

  test('miniBatchKMeans is deterministic for a seed and differs between seeds', () => {
    const a = miniBatchKMeans(data.X, data.n, data.d, { k: 6, seed: 4 });
    const b = miniBatchKMeans(data.X, data.n, data.d, { k: 6, seed: 4 });
    const c = miniBatchKMeans(data.X, data.n, data.d, { k: 6, seed: 5 });
    expect(b.labels).toEqual(a.labels);
    expect(b.inertia).toBe(a.inertia);
    expect(c.centroids).not.toEqual(a.centroids);
  });

  test('nearest(rows, centers) sums each row’s squared distance to its closest centre', () => {
    // Padded rows (0,0,0,0) and (10,0,0,0) against centre (1,0,0,0): 1 + 81.
    const labels = new Int32Array(2);
    expect(nearest(Float64Array.of(0, 0, 0, 0, 10, 0, 0, 0), 2, 4, Float64Array.of(1, 0, 0, 0), 1, labels)).toBe(82);
  });

  test('miniBatchKMeans rejects k above the rows and a batch size below 1', () => {
    const X = Float64Array.of(0, 1, 2);
    expect(() => miniBatchKMeans(X, 3, 1, { k: 4 })).toThrow(
      new InputError('miniBatchKMeans: k=4 exceeds the 3 usable rows'),
    );
    expect(() => miniBatchKMeans(X, 3, 1, { k: 2, batchSize: 0 })).toThrow(
      'miniBatchKMeans: batchSize=0 must be a positive integer',
    );
  });
});
