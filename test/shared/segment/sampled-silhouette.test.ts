import casesJson from '../../fixtures/segment/scale-silhouette.json';
import { InputError } from '../../../shared/errors';
import { createRng } from '../../../shared/random';
import { kMeans } from '../../../shared/segment/kmeans';
import { estimateSilhouette, sampledSilhouette, sampleRows } from '../../../shared/segment/sampled-silhouette';
import { silhouetteScore } from '../../../shared/segment/silhouette';
import { mixture, scaleDatasets } from './scale-data';

const cases = casesJson as {
  dataset: string;
  k: number;
  sampleSize: number;
  seed: number;
  labels: number[];
  rows: number[];
  samples: number[];
  score: number;
  standardError: number;
  exactScore: number;
}[];

const data = mixture('mixture-3000x4');

describe('sampleRows', () => {
  test('the fixtures rebuild the script’s rows: createRng and the mixture match the Python port bit for bit', () => {
    const rng = createRng(42);
    expect(scaleDatasets.rngDraws.map(() => rng.next())).toEqual(scaleDatasets.rngDraws);
    const [first, last] = scaleDatasets.checks['mixture-3000x4'];
    expect(Array.from(data.X.subarray(0, 4))).toEqual(first);
    expect(Array.from(data.X.subarray(data.X.length - 4))).toEqual(last);
  });

  test('sampleRows(n, m, rng) draws m distinct rows in ascending order, as the fixture script’s Fisher–Yates', () => {
    for (const c of cases) {
      const rows = sampleRows(data.n, c.sampleSize, createRng(c.seed));
      expect(Array.from(rows)).toEqual(c.rows);
      expect(new Set(rows).size).toBe(c.sampleSize);
    }
  });

  test('sampleRows gives every row when m ≥ n, and each row about equally often', () => {
    expect(Array.from(sampleRows(5, 9, createRng(1)))).toEqual([0, 1, 2, 3, 4]);
    // 2,000 draws of 3 out of 10: each row expected 600 times, sd ≈ 20.
    const counts = new Array(10).fill(0);
    const rng = createRng(3);
    for (let t = 0; t < 2000; t++) for (const i of sampleRows(10, 3, rng)) counts[i]++;
    for (const count of counts) expect(Math.abs(count - 600)).toBeLessThan(100);
  });

  test('sampleRows rejects a negative or fractional size', () => {
    expect(() => sampleRows(10, -1, createRng(0))).toThrow(
      new InputError('sampleRows: m=-1 must be a whole number >= 0'),
    );
    expect(() => sampleRows(2.5, 1, createRng(0))).toThrow('sampleRows: n=2.5');
  });
});

describe('sampledSilhouette', () => {
  test('sampledSilhouette on a hand-computed line scores the sampled rows against each other only', () => {
    // Rows 0, 1 | 4, 6 | 10; sampling rows 0..3 leaves the exact silhouette of those four: 0.8, 0.75, 3/7, 7/11.
    const X = Float64Array.of(0, 1, 4, 6, 10);
    const estimate = sampledSilhouette(X, 5, 1, Int32Array.of(0, 0, 1, 1, 1), Int32Array.of(0, 1, 2, 3));
    const values = [0.8, 0.75, 3 / 7, 7 / 11];
    const mean = values.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / 3);
    expect(estimate?.method).toBe('SAMPLED');
    expect(estimate?.score).toBeCloseTo(mean, 15);
    expect(estimate?.standardError).toBeCloseTo(sd / 2, 15);
    expect(Array.from(estimate?.samples ?? []).slice(0, 4)).toEqual(values.map((v) => expect.closeTo(v, 15)));
    expect(estimate?.samples[4]).toBeNaN();
  });

  test.each(cases.map((c) => [c.k, c.sampleSize, c.seed, c] as const))(
    'sampledSilhouette (k=%d, %d rows, seed %d) equals scikit-learn’s silhouette of the same rows to 1e-9',
    (_k, _m, _seed, c) => {
      const labels = Int32Array.from(c.labels);
      const estimate = sampledSilhouette(data.X, data.n, data.d, labels, Int32Array.from(c.rows));
      expect(estimate).not.toBeNull();
      c.rows.forEach((row, s) =>
        expect(Math.abs((estimate?.samples[row] as number) - c.samples[s])).toBeLessThan(1e-9),
      );
      expect(Math.abs((estimate?.score as number) - c.score)).toBeLessThan(1e-9);
      expect(Math.abs((estimate?.standardError as number) - c.standardError)).toBeLessThan(1e-12);
      // The exact silhouette over all 3,000 rows lies within 4 standard errors of the sample's.
      expect(Math.abs(c.score - c.exactScore)).toBeLessThan(4 * c.standardError);
    },
  );

  test('its standard error matches the spread of sampled silhouettes over 40 seeds', () => {
    const c = cases[1];
    const labels = Int32Array.from(c.labels);
    const scores: number[] = [];
    const errors: number[] = [];
    for (let seed = 100; seed < 140; seed++) {
      const estimate = sampledSilhouette(data.X, data.n, data.d, labels, sampleRows(data.n, 300, createRng(seed)));
      scores.push(estimate?.score as number);
      errors.push(estimate?.standardError as number);
    }
    const mean = scores.reduce((a, b) => a + b) / scores.length;
    const spread = Math.sqrt(scores.reduce((s, v) => s + (v - mean) ** 2, 0) / (scores.length - 1));
    const meanError = errors.reduce((a, b) => a + b) / errors.length;
    // With 40 seeds the observed spread itself is known to about ±11 %.
    expect(spread / meanError).toBeGreaterThan(0.65);
    expect(spread / meanError).toBeLessThan(1.5);
    expect(Math.abs(mean - c.exactScore)).toBeLessThan(3 * meanError);
  });

  test('sampledSilhouette is null when the sample holds a single cluster', () => {
    const labels = Int32Array.of(0, 0, 0, 1);
    expect(sampledSilhouette(Float64Array.of(0, 1, 2, 9), 4, 1, labels, Int32Array.of(0, 1, 2))).toBeNull();
  });

  test('sampledSilhouette rejects a row outside the matrix or labels of the wrong length', () => {
    const X = Float64Array.of(0, 1, 2);
    expect(() => sampledSilhouette(X, 3, 1, Int32Array.of(0, 1, 1), Int32Array.of(0, 3))).toThrow(
      'sampledSilhouette: row 3 is outside 0..2',
    );
    expect(() => sampledSilhouette(X, 3, 1, Int32Array.of(0, 1), Int32Array.of(0))).toThrow(
      'sampledSilhouette: labels has 2 entries but X has 3 rows',
    );
  });
});

describe('estimateSilhouette', () => {
  // The first 800 rows keep the exact silhouettes quick.
  const small = { X: data.X.subarray(0, 800 * data.d), n: 800, d: data.d };
  const { labels } = kMeans(small.X, small.n, small.d, { k: 4, restarts: 1 });

  test('estimateSilhouette is exact when the rows fit in the sample or exact is asked for', () => {
    const exact = silhouetteScore(small.X, small.n, small.d, labels);
    const all = estimateSilhouette(small.X, small.n, small.d, labels, { exact: false, rows: null });
    expect(all).toMatchObject({ method: 'EXACT', sampleSize: null, standardError: null });
    expect(all?.score).toBe(exact);
    const forced = estimateSilhouette(small.X, small.n, small.d, labels, {
      exact: true,
      rows: sampleRows(small.n, 100, createRng(0)),
    });
    expect(forced?.method).toBe('EXACT');
    expect(forced?.score).toBe(exact);
  });

  test('estimateSilhouette samples the given rows, leaving the others NaN', () => {
    const rows = sampleRows(small.n, 300, createRng(0));
    const estimate = estimateSilhouette(small.X, small.n, small.d, labels, { exact: false, rows });
    expect(estimate).toMatchObject({ method: 'SAMPLED', sampleSize: 300 });
    expect(Array.from(estimate?.samples ?? []).filter((v) => !Number.isNaN(v))).toHaveLength(300);
  });

  test('estimateSilhouette is null for a single cluster', () => {
    expect(
      estimateSilhouette(small.X, small.n, small.d, new Int32Array(small.n), { exact: false, rows: null }),
    ).toBeNull();
  });
});
