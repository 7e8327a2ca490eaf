import { funnelFromCodes, funnelFromPaths } from '../../../shared/funnel/funnel-codes';
import { funnelPaths } from '../../../shared/funnel/funnel-paths';

describe('funnelFromCodes', () => {
  const events = {
    // user 0: visit 0 s, buy 60 s; user 1: visit 0 s, buy 180 s; user 2: visit; user 3: buy only
    userCodes: Int32Array.of(0, 0, 1, 1, 2, 3),
    stepCodes: Int32Array.of(0, 1, 0, 1, 0, 1),
    times: Float64Array.of(0, 60e3, 0, 180e3, 5e3, 0),
    userCount: 4,
    stepCount: 2,
  };

  test('funnelFromCodes(events, options) counts users per step overall and per group', () => {
    // overall: 3 visit, 2 buy (median of 60 and 180 = 120); group A = users 0, 2: 2 → 1; group B = user 1: 1 → 1
    const result = funnelFromCodes(events, {
      steps: ['visit', 'buy'],
      order: 'ORDERED',
      groups: { codes: Int32Array.of(0, 1, 0, -1), values: ['A', 'B'] },
    });
    expect(result.users).toBe(3);
    expect(result.steps.map((s) => [s.users, s.usersWithEvent, s.medianSecondsFromPrevious])).toEqual([
      [3, 3, null],
      [2, 3, 120],
    ]);
    expect(
      result.breakdown.map((b) => [b.value, b.users, b.steps[1].users, b.steps[1].medianSecondsFromPrevious]),
    ).toEqual([
      ['A', 2, 1, 60],
      ['B', 1, 1, 180],
    ]);
  });

  test('funnelFromCodes refuses a negative window and a step count that does not match the names', () => {
    expect(() =>
      funnelFromCodes(events, { steps: ['visit', 'buy'], order: 'ORDERED', conversionWindowSeconds: -1 }),
    ).toThrow(/conversionWindowSeconds: -1/);
    expect(() => funnelFromCodes(events, { steps: ['visit'], order: 'ORDERED' })).toThrow(/1 names for 2 step codes/);
  });

  test('funnelFromPaths(paths, steps, groups) gives the same report as funnelFromCodes from per-user paths', () => {
    const groups = { codes: Int32Array.of(0, 1, 0, -1), values: ['A', 'B'] };
    const paths = funnelPaths(events, 'ORDERED');
    expect(funnelFromPaths(paths, ['visit', 'buy'], groups)).toEqual(
      funnelFromCodes(events, { steps: ['visit', 'buy'], order: 'ORDERED', groups }),
    );
    // buy: gaps 60 and 180 → p25 90, median 120, p75 150, p90 168, mean 120
    expect(funnelFromPaths(paths, ['visit', 'buy']).steps[1].timeToConvert).toEqual({
      p25: 90,
      median: 120,
      p75: 150,
      p90: 168,
      mean: 120,
    });
    expect(() => funnelFromPaths(paths, ['visit', 'signup', 'buy'])).toThrow(/^steps: 3 names for paths of 8/);
  });
});
