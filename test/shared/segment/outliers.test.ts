import { InputError } from '../../../shared/errors';
import { createRng } from '../../../shared/random';
import { flagSmallSegments, rowsInSegments } from '../../../shared/segment/outliers';

describe('flagSmallSegments', () => {
  test('flagSmallSegments(sizes, share) flags segments under the share of all rows', () => {
    // 1000 rows: 1% is 10 rows; 9 is under, 10 is not
    expect(flagSmallSegments([981, 9, 10], 0.01)).toEqual([false, true, false]);
  });

  test('flagSmallSegments(sizes, 0) flags nothing, not even an empty segment', () => {
    expect(flagSmallSegments([5, 0, 1], 0)).toEqual([false, false, false]);
  });

  test('flagSmallSegments(sizes, share) refuses a share outside [0, 1)', () => {
    expect(() => flagSmallSegments([1, 2], 1)).toThrow(InputError);
    expect(() => flagSmallSegments([1, 2], -0.1)).toThrow(/minSegmentShare=-0.1/);
    expect(() => flagSmallSegments([1, 2], NaN)).toThrow(InputError);
  });

  test('flagSmallSegments(sizes, share) never flags the largest segment when share ≤ 1/k', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 500; trial++) {
      const k = 2 + rng.int(9);
      const sizes = Array.from({ length: k }, () => rng.int(100));
      if (sizes.every((s) => s === 0)) continue;
      const flags = flagSmallSegments(sizes, rng.next() / k);
      expect(flags[sizes.indexOf(Math.max(...sizes))]).toBe(false);
    }
  });
});

describe('rowsInSegments', () => {
  test('rowsInSegments(labels, flagged) lists the rows of flagged segments, skipping -1', () => {
    expect(rowsInSegments(Int32Array.of(0, 2, -1, 2, 1), [false, false, true])).toEqual([1, 3]);
    expect(rowsInSegments(Int32Array.of(0, 1), [false, false])).toEqual([]);
  });
});
