/** An always-valid p-value and confidence sequence for a difference, valid at every look. */
export interface SequentialResult {
  pValue: number;
  ciLow: number;
  ciHigh: number;
}

/** The tuning parameter's default: the confidence sequence is tightest near this many users (gbstats' default). */
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

/**
 * rho of the two-sided asymptotic confidence sequence for a tuning parameter N (Waudby-Smith et al. 2023,
 * arXiv 2103.06476 eq. 161; gbstats 0.8.0 frequentist/tests.py `sequential_rho`):
 * rho = √((−2 ln α + ln(−2 ln α + 1)) / N).
 *
 * @example
 * sequentialRho(0.05, 5000); // 0.03984…
 */
export function sequentialRho(alpha: number, tuning: number): number {
  const logTerm = -2 * Math.log(alpha);
  return Math.sqrt((logTerm + Math.log(logTerm + 1)) / tuning);
}

/**
 * The two-sided sequential test of a difference d with standard error se over n users (both arms), as gbstats 0.8.0
 * `SequentialTwoSidedTTest` (frequentist/tests.py: `p_value`, eq. 155 of Waudby-Smith et al. 2023, and
 * `sequential_interval_halfwidth`, their eq. 9), with s² = se²·n:
 * p = min(1, √(nρ² + 1) · exp(−ρ² · n d² / se² / (2 (nρ² + 1)))),
 * half-width = √s² · √(2 (nρ² + 1) ln(√(nρ² + 1) / α) / (nρ)²).
 * Unlike a fixed-horizon test, the false-positive rate stays below α however often the results are looked at; the
 * price is a wider interval, narrowest near n ≈ tuning. Null when se is 0 or not finite (nothing to test).
 *
 * @example
 * sequentialTest(0.02, 0.01, 4000, 0.05, 5000); // { pValue: 0.4816…, ciLow: −0.0104…, ciHigh: 0.0504… }
 */
export function sequentialTest(
  difference: number,
  standardError: number,
  n: number,
  alpha: number,
  tuning: number,
): SequentialResult | null {
  if (!(standardError > 0 && Number.isFinite(standardError))) return null;
  const rho = sequentialRho(alpha, tuning);
  const rho2 = rho * rho;
  const tr2p1 = n * rho2 + 1;
  const st2 = (difference * difference * n) / (standardError * standardError);
  const pValue = Math.min(1, Math.sqrt(tr2p1) * Math.exp((-rho2 * st2) / (2 * tr2p1)));
  const s2 = standardError * standardError * n;
  const halfWidth = Math.sqrt(s2) * Math.sqrt((2 * tr2p1 * Math.log(Math.sqrt(tr2p1) / alpha)) / (n * rho) ** 2);
  return { pValue, ciLow: difference - halfWidth, ciHigh: difference + halfWidth };
}
