import { normalSf } from './distributions';

export interface ZTestResult {
  /** (p₁ − p₂) / SE under the pooled null; null when the pooled rate is 0 or 1 (no variation to test). */
  zScore: number | null;
  /** Two-sided p-value 2·P(Z > |z|); null with zScore. */
  pValue: number | null;
}

/**
 * Pooled two-proportion z-test of H₀: p₁ = p₂, exactly as
 * statsmodels.stats.proportion.proportions_ztest([x1, x2], [n1, n2]) (two-sided): with p̂ = (x1 + x2)/(n1 + n2),
 * z = (x1/n1 − x2/n2) / √(p̂(1 − p̂)(1/n1 + 1/n2)). The sign follows the argument order (first minus second), so
 * pass the variant first and the control second.
 *
 * Where statsmodels returns NaN (no conversions in either group, or everyone converted in both, or an empty
 * group), the result is null: there is nothing to test, and a NaN would not survive JSON.
 *
 * @example
 * twoProportionZTest(60, 500, 45, 500); // { zScore: 1.5473…, pValue: 0.1217… }
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTestResult {
  if (n1 <= 0 || n2 <= 0) return { zScore: null, pValue: null };
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return { zScore: null, pValue: null };
  const zScore = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { zScore, pValue: 2 * normalSf(Math.abs(zScore)) };
}
