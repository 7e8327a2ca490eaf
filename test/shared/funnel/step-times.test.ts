import { linearPercentile, timeToConvert } from '../../../shared/funnel/step-times';

describe('timeToConvert medians', () => {
  test('timeToConvert(depth, times, k).medians takes the median gap over the users who reached each step', () => {
    // users: depth 3 (0, 60 s, 100 s), depth 2 (0, 180 s), depth 1, depth 3 (0, 30 s, 30 s)
    // step 2 gaps: 60, 180, 30 → median 60; step 3 gaps: 40, 0 → mean of the middle two = 20
    const times = Float64Array.of(0, 60e3, 100e3, 0, 180e3, NaN, 0, NaN, NaN, 0, 30e3, 30e3);
    const { overall } = timeToConvert(Int32Array.of(3, 2, 1, 3), times, 3, null, 0).medians;
    expect([...overall]).toEqual([NaN, 60, 20]);
  });

  test('timeToConvert(…).medians splits the gaps by group and leaves out users with a negative group', () => {
    // group 0: users 0 (gap 10) and 2 (gap 30) → 20; group 1: user 1 (gap 50); user 3 (gap 1000) in no group
    const times = Float64Array.of(0, 10e3, 0, 50e3, 0, 30e3, 0, 1000e3);
    const { overall, byGroup } = timeToConvert(
      Int32Array.of(2, 2, 2, 2),
      times,
      2,
      Int32Array.of(0, 1, 0, -1),
      3,
    ).medians;
    expect(overall[1]).toBe(40);
    expect([...byGroup]).toEqual([NaN, 20, NaN, 50, NaN, NaN]);
  });
});

describe('timeToConvert', () => {
  test('timeToConvert(depth, times, k) gives numpy-linear percentiles and the mean of the gaps per step', () => {
    // step 2 gaps 60, 180, 30 → sorted 30, 60, 180: p25 at index 0.5 → 45; median 60; p75 at 1.5 → 120;
    // p90 at 1.8 → 60 + 0.8 × 120 = 156; mean 90. Step 3 gaps 40, 0 → p25 10, median 20, p75 30, p90 36, mean 20.
    const times = Float64Array.of(0, 60e3, 100e3, 0, 180e3, NaN, 0, NaN, NaN, 0, 30e3, 30e3);
    const { overall, medians } = timeToConvert(Int32Array.of(3, 2, 1, 3), times, 3, null, 0);
    expect(overall[0]).toBeNull();
    expect(overall[1]).toEqual({ p25: 45, median: 60, p75: 120, p90: 156, mean: 90 });
    expect(overall[2]).toEqual({ p25: 10, median: 20, p75: 30, p90: 36, mean: 20 });
    expect([...medians.overall]).toEqual([NaN, 60, 20]);
  });

  test('timeToConvert splits by group and gives null where nobody reached a step', () => {
    const times = Float64Array.of(0, 10e3, 0, 50e3, 0, 30e3, 0, 1000e3);
    const { byGroup } = timeToConvert(Int32Array.of(2, 2, 2, 2), times, 2, Int32Array.of(0, 1, 0, -1), 3);
    expect(byGroup[1]).toEqual({ p25: 15, median: 20, p75: 25, p90: 28, mean: 20 });
    expect(byGroup[3]).toEqual({ p25: 50, median: 50, p75: 50, p90: 50, mean: 50 });
    expect(byGroup[5]).toBeNull();
  });

  test('linearPercentile interpolates from the upper value past the midpoint, as numpy _lerp', () => {
    // numpy.percentile([0.1, 0.7], 90) = 0.7 − 0.6 × 0.1 (from the upper end), not 0.1 + 0.6 × 0.9
    expect(linearPercentile([0.1, 0.7], 0.9)).toBe(0.7 - (0.7 - 0.1) * (1 - 0.9));
    expect(linearPercentile([5], 0.9)).toBe(5);
  });
});
