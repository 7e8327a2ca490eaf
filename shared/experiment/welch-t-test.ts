import { studentTQuantile, studentTSf } from './distributions';
import type { SampleSummary } from './types';

export interface WelchResult {
  /** mean₁ − mean₂. */
  difference: number;
  /** Welch's t; null when undefined (both variances 0, or a sample with fewer than 2 values). */
  statistic: number | null;
  /** Two-sided p-value; null with statistic. */
  pValue: number | null;
  /** Welch–Satterthwaite degrees of freedom; null with statistic. */
  dof: number | null;
  /** Interval for the difference at 1 − alpha from the t quantile with `dof` degrees of freedom; it collapses to the
   * difference when neither sample varies (as SciPy's), and is null when a sample has fewer than 2 values. */
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * Welch's unequal-variances t-test of H₀: μ₁ = μ₂ from two samples' n, mean and variance, as
 * scipy.stats.ttest_ind(a, b, equal_var=False) (statistic, two-sided pvalue, df, confidence_interval(1 − alpha)):
 * t = (m₁ − m₂) / √(v₁/n₁ + v₂/n₂), dof = (v₁/n₁ + v₂/n₂)² / ((v₁/n₁)²/(n₁ − 1) + (v₂/n₂)²/(n₂ − 1)).
 * Working from summaries keeps a million users cheap: a single pass (or one SQL query) gives them.
 *
 * Where SciPy returns NaN (no variance in either sample, or n < 2) the statistic, p-value and dof are null; so is the
 * interval when n < 2.
 *
 * @example
 * welchTTest({ n: 3, mean: 2, variance: 1 }, { n: 3, mean: 5, variance: 1 }, 0.05);
 * // { difference: −3, statistic: −3.6742…, pValue: 0.02131…, dof: 4, ciLow: −5.2670…, ciHigh: −0.7329… }
 */
export function welchTTest(a: SampleSummary, b: SampleSummary, alpha: number): WelchResult {
  const difference = a.mean - b.mean;
  const untested = { difference, statistic: null, pValue: null, dof: null };
  if (a.n < 2 || b.n < 2) return { ...untested, ciLow: null, ciHigh: null };
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const variance = va + vb;
  if (variance === 0) return { ...untested, ciLow: difference, ciHigh: difference };
  const se = Math.sqrt(variance);
  const statistic = difference / se;
  const dof = (variance * variance) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const halfWidth = studentTQuantile(1 - alpha / 2, dof) * se;
  return {
    difference,
    statistic,
    pValue: 2 * studentTSf(Math.abs(statistic), dof),
    dof,
    ciLow: difference - halfWidth,
    ciHigh: difference + halfWidth,
  };
}
