import fixture from '../../fixtures/experiment/welch.json';
import { GroupedSummaries } from '../../../shared/experiment/grouped-summaries';
import { expectClose } from './close-to';

describe('GroupedSummaries', () => {
  it('summarizes 1, 2, 6 as n 3, mean 3, variance 7 (((−2)² + (−1)² + 3²) / 2)', () => {
    const s = new GroupedSummaries(2);
    for (const x of [1, 2, 6]) s.add(0, x);
    expect(s.summary(0)).toEqual({ n: 3, mean: 3, variance: 7 });
    expect(s.total(0)).toBe(9);
  });

  it('keeps groups apart and reports an empty group as n 0 with NaN mean and variance', () => {
    const s = new GroupedSummaries(3);
    s.add(2, 5);
    s.add(0, 1);
    s.add(2, 7);
    expect(s.summary(2)).toEqual({ n: 2, mean: 6, variance: 2 });
    expect(s.summary(0)).toEqual({ n: 1, mean: 1, variance: NaN });
    expect(s.summary(1)).toEqual({ n: 0, mean: NaN, variance: NaN });
  });

  it('matches numpy mean and var(ddof=1) on the fixture samples', () => {
    for (const c of fixture.samples) {
      [c.a, c.b].forEach((values, g) => {
        const s = new GroupedSummaries(1);
        for (const x of values) s.add(0, x);
        expectClose(s.summary(0).mean, c.mean[g], 1e-14, 'mean');
        expectClose(s.summary(0).variance, c.variance[g], 1e-12, 'variance');
      });
    }
  });

  it('loses nothing to cancellation when the mean dwarfs the spread', () => {
    // 1e9 + {1, 2, 3, 4}: variance 5/3 exactly; sums of squares would keep about one digit.
    const s = new GroupedSummaries(1);
    for (const x of [1, 2, 3, 4]) s.add(0, 1e9 + x);
    expectClose(s.summary(0).variance, 5 / 3, 1e-12);
    expect(s.total(0)).toBe(4e9 + 10);
  });
});
