import { InputError } from '../errors';
import { chiSquareSf } from './distributions';
import type { TestResult } from './types';

export interface GoodnessOfFitResult extends TestResult {
  /** Expected counts: the observed total split in proportion to the weights. */
  expected: Float64Array;
}

/**
 * Pearson's chi-square goodness-of-fit test, as scipy.stats.chisquare(observed, expected): expected counts are the
 * observed total split in proportion to `weights` (equal by default), statistic = Σ (observed − expected)² /
 * expected, dof = k − 1. With the users per variant and the planned split this is the sample-ratio-mismatch check.
 *
 * @throws InputError when the lengths differ, fewer than two categories are given, or a weight is not positive.
 * @example
 * chiSquareGoodnessOfFit([5100, 4900]); // { statistic: 4, pValue: 0.0455…, dof: 1, expected: [5000, 5000] }
 */
export function chiSquareGoodnessOfFit(
  observed: ArrayLike<number>,
  weights?: ArrayLike<number> | null,
): GoodnessOfFitResult {
  const k = observed.length;
  if (k < 2) throw new InputError(`chiSquareGoodnessOfFit: ${k} categories given; at least 2 are needed`, 'observed');
  if (weights && weights.length !== k) {
    throw new InputError(
      `chiSquareGoodnessOfFit: ${weights.length} weights for ${k} observed counts; one weight per count is needed`,
      'expectedSplit',
    );
  }
  let total = 0;
  let weightTotal = 0;
  for (let i = 0; i < k; i++) {
    const weight = weights ? weights[i] : 1;
    if (!(weight > 0 && Number.isFinite(weight))) {
      throw new InputError(
        `chiSquareGoodnessOfFit: weight ${i + 1} is ${weight}; weights must be positive`,
        'expectedSplit',
      );
    }
    total += observed[i];
    weightTotal += weight;
  }
  const expected = new Float64Array(k);
  const dof = k - 1;
  if (total === 0) return { statistic: 0, pValue: 1, dof, expected };
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    expected[i] = (total * (weights ? weights[i] : 1)) / weightTotal;
    const deviation = observed[i] - expected[i];
    statistic += (deviation * deviation) / expected[i];
  }
  return { statistic, pValue: chiSquareSf(statistic, dof), dof, expected };
}
