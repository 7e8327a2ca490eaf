import casesJson from '../../fixtures/segment/kernels-silhouette.json';
import { InputError } from '../../../shared/errors';
import { createRng } from '../../../shared/random';
import { silhouetteSamples, silhouetteScore } from '../../../shared/segment/silhouette';
import { kernelDatasets } from './helpers';

const cases = casesJson as {
  dataset: string;
  description: string;
  labels: number[];
  samples: number[];
  score: number;
  sklearnDriftFromExact: number;
}[];

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Rows of two clusters on a line. */
const line = Float64Array.of(0, 1, 4, 6);
const twoClusters = Int32Array.of(0, 0, 1, 1);

describe('silhouetteSamples / silhouetteScore', () => {
  test('silhouetteSamples(X, labels) follows s = (b − a) / max(a, b) on a hand-computed line', () => {
    // Row 0: a = 1, b = (4 + 6)/2 = 5 → 0.8.   Row 1: a = 1, b = (3 + 5)/2 = 4 → 0.75.
    // Row 2: a = 2, b = (4 + 3)/2 = 3.5 → 3/7.  Row 3: a = 2, b = (6 + 5)/2 = 5.5 → 7/11.
    const s = silhouetteSamples(line, 4, 1, twoClusters);
    [0.8, 0.75, 3 / 7, 7 / 11].forEach((v, i) => expect(s[i]).toBeCloseTo(v, 15));
    expect(silhouetteScore(line, 4, 1, twoClusters)).toBeCloseTo((0.8 + 0.75 + 3 / 7 + 7 / 11) / 4, 15);
  });

  test('silhouetteSamples(X, labels) gives 0 to singleton clusters', () => {
    // Rows 0, 1 | 5: row 2 is alone → 0; row 0: a = 1, b = 5 → 0.8; row 1: a = 1, b = 4 → 0.75.
    expect(Array.from(silhouetteSamples(Float64Array.of(0, 1, 5), 3, 1, Int32Array.of(0, 0, 1)))).toEqual([
      0.8, 0.75, 0,
    ]);
  });

  test('silhouetteSamples(X, labels) gives 0 when a = b = 0 (all rows identical), as scikit-learn', () => {
    expect(Array.from(silhouetteSamples(new Float64Array(4), 4, 1, twoClusters))).toEqual([0, 0, 0, 0]);
  });

  describe.each(cases.map((c) => [c.dataset, c.description, c] as const))('on %s, %s', (_name, _description, c) => {
    const { n, d, X: values } = kernelDatasets[c.dataset];
    const X = Float64Array.from(values);
    const labels = Int32Array.from(c.labels);

    test('silhouetteSamples equals sklearn.metrics.silhouette_samples to 1e-9', () => {
      const samples = silhouetteSamples(X, n, d, labels);
      expect(maxAbsDifference(samples, c.samples)).toBeLessThan(1e-9);
      // Exact distances: the gap is scikit-learn's own rounding (largest between duplicate rows).
      expect(maxAbsDifference(samples, c.samples)).toBeLessThanOrEqual(c.sklearnDriftFromExact + 1e-14);
    });

    test('silhouetteScore equals sklearn.metrics.silhouette_score to 1e-9', () => {
      expect(Math.abs(silhouetteScore(X, n, d, labels) - c.score)).toBeLessThan(1e-9);
    });

    test('row-by-row streaming (a 1-byte working memory) gives the same samples', () => {
      expect(maxAbsDifference(silhouetteSamples(X, n, d, labels, 1), silhouetteSamples(X, n, d, labels))).toBeLessThan(
        1e-12,
      );
    });
  });

  test('silhouetteSamples is unchanged by renaming labels and permutes with the rows', () => {
    const rng = createRng(4);
    const n = 120;
    const d = 3;
    const X = Float64Array.from({ length: n * d }, () => rng.normal());
    const labels = Int32Array.from({ length: n }, () => rng.int(4));
    const base = silhouetteSamples(X, n, d, labels);

    const renamed = labels.map((l) => [-7, 40, 3, 1000][l]);
    expect(maxAbsDifference(silhouetteSamples(X, n, d, renamed), base)).toBeLessThan(1e-14);

    const order = [...Array(n).keys()];
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const Xp = new Float64Array(n * d);
    const Lp = new Int32Array(n);
    order.forEach((from, to) => {
      Xp.set(X.subarray(from * d, from * d + d), to * d);
      Lp[to] = labels[from];
    });
    const permuted = silhouetteSamples(Xp, n, d, Lp);
    expect(
      maxAbsDifference(
        Float64Array.from(order, (from) => base[from]),
        permuted,
      ),
    ).toBeLessThan(1e-12);
    for (const s of base) expect(Math.abs(s)).toBeLessThanOrEqual(1);
  });

  test('silhouetteSamples rejects one cluster, n clusters and a labels length other than n', () => {
    expect(() => silhouetteSamples(line, 4, 1, new Int32Array(4))).toThrow(
      new InputError('silhouetteSamples: 1 distinct labels; the silhouette needs 2 to n−1 = 3 clusters'),
    );
    expect(() => silhouetteSamples(line, 4, 1, Int32Array.of(0, 1, 2, 3))).toThrow(/4 distinct labels/);
    expect(() => silhouetteSamples(line, 4, 1, Int32Array.of(0, 1))).toThrow(
      'silhouetteSamples: labels has 2 entries but X has 4 rows',
    );
    expect(() => silhouetteScore(Float64Array.of(0, NaN, 1), 3, 1, Int32Array.of(0, 0, 1))).toThrow(/row 1, column 0/);
  });
});
