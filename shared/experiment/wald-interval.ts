import { normalQuantile } from './distributions';

export interface DifferenceInterval {
  /** p₁ − p₂. */
  difference: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * Wald confidence interval at level 1 − alpha for the difference of two proportions p₁ − p₂, with the unpooled
 * standard error √(p₁(1 − p₁)/n1 + p₂(1 − p₂)/n2), as
 * statsmodels.stats.proportion.confint_proportions_2indep(x1, n1, x2, n2, method='wald', compare='diff', alpha).
 * Null when either group is empty. With 0% or 100% in both groups the interval collapses to the difference.
 *
 * @example
 * waldInterval(60, 500, 45, 500, 0.05); // { difference: 0.03, ciLow: −0.00795…, ciHigh: 0.06795… }
 */
export function waldInterval(x1: number, n1: number, x2: number, n2: number, alpha: number): DifferenceInterval | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  const halfWidth = -normalQuantile(alpha / 2) * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return { difference, ciLow: difference - halfWidth, ciHigh: difference + halfWidth };
}
