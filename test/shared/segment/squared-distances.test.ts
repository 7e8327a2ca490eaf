import { createRng } from '../../../shared/random';
import { paddedWidth, padRows, squaredDistances, unpadRows } from '../../../shared/segment/squared-distances';

describe('squared-distances', () => {
  test('paddedWidth(d) rounds d up to a multiple of 4', () => {
    expect([1, 3, 4, 5, 8, 9].map(paddedWidth)).toEqual([4, 4, 4, 8, 8, 12]);
  });

  test('padRows(X, n, d) zero-fills past column d and unpadRows undoes it', () => {
    const X = Float64Array.of(1, 2, 3, 4, 5, 6);
    const padded = padRows(X, 2, 3);
    expect(Array.from(padded)).toEqual([1, 2, 3, 0, 4, 5, 6, 0]);
    expect(unpadRows(padded, 2, 3, 4)).toEqual(X);
  });

  test('squaredDistances(A, a, B, width, from, to, out) equals the plain sum of squares for d = 1..9', () => {
    const rng = createRng(7);
    for (let d = 1; d <= 9; d++) {
      const n = 23;
      const X = Float64Array.from({ length: n * d }, () => rng.normal() * 10);
      const width = paddedWidth(d);
      const rows = padRows(X, n, d);
      const out = new Float64Array(n).fill(-1);
      squaredDistances(rows, 5 * width, rows, width, 3, 20, out);
      for (let q = 0; q < n; q++) {
        if (q < 3 || q >= 20) {
          expect(out[q]).toBe(-1);
          continue;
        }
        let expected = 0;
        for (let j = 0; j < d; j++) expected += (X[5 * d + j] - X[q * d + j]) ** 2;
        expect(out[q]).toBeCloseTo(expected, 10);
      }
    }
  });

  test('padRows(X, n, d) returns X itself when d is already a multiple of 4', () => {
    const X = new Float64Array(8);
    expect(padRows(X, 2, 4)).toBe(X);
  });

  test('squaredDistances(…, out, at) writes row q at out[at + q − from]', () => {
    // Rows 0, 1, 2, 3 on a line; distances² from row 0 to rows 1..2 are 1 and 4, written at out[5] and out[6].
    const rows = padRows(Float64Array.of(0, 1, 2, 3), 4, 1);
    const out = new Float64Array(8);
    squaredDistances(rows, 0, rows, 4, 1, 3, out, 5);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 1, 4, 0]);
  });

  test('squaredDistances between different arrays: |(0, 0) − (3, 4)|² = 25', () => {
    const out = new Float64Array(1);
    squaredDistances(padRows(Float64Array.of(0, 0), 1, 2), 0, padRows(Float64Array.of(3, 4), 1, 2), 4, 0, 1, out);
    expect(out[0]).toBe(25);
  });
});
