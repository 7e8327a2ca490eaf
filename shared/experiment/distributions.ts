import { jStat } from 'jstat';
import { logBeta, regularizedBeta, regularizedGammaQ } from './special-functions';

/**
 * Tail probabilities and quantiles of the normal, chi-square and Student t distributions, as scipy.stats
 * `norm`, `chi2` and `t` (`sf`, `ppf`). Upper tails are computed directly, never as 1 − cdf, so a p-value of 1e-200
 * keeps its digits (see special-functions.ts for why jstat's own cdfs are not used). Quantiles start from jstat's
 * and are polished by Newton steps on these tails, which brings them from ~1e-8 to ~1e-15 relative.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * P(Z > x) for a standard normal Z, as scipy.stats.norm.sf: ½ Q(½, x²/2) = ½ erfc(x/√2).
 *
 * @example
 * 2 * normalSf(1.959963984540054); // 0.05
 */
export function normalSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const upper = 0.5 * regularizedGammaQ(0.5, 0.5 * x * x);
  return x >= 0 ? upper : 1 - upper;
}

/**
 * The standard normal quantile Φ⁻¹(p), as scipy.stats.norm.ppf.
 *
 * @example
 * normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // Solve in the lower tail, where Φ(x) = normalSf(−x) is exact; 1 − p is exact for p ≥ ½.
  const tail = Math.min(p, 1 - p);
  let x = jStat.normal.inv(tail, 0, 1);
  for (let i = 0; i < 8; i++) {
    const step = (normalSf(-x) - tail) / Math.exp(-0.5 * x * x - HALF_LOG_TWO_PI);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.abs(x)) break;
  }
  return p < 0.5 ? x : -x;
}

/**
 * P(X > x) for X ~ χ²(dof), as scipy.stats.chi2.sf: Q(dof/2, x/2).
 *
 * @example
 * chiSquareSf(3.841458820694124, 1); // 0.05
 */
export function chiSquareSf(x: number, dof: number): number {
  if (Number.isNaN(x)) return NaN;
  return regularizedGammaQ(0.5 * dof, 0.5 * x);
}

/**
 * P(T > t) for T ~ t(dof), dof > 0 and not necessarily whole (Welch), as scipy.stats.t.sf:
 * ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0.
 *
 * @example
 * 2 * studentTSf(2.2281388519649385, 10); // 0.05
 */
export function studentTSf(t: number, dof: number): number {
  if (Number.isNaN(t)) return NaN;
  if (!Number.isFinite(t)) return t > 0 ? 0 : 1;
  const t2 = t * t;
  const upper = 0.5 * regularizedBeta(dof / (dof + t2), 0.5 * dof, 0.5, t2 / (dof + t2));
  return t >= 0 ? upper : 1 - upper;
}

/**
 * The quantile of Student's t with dof degrees of freedom, as scipy.stats.t.ppf.
 *
 * @example
 * studentTQuantile(0.975, 10); // 2.2281388519649385
 */
export function studentTQuantile(p: number, dof: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const tail = Math.min(p, 1 - p);
  let t = jStat.studentt.inv(1 - tail, dof);
  const logScale = -0.5 * Math.log(dof) - logBeta(0.5 * dof, 0.5);
  for (let i = 0; i < 8; i++) {
    const density = Math.exp(logScale - 0.5 * (dof + 1) * Math.log1p((t * t) / dof));
    const step = (studentTSf(t, dof) - tail) / density;
    t += step;
    if (Math.abs(step) <= 1e-15 * Math.abs(t)) break;
  }
  return p < 0.5 ? -t : t;
}
