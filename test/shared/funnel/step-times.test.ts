import { medianStepSeconds } from '../../../shared/funnel/step-times';

describe('medianStepSeconds', () => {
  test('medianStepSeconds(depth, times, k) takes the median gap over the users who reached each step', () => {
    // users: depth 3 (0, 60 s, 100 s), depth 2 (0, 180 s), depth 1, depth 3 (0, 30 s, 30 s)
    // step 2 gaps: 60, 180, 30 → median 60; step 3 gaps: 40, 0 → mean of the middle two = 20
    const times = Float64Array.of(0, 60e3, 100e3, 0, 180e3, NaN, 0, NaN, NaN, 0, 30e3, 30e3);
    const { overall } = medianStepSeconds(Int32Array.of(3, 2, 1, 3), times, 3, null, 0);
    expect([...overall]).toEqual([NaN, 60, 20]);
  });

  test('medianStepSeconds splits the gaps by group and leaves out users with a negative group', () => {
    // group 0: users 0 (gap 10) and 2 (gap 30) → 20; group 1: user 1 (gap 50); user 3 (gap 1000) in no group
    const times = Float64Array.of(0, 10e3, 0, 50e3, 0, 30e3, 0, 1000e3);
    const { overall, byGroup } = medianStepSeconds(Int32Array.of(2, 2, 2, 2), times, 2, Int32Array.of(0, 1, 0, -1), 3);
    expect(overall[1]).toBe(40);
    expect([...byGroup]).toEqual([NaN, 20, NaN, 50, NaN, NaN]);
  });
});
