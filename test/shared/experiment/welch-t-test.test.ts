import fixture from '../../fixtures/experiment/welch.json';
import { GroupedSummaries } from '../../../shared/experiment/grouped-summaries';
import type { SampleSummary } from '../../../shared/experiment/types';
import { welchTTest } from '../../../shared/experiment/welch-t-test';
import { expectClose } from './close-to';

function summarize(values: readonly number[]): SampleSummary {
  const summaries = new GroupedSummaries(1);
  for (const x of values) summaries.add(0, x);
  return summaries.summary(0);
}

interface Expected {
  difference: number;
  statistic: number | null;
  pValue: number | null;
  dof: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

function expectWelch(actual: Expected, expected: Expected, label: string): void {
  expectClose(actual.difference, expected.difference, 1e-12, label, 1e-15);
  expectClose(actual.statistic, expected.statistic, 1e-10, label);
  expectClose(actual.pValue, expected.pValue, 1e-9, label, 1e-300);
  expectClose(actual.dof, expected.dof, 1e-10, label);
  expectClose(actual.ciLow, expected.ciLow, 1e-9, label);
  expectClose(actual.ciHigh, expected.ciHigh, 1e-9, label);
}

describe('welchTTest(a, b, alpha)', () => {
  it('computes [1, 2, 3] against [4, 5, 6] by hand', () => {
    // means 2 and 5, variances 1 and 1: SE = √(1/3 + 1/3); t = −3 / SE = −3.674; dof = (2/3)² / (2 · (1/3)²/2) = 4
    const result = welchTTest({ n: 3, mean: 2, variance: 1 }, { n: 3, mean: 5, variance: 1 }, 0.05);
    expectClose(result.statistic, -3 / Math.sqrt(2 / 3), 1e-14);
    expectClose(result.dof, 4, 1e-14);
  });

  it('matches scipy.stats.ttest_ind(equal_var=False) and its confidence_interval on raw samples', () => {
    fixture.samples.forEach((c, i) => {
      const result = welchTTest(summarize(c.a), summarize(c.b), c.alpha);
      expectWelch(result, c, `sample ${i}`);
    });
  });

  it('matches scipy.stats.ttest_ind_from_stats for a million users, t ≈ 64 and 50 vs 500,000', () => {
    fixture.summaries.forEach((c, i) => expectWelch(welchTTest(c.a, c.b, c.alpha), c, `summary ${i}`));
  });

  it('returns a null test where SciPy gives NaN: no variance in either group, or a single value', () => {
    // With no variance SciPy's interval is the difference itself (its t quantile multiplies a zero SE).
    const flat = welchTTest({ n: 10, mean: 2, variance: 0 }, { n: 12, mean: 0, variance: 0 }, 0.05);
    expect(flat).toEqual({ difference: 2, statistic: null, pValue: null, dof: null, ciLow: 2, ciHigh: 2 });
    const single = welchTTest({ n: 1, mean: 3, variance: NaN }, { n: 12, mean: 1, variance: 2 }, 0.05);
    expect(single).toEqual({ difference: 2, statistic: null, pValue: null, dof: null, ciLow: null, ciHigh: null });
  });

  it('contains the difference in its interval and is antisymmetric in the order of the groups (property)', () => {
    const a = { n: 40, mean: 10.5, variance: 30 };
    const b = { n: 70, mean: 9.1, variance: 12 };
    const ab = welchTTest(a, b, 0.05);
    const ba = welchTTest(b, a, 0.05);
    expect(ab.ciLow! < ab.difference && ab.difference < ab.ciHigh!).toBe(true);
    expect(ba.statistic).toBe(-ab.statistic!);
    expect(ba.pValue).toBe(ab.pValue);
  });
});
