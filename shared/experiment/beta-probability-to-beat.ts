import { InputError } from '../errors';
import { logBeta } from './special-functions';

/** A Beta(alpha, beta) distribution; for a conversion rate with a uniform prior, (1 + conversions, 1 + failures). */
export interface BetaParameters {
  alpha: number;
  beta: number;
}

/**
 * P(X > Y) for independent X ~ Beta(variant) and Y ~ Beta(control), exactly: the closed form of Evan Miller
 * ("Formulas for Bayesian A/B testing", 2015) for a whole-number parameter,
 *   P = Σ_{i=0}^{α_X − 1} B(α_Y + i, β_Y + β_X) / ((β_X + i) B(1 + i, β_X) B(α_Y, β_Y)),
 * or the same sum over i < β_Y after reflecting both rates (p → 1 − p), whichever has fewer terms. No Monte Carlo.
 *
 * The terms rise then fall (their ratio crosses 1 once), so the sum starts at the largest term (from ln B) and walks
 * outwards by the ratio recurrence until the remaining terms cannot reach 2⁻⁶⁰ of the total: a few hundred steps
 * even for Beta(50 001, 450 001). The relative error is about 1e-16 · |ln B| from the peak term (1e-13 at a thousand
 * users, 3e-10 at 500,000 a side), checked against the sum in 40-digit decimals and a SciPy numerical integral of
 * the density times the distribution function (test/fixtures/experiment/probability-to-beat.json).
 *
 * @throws InputError unless the parameters are positive and α of the variant or β of the control is whole.
 * @example
 * betaProbabilityToBeat({ alpha: 2, beta: 1 }, { alpha: 1, beta: 1 }); // 2/3
 */
export function betaProbabilityToBeat(variant: BetaParameters, control: BetaParameters): number {
  for (const p of [variant.alpha, variant.beta, control.alpha, control.beta]) {
    if (!(p > 0 && Number.isFinite(p))) throw new InputError(`betaProbabilityToBeat: parameter ${p} is not positive`);
  }
  const direct = Number.isInteger(variant.alpha) ? variant.alpha : Infinity;
  const reflected = Number.isInteger(control.beta) ? control.beta : Infinity;
  if (direct === Infinity && reflected === Infinity) {
    throw new InputError(
      `betaProbabilityToBeat: variant alpha=${variant.alpha} and control ` +
        `beta=${control.beta} are both fractional; one must be whole`,
    );
  }
  // X > Y  ⇔  1 − Y > 1 − X, and 1 − Y ~ Beta(β_Y, α_Y): the reflected sum runs over the control's β.
  return direct <= reflected
    ? millerSum(variant, control)
    : millerSum({ alpha: control.beta, beta: control.alpha }, { alpha: variant.beta, beta: variant.alpha });
}

/** Σ_{i<α_X} T_i with T_{i+1}/T_i = (α_Y + i)(β_X + i) / ((α_Y + β_Y + β_X + i)(1 + i)). */
function millerSum(x: BetaParameters, y: BetaParameters): number {
  const terms = x.alpha;
  const ratio = (i: number) => ((y.alpha + i) * (x.beta + i)) / ((y.alpha + y.beta + x.beta + i) * (1 + i));
  // T_{i+1} ≥ T_i exactly when i ≤ (α_Y β_X − α_Y − β_Y − β_X) / (β_Y + 1).
  const rising = (y.alpha * x.beta - y.alpha - y.beta - x.beta) / (y.beta + 1);
  const mode = Math.min(terms - 1, Math.max(0, Math.floor(rising) + 1));
  const logPeak =
    logBeta(y.alpha + mode, y.beta + x.beta) -
    Math.log(x.beta + mode) -
    logBeta(1 + mode, x.beta) -
    logBeta(y.alpha, y.beta);
  const negligible = 2 ** -60;
  let sum = 1;
  let term = 1;
  for (let i = mode; i < terms - 1; i++) {
    term *= ratio(i);
    sum += term;
    if (term * (terms - 2 - i) < negligible * sum) break;
  }
  term = 1;
  for (let i = mode - 1; i >= 0; i--) {
    term /= ratio(i);
    sum += term;
    if (term * i < negligible * sum) break;
  }
  return Math.min(1, Math.exp(logPeak + Math.log(sum)));
}
