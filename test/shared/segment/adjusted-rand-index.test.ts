import casesJson from '../../fixtures/segment/scale-ari.json';
import { InputError } from '../../../shared/errors';
import { adjustedRandIndex } from '../../../shared/segment/adjusted-rand-index';

const cases = casesJson as { a: number[]; b: number[]; ari: number }[];

describe('adjustedRandIndex', () => {
  test('adjustedRandIndex([0,0,1,1], [0,0,0,1]) is 0: the agreement chance predicts', () => {
    // Σ C(n_ij, 2) = C(2,2) = 1; Σ C(a_i, 2) = 1 + 1 = 2; Σ C(b_j, 2) = C(3,2) = 3; E = 2·3/6 = 1 → (1 − 1)/(2.5 − 1).
    expect(adjustedRandIndex(Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 0, 0, 1))).toBe(0);
  });

  test('adjustedRandIndex is 1 for the same partition under other names', () => {
    expect(adjustedRandIndex([5, 5, 2, 2, 9], [0, 0, 1, 1, 2])).toBe(1);
  });

  test.each(cases.map((c, i) => [i, c.a.length, c] as const))(
    'case %d (%d rows) equals sklearn.metrics.adjusted_rand_score to 1e-12',
    (_i, _n, c) => {
      expect(Math.abs(adjustedRandIndex(c.a, c.b) - c.ari)).toBeLessThan(1e-12);
    },
  );

  test('adjustedRandIndex rejects labelings of different lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(
      new InputError('adjustedRandIndex: the labelings have 2 and 1 rows'),
    );
  });
});
