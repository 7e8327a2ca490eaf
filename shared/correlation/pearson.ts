import { regularizedBeta } from '../experiment/special-functions';

/**
 * Pearson's r of two equally long vectors, as pandas' `.corr()` computes it for one pair: Σ(x − x̄)(y − ȳ) /
 * √(Σ(x − x̄)² · Σ(y − ȳ)²), means taken first (two passes). Null when either vector is constant (every value
 * equal, checked exactly, so a column of 0.1s is constant rather than noise) or shorter than 2; clipped to [−1, 1].
 * The caller passes the rows complete in the pair. O(n).
 *
 * @example
 * pearsonR(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 6.5)); // 0.9979487157886732
 */
export function pearsonR(x: Float64Array, y: Float64Array): number | null {
  const n = x.length;
  if (n < 2 || isConstant(x) || isConstant(y)) return null;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i];
    meanY += y[i];
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * The two-sided p-value of a correlation r over n rows under H0: ρ = 0, from Student's t with n − 2 degrees of
 * freedom, t = r √((n − 2) / (1 − r²)): P(|T| > |t|) = I_{1−r²}((n − 2)/2, ½), the regularized incomplete beta
 * evaluated with 1 − r² = (1 − |r|)(1 + |r|) so that r near ±1 keeps its digits. This is scipy.stats.pearsonr's
 * p-value (its exact null distribution of r for normal data) and scipy.stats.spearmanr's (the t approximation).
 * n = 2: Pearson's r is always ±1 and scipy gives 1; `twoRows` says what to return then (spearmanr gives NaN → null).
 *
 * @example
 * correlationPValue(0.9979487157886732, 3); // 0.040783294536835
 */
export function correlationPValue(r: number | null, n: number, twoRows: number | null = 1): number | null {
  if (r === null || n < 2) return null;
  if (n === 2) return twoRows;
  const a = Math.abs(r);
  if (a === 1) return 0;
  return regularizedBeta((1 - a) * (1 + a), 0.5 * (n - 2), 0.5, a * a);
}

function isConstant(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}
