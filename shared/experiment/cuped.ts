import type { CovariateSummary, CupedResult, SampleSummary } from './types';
import { welchTTest } from './welch-t-test';

/** One arm's revenue (Y) and pre-experiment covariate (X) over the same users. */
export interface CupedArm {
  revenue: SampleSummary;
  covariate: CovariateSummary;
}

/** A CUPED comparison with the standard error the sequential test needs. */
export interface CupedComparison extends CupedResult {
  /** √(Var_b/n_b + Var_a/n_a) of the adjusted values; 0 when they do not vary. */
  standardError: number;
}

/**
 * CUPED (Deng et al. 2013) on revenue per user as GrowthBook's regression adjustment, absolute effect (gbstats 0.8.0:
 * models/statistics.py `compute_theta` and `RegressionAdjustedStatistic.mean/variance/covariance`, models/tests.py
 * `frequentist_variance_all_cases` for the absolute difference, frequentist/tests.py `TwoSidedTTest`):
 * theta = cov(Y, X) / var(X) over the users of both arms together (0 when either does not vary, as gbstats);
 * each user's adjusted value Y − theta (X − x̄), x̄ the two arms' mean of X, so an arm's adjusted mean is
 * ȳ − theta (x̄_arm − x̄) and its variance var(Y) + theta² var(X) − 2 theta cov(Y, X);
 * the difference, interval and p-value are Welch's t on those adjusted summaries (Welch–Satterthwaite dof, as
 * scipy.stats.ttest_ind(equal_var=False) on the adjusted values); varianceReduction = 1 − Var(adjusted difference) ÷
 * Var(unadjusted difference). From sufficient statistics only: the two arms' pooled moments come from the per-arm ones
 * by Chan's parallel update, so SQL aggregates feed it as well as rows.
 *
 * @returns null when an arm has fewer than 2 users (no variance to adjust).
 * @example
 * // revenue tracks last year's spend closely: most of its variance goes
 * cupedTest({ revenue: { n: 100, mean: 12, variance: 40 }, covariate: { mean: 10, variance: 30, covariance: 33 } },
 *   { revenue: { n: 100, mean: 10, variance: 40 }, covariate: { mean: 9, variance: 30, covariance: 33 } }, 0.05);
 * // { theta: 1.1…, revenueDiff: 0.89…, varianceReduction: 0.90…, … }
 */
export function cupedTest(variant: CupedArm, control: CupedArm, alpha: number): CupedComparison | null {
  const [b, a] = [variant, control];
  const nb = b.revenue.n;
  const na = a.revenue.n;
  if (na < 2 || nb < 2) return null;
  const n = na + nb;
  const dx = b.covariate.mean - a.covariate.mean;
  const dy = b.revenue.mean - a.revenue.mean;
  const meanX = (na * a.covariate.mean + nb * b.covariate.mean) / n;
  const weight = (na * nb) / n;
  const sxx = (na - 1) * a.covariate.variance + (nb - 1) * b.covariate.variance + weight * dx * dx;
  const syy = (na - 1) * a.revenue.variance + (nb - 1) * b.revenue.variance + weight * dy * dy;
  const sxy = (na - 1) * a.covariate.covariance + (nb - 1) * b.covariate.covariance + weight * dx * dy;
  const theta = sxx > 0 && syy > 0 ? sxy / sxx : 0;
  const adjusted = (arm: CupedArm): SampleSummary => ({
    n: arm.revenue.n,
    mean: arm.revenue.mean - theta * (arm.covariate.mean - meanX),
    variance: Math.max(
      0,
      arm.revenue.variance + theta * theta * arm.covariate.variance - 2 * theta * arm.covariate.covariance,
    ),
  });
  const adjustedB = adjusted(b);
  const adjustedA = adjusted(a);
  const welch = welchTTest(adjustedB, adjustedA, alpha);
  const adjustedVariance = adjustedB.variance / nb + adjustedA.variance / na;
  const rawVariance = b.revenue.variance / nb + a.revenue.variance / na;
  return {
    theta,
    varianceReduction: rawVariance > 0 ? 1 - adjustedVariance / rawVariance : null,
    revenuePerUser: adjustedB.mean,
    revenueDiff: welch.difference,
    ciLow: welch.ciLow,
    ciHigh: welch.ciHigh,
    pValue: welch.pValue,
    standardError: Math.sqrt(adjustedVariance),
  };
}
