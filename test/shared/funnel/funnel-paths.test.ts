import { funnelPaths } from '../../../shared/funnel/funnel-paths';
import type { FunnelEvents } from '../../../shared/funnel/types';
import { createRng } from '../../../shared/random';

/** Events of one user code per row; times in seconds for readability, stored in ms. */
function events(users: number[], steps: number[], seconds: number[] | null, stepCount = 3): FunnelEvents {
  return {
    userCodes: Int32Array.from(users),
    stepCodes: Int32Array.from(steps),
    times: seconds ? Float64Array.from(seconds, (s) => s * 1000) : null,
    userCount: Math.max(...users) + 1,
    stepCount,
  };
}

describe('funnelPaths', () => {
  test('funnelPaths(events, ORDERED) counts the earliest event at or after the previous counted one', () => {
    // user 0: step 0 at 10 and 30, step 1 at 5 (too early) and 20, step 2 at 25 → 10, 20, 25
    const paths = funnelPaths(events([0, 0, 0, 0, 0], [0, 0, 1, 1, 2], [10, 30, 5, 20, 25]), 'ORDERED');
    expect([...paths.depth]).toEqual([3]);
    expect([...(paths.stepTimes as Float64Array)]).toEqual([10e3, 20e3, 25e3]);
  });

  test('funnelPaths(events, ORDERED) stops a user at the first step with no later event', () => {
    // step 1 only before step 0 → depth 1 though step 2 follows
    const paths = funnelPaths(events([0, 0, 0], [0, 1, 2], [10, 5, 20]), 'ORDERED');
    expect([...paths.depth]).toEqual([1]);
    expect([...(paths.stepTimes as Float64Array)]).toEqual([10e3, NaN, NaN]);
    expect([...paths.didStep]).toEqual([1, 1, 1]);
  });

  test('funnelPaths(events, ORDERED, window) includes an event exactly at the end of the window', () => {
    // user 0: step 1 at +60 s (= window) counts; user 1: at +61 s does not
    const paths = funnelPaths(events([0, 0, 1, 1], [0, 1, 0, 1], [0, 60, 0, 61], 2), 'ORDERED', 60);
    expect([...paths.depth]).toEqual([2, 1]);
  });

  test('funnelPaths(events, ORDERED, window) counts the window from the earliest step-1 event (greedy)', () => {
    // step 0 at 0 and 100, step 1 at 130, window 60: 130 − 0 > 60, so the later step 0 does not rescue the user
    const paths = funnelPaths(events([0, 0, 0], [0, 0, 1], [0, 100, 130], 2), 'ORDERED', 60);
    expect([...paths.depth]).toEqual([1]);
  });

  test('funnelPaths(events, ANY) counts steps done in any order and keeps the first time of each', () => {
    // user 0: step 2 at 1, step 1 at 5 and 2, step 0 at 9 → depth 3, first times 9, 2, 1
    const paths = funnelPaths(events([0, 0, 0, 0], [2, 1, 1, 0], [1, 5, 2, 9]), 'ANY');
    expect([...paths.depth]).toEqual([3]);
    expect([...(paths.stepTimes as Float64Array)]).toEqual([9e3, 2e3, 1e3]);
  });

  test('funnelPaths(events, ANY) without times stops at the first step never done', () => {
    const paths = funnelPaths(events([0, 0, 1, 1, 1], [0, 2, 2, 1, 0], null), 'ANY');
    expect([...paths.depth]).toEqual([1, 3]);
    expect(paths.stepTimes).toBeNull();
  });

  test('funnelPaths refuses ORDERED without times and a window with ANY order', () => {
    expect(() => funnelPaths(events([0], [0], null), 'ORDERED')).toThrow(/ORDERED needs event times/);
    expect(() => funnelPaths(events([0], [0], [1]), 'ANY', 60)).toThrow(
      /conversionWindowSeconds: a window needs order ORDERED/,
    );
  });

  test('funnelPaths gives the same paths whatever the row order, and ORDERED never goes further than ANY', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 20; trial++) {
      const n = 300;
      const users = Array.from({ length: n }, () => rng.int(40));
      const steps = Array.from({ length: n }, () => rng.int(5) - 1);
      const seconds = Array.from({ length: n }, () => rng.int(50));
      const perm = [...Array(n).keys()];
      for (let i = n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [perm[i], perm[j]] = [perm[j], perm[i]];
      }
      const a = events(users, steps, seconds, 4);
      const b = events(
        perm.map((i) => users[i]),
        perm.map((i) => steps[i]),
        perm.map((i) => seconds[i]),
        4,
      );
      const window = trial % 2 ? 20 : undefined;
      const ordered = funnelPaths(a, 'ORDERED', window);
      expect(funnelPaths(b, 'ORDERED', window)).toEqual(ordered);
      const any = funnelPaths(a, 'ANY');
      expect(funnelPaths(b, 'ANY')).toEqual(any);
      for (let u = 0; u < a.userCount; u++) expect(ordered.depth[u]).toBeLessThanOrEqual(any.depth[u]);
    }
  });
});
