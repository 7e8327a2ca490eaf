import casesJson from '../../fixtures/segment/kernels-ward.json';
import { InputError } from '../../../shared/errors';
import { createRng } from '../../../shared/random';
import { cutLinkage, wardLinkage } from '../../../shared/segment/ward';
import { samePartition, kernelDatasets } from './helpers';

const cases = casesJson as {
  dataset: string;
  linkage: number[];
  zeroHeights: number;
  positiveHeightTies: number;
  fcluster: Record<string, number[]>;
}[];

function column(Z: ArrayLike<number>, c: number): number[] {
  return Array.from({ length: Z.length / 4 }, (_, i) => Z[i * 4 + c]);
}

describe('wardLinkage', () => {
  test('wardLinkage(X) merges by sqrt(2|A||B|/(|A|+|B|))·‖cA − cB‖ on a hand-computed line', () => {
    // Rows 0, 1, 5: {0, 1} at 1 (size 2, centroid 0.5); then sqrt(2·2·1/3)·4.5 = 5.196… with row 2 as node 3.
    const Z = wardLinkage(Float64Array.of(0, 1, 5), 3, 1);
    expect(Array.from(Z.subarray(0, 4))).toEqual([0, 1, 1, 2]);
    expect(column(Z, 0).slice(1)).toEqual([2]);
    expect(column(Z, 1).slice(1)).toEqual([3]);
    expect(Z[6]).toBeCloseTo(Math.sqrt(4 / 3) * 4.5, 14);
    expect(Z[7]).toBe(3);
  });

  test('wardLinkage(X) merges duplicate rows at height exactly 0, numbered as SciPy', () => {
    // SciPy: [[0, 1, 0, 2], [2, 5, 0, 3], [3, 4, 0, 2], [6, 7, 4.6475800154489, 5]].
    const Z = wardLinkage(Float64Array.of(0, 0, 0, 3, 3), 5, 1);
    expect(Array.from(Z.subarray(0, 12))).toEqual([0, 1, 0, 2, 2, 5, 0, 3, 3, 4, 0, 2]);
    expect(Array.from(Z.subarray(12, 14))).toEqual([6, 7]);
    expect(Z[14]).toBeCloseTo(4.6475800154489, 12);
  });

  describe.each(cases.map((c) => [c.dataset, c] as const))('on %s', (_name, c) => {
    const { n, d, X: values } = kernelDatasets[c.dataset];
    const X = Float64Array.from(values);
    const Z = wardLinkage(X, n, d);

    test('wardLinkage equals scipy linkage(X, "ward"): same ids and sizes, heights to 1e-9 relative', () => {
      expect(column(Z, 0)).toEqual(column(c.linkage, 0));
      expect(column(Z, 1)).toEqual(column(c.linkage, 1));
      expect(column(Z, 3)).toEqual(column(c.linkage, 3));
      const heights = column(Z, 2);
      column(c.linkage, 2).forEach((h, i) => {
        if (h === 0) expect(heights[i]).toBe(0);
        else expect(Math.abs(heights[i] - h) / h).toBeLessThan(1e-9);
      });
      expect(heights.filter((h) => h === 0)).toHaveLength(c.zeroHeights);
    });

    test('cutLinkage equals fcluster(Z, k, "maxclust") − 1 for k = 1..10, numbering included', () => {
      for (const [k, expected] of Object.entries(c.fcluster)) {
        const labels = cutLinkage(Z, n, Number(k));
        expect(samePartition(labels, expected)).toBe(true);
        expect(Array.from(labels)).toEqual(expected);
      }
    });
  });

  test('wardLinkage(X) is unchanged by translating X, and its heights never decrease', () => {
    const rng = createRng(9);
    const n = 150;
    const d = 5;
    const X = Float64Array.from({ length: n * d }, () => rng.normal());
    const Z = wardLinkage(X, n, d);
    const shifted = wardLinkage(
      X.map((v, p) => v + 1000 * (p % d)),
      n,
      d,
    );
    expect(column(shifted, 0)).toEqual(column(Z, 0));
    column(shifted, 2).forEach((h, i) => expect(Math.abs(h - Z[i * 4 + 2])).toBeLessThan(1e-9 * Z[i * 4 + 2]));
    const heights = column(Z, 2);
    for (let i = 1; i < heights.length; i++) expect(heights[i]).toBeGreaterThanOrEqual(heights[i - 1]);
    expect(Z[(n - 2) * 4 + 3]).toBe(n);
    // Every id below the root is merged exactly once.
    const ids = [...column(Z, 0), ...column(Z, 1)].sort((a, b) => a - b);
    expect(ids).toEqual([...Array(2 * n - 2).keys()]);
  });

  test('wardLinkage(X) with fewer than 2 rows has no merges', () => {
    expect(wardLinkage(new Float64Array(0), 0, 3)).toHaveLength(0);
    expect(wardLinkage(Float64Array.of(1, 2, 3), 1, 3)).toHaveLength(0);
  });

  test('wardLinkage(X) names the row and column of a non-finite value', () => {
    expect(() => wardLinkage(Float64Array.of(1, 2, NaN, 4), 2, 2)).toThrow(
      new InputError(
        'wardLinkage: X[row 1, column 0] is NaN; every value must be finite (impute or drop missing values first)',
      ),
    );
  });
});

describe('wardLinkage with sizes', () => {
  test('a row weighted 3 merges as three identical rows do, once those have merged (at height 0)', () => {
    // Rows 0, 0, 0, 4, 10: the three zeros merge at 0, then the tree over {0}×3, 4, 10 is that of the weighted rows.
    const repeated = wardLinkage(Float64Array.of(0, 0, 0, 4, 10), 5, 1);
    const weighted = wardLinkage(Float64Array.of(0, 4, 10), 3, 1, [3, 1, 1]);
    expect([repeated[2], repeated[6]]).toEqual([0, 0]);
    const heights = (Z: Float64Array, from: number) =>
      Array.from({ length: Z.length / 4 - from }, (_, i) => [Z[(from + i) * 4 + 2], Z[(from + i) * 4 + 3]]);
    heights(weighted, 0).forEach(([h, size], i) => {
      expect(h).toBeCloseTo(heights(repeated, 2)[i][0], 12);
      expect(size).toBe(heights(repeated, 2)[i][1]);
    });
    // {0}×3 with 4: sqrt(2·3·1/4)·4 = 4.899; then their centroid 1 with 10: sqrt(2·4·1/5)·(10 − 1) = 11.384.
    expect(weighted[2]).toBeCloseTo(Math.sqrt(1.5) * 4, 12);
    expect(weighted[6]).toBeCloseTo(Math.sqrt(1.6) * 9, 12);
  });

  test('wardLinkage rejects sizes that are not one positive number per row', () => {
    expect(() => wardLinkage(Float64Array.of(0, 1), 2, 1, [1])).toThrow(
      new InputError('wardLinkage: sizes must be 2 positive numbers, one per row'),
    );
    expect(() => wardLinkage(Float64Array.of(0, 1), 2, 1, [1, 0])).toThrow('sizes must be 2 positive numbers');
  });
});

describe('cutLinkage', () => {
  // Rows 0, 1, 10, 11: {0, 1} and {2, 3} both merge at height 1 (a tie), then the two pairs at 14.142….
  const Z = wardLinkage(Float64Array.of(0, 1, 10, 11), 4, 1);

  test('cutLinkage(Z, n, k) leaves fewer than k clusters on tied heights, as SciPy (fcluster 1 1 2 2 for k=3)', () => {
    expect(Array.from(cutLinkage(Z, 4, 3))).toEqual([0, 0, 1, 1]);
    expect(Array.from(cutLinkage(Z, 4, 2))).toEqual([0, 0, 1, 1]);
  });

  test('cutLinkage(Z, n, k) gives one cluster for k = 1 and singletons for k >= n', () => {
    expect(Array.from(cutLinkage(Z, 4, 1))).toEqual([0, 0, 0, 0]);
    expect(Array.from(cutLinkage(Z, 4, 4))).toEqual([0, 1, 2, 3]);
    expect(Array.from(cutLinkage(Z, 4, 9))).toEqual([0, 1, 2, 3]);
    expect(Array.from(cutLinkage(new Float64Array(0), 1, 1))).toEqual([0]);
  });

  test('cutLinkage(Z, n, k) rejects a k below 1 and a linkage of the wrong size', () => {
    expect(() => cutLinkage(Z, 4, 0)).toThrow(new InputError('cutLinkage: k=0 must be a positive integer'));
    expect(() => cutLinkage(Z, 5, 2)).toThrow('cutLinkage: linkage has 12 values but (n−1)×4 = 16');
  });
});
