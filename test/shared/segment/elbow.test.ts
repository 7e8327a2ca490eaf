import { InputError } from '../../../shared/errors';
import { elbowK } from '../../../shared/segment/elbow';

describe('elbowK', () => {
  test('elbowK(ks, inertias) picks the point farthest below the scaled chord', () => {
    // Scaled: x = 0, 1/3, 2/3, 1; y = 1, 0.2, 0.1, 0. Below the chord 1 − x − y: 0, 0.467, 0.233, 0.
    expect(elbowK([1, 2, 3, 4], [100, 20, 10, 0])).toBe(2);
    // x = 0, .25, .5, .75, 1; y = 1, .6, .25, .15, 0 → gaps 0.15, 0.25, 0.10: k = 4.
    expect(elbowK([2, 3, 4, 5, 6], [120, 80, 45, 35, 20])).toBe(4);
  });

  test('elbowK(ks, inertias) is unchanged by scaling the inertias or shifting the ks', () => {
    const inertias = [980, 620, 410, 300, 260, 240, 228, 220];
    const ks = [1, 2, 3, 4, 5, 6, 7, 8];
    const elbow = elbowK(ks, inertias);
    expect(elbow).not.toBeNull();
    expect(
      elbowK(
        ks,
        inertias.map((v) => v * 0.001 + 7),
      ),
    ).toBe(elbow);
    expect(
      elbowK(
        ks.map((k) => k + 10),
        inertias,
      ),
    ).toBe((elbow as number) + 10);
  });

  test('elbowK(ks, inertias) gives the smaller k on a tie', () => {
    // x = 0, 1/4, 1/2, 3/4, 1; y = 1, 1/4, 0, 0, 0 → gaps 1/2, 1/2, 1/4.
    expect(elbowK([1, 2, 3, 4, 5], [4, 1, 0, 0, 0])).toBe(2);
  });

  test('elbowK(ks, inertias) is null without a convex bend: too few points, flat, straight or concave', () => {
    expect(elbowK([2, 3], [10, 5])).toBeNull();
    expect(elbowK([1, 2, 3, 4], [5, 5, 5, 5])).toBeNull();
    expect(elbowK([1, 2, 3, 4], [40, 30, 20, 10])).toBeNull();
    expect(elbowK([1, 2, 3, 4], [40, 39, 35, 10])).toBeNull();
  });

  test('elbowK(ks, inertias) rejects mismatched lengths, unordered ks and non-finite values', () => {
    expect(() => elbowK([1, 2, 3], [3, 2])).toThrow(new InputError('elbowK: 3 k values but 2 inertias'));
    expect(() => elbowK([1, 3, 2], [3, 2, 1])).toThrow('elbowK: ks must increase, but k=2 follows k=3');
    expect(() => elbowK([1, 2, 3], [3, NaN, 1])).toThrow('elbowK: k=2 has inertia NaN; both must be finite');
  });
});
