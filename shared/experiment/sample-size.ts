import { InputError } from '../errors';
import { normalQuantile, normalSf } from './distributions';

export type Alternative = 'two-sided' | 'larger' | 'smaller';

export interface SampleSizeOptions {
  /** The control's expected conversion rate, in (0, 1). */
  baselineRate: number;
  /** The smallest absolute change worth detecting (0.01 = one percentage point); negative for a drop. */
  minimumDetectableEffect: number;
  /** Default 0.05, for the whole experiment; split over the comparisons with control when variants > 2. */
  alpha?: number;
  /** Default 0.8. */
  power?: number;
  /** Number of groups including the control; default 2. */
  variants?: number;
  /** Default 'two-sided'; 'larger' / 'smaller' test one direction, and must agree with the effect's sign. */
  alternative?: Alternative;
}

export interface SampleSizeResult {
  /** Users needed in each group (control included), rounded up. */
  usersPerVariant: number;
  /** usersPerVariant × variants. */
  totalUsers: number;
  /** The unrounded solution, as statsmodels' solve_power returns it. */
  exactUsersPerVariant: number;
  /** Cohen's h = 2 asin √(baseline + effect) − 2 asin √baseline (statsmodels proportion_effectsize). */
  effectSize: number;
  /** The alpha each comparison is tested at: alpha / (variants − 1) (Bonferroni). */
  alphaPerComparison: number;
}

/**
 * Users per variant for a conversion test, as
 * statsmodels.stats.power.NormalIndPower().solve_power(effect_size=proportion_effectsize(baseline + effect,
 * baseline), alpha, power, ratio=1, alternative): the n with
 * power = P(Z > z_crit − h√(n/2)) (+ P(Z > z_crit + h√(n/2)) two-sided), solved to machine precision by Newton's
 * method, then rounded up.
 *
 * With more than two variants, each of the variants − 1 comparisons with the control is planned at
 * alpha / (variants − 1) (Bonferroni, conservative for the default Holm analysis), which keeps the chance of any
 * false positive at alpha; `alphaPerComparison` reports the level used.
 *
 * @throws InputError naming the argument when a rate, alpha or power is outside (0, 1), the effect is 0 or leaves
 * [0, 1], variants is not a whole number ≥ 2, or a one-sided alternative points against the effect.
 * @example
 * sampleSize({ baselineRate: 0.1, minimumDetectableEffect: 0.02 }).usersPerVariant; // 3835
 */
export function sampleSize(options: SampleSizeOptions): SampleSizeResult {
  const { baselineRate, minimumDetectableEffect: effect } = options;
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  const variants = options.variants ?? 2;
  const alternative = options.alternative ?? 'two-sided';
  if (!(baselineRate > 0 && baselineRate < 1)) {
    throw new InputError(`sampleSize: baselineRate=${baselineRate} must be between 0 and 1`, 'baselineRate');
  }
  const target = baselineRate + effect;
  if (!(effect !== 0 && target >= 0 && target <= 1)) {
    throw new InputError(
      `sampleSize: minimumDetectableEffect=${effect} must be non-zero ` +
        `and keep baselineRate + effect = ${target} within [0, 1]`,
      'minimumDetectableEffect',
    );
  }
  if (!(alpha > 0 && alpha < 1)) throw new InputError(`sampleSize: alpha=${alpha} must be between 0 and 1`, 'alpha');
  if (!(Number.isInteger(variants) && variants >= 2)) {
    throw new InputError(`sampleSize: variants=${variants} must be a whole number of at least 2`, 'variants');
  }
  if (!['two-sided', 'larger', 'smaller'].includes(alternative)) {
    throw new InputError(
      `sampleSize: alternative="${alternative}"; expected two-sided, larger or smaller`,
      'alternative',
    );
  }
  if ((alternative === 'larger' && effect < 0) || (alternative === 'smaller' && effect > 0)) {
    throw new InputError(
      `sampleSize: alternative="${alternative}" cannot detect minimumDetectableEffect=${effect}`,
      'alternative',
    );
  }
  const alphaPerComparison = alpha / (variants - 1);
  if (!(power > alphaPerComparison && power < 1)) {
    throw new InputError(
      `sampleSize: power=${power} must be below 1 and above the alpha per comparison, ${alphaPerComparison}`,
      'power',
    );
  }
  const effectSize = 2 * (Math.asin(Math.sqrt(target)) - Math.asin(Math.sqrt(baselineRate)));
  const twoSided = alternative === 'two-sided';
  const critical = -normalQuantile(twoSided ? alphaPerComparison / 2 : alphaPerComparison);
  const shift = solveShift(critical, twoSided, power);
  const exactUsersPerVariant = (2 * shift * shift) / (effectSize * effectSize);
  const usersPerVariant = Math.ceil(exactUsersPerVariant);
  return {
    usersPerVariant,
    totalUsers: usersPerVariant * variants,
    exactUsersPerVariant,
    effectSize,
    alphaPerComparison,
  };
}

/** The s ≥ 0 with P(Z > c − s) (+ P(Z > c + s) when two-sided) = power; the one-sided s is the start. */
function solveShift(critical: number, twoSided: boolean, power: number): number {
  let s = critical + normalQuantile(power);
  if (!twoSided) return s;
  const density = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  for (let i = 0; i < 50; i++) {
    const step =
      (normalSf(critical - s) + normalSf(critical + s) - power) / (density(critical - s) - density(critical + s));
    s -= step;
    if (Math.abs(step) <= 1e-15 * Math.abs(s)) break;
  }
  return s;
}
