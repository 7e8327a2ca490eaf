import { pAdjust } from './p-adjust';
import type { Correction, ExperimentAnalysis } from './types';

/**
 * Corrects the variant-vs-control p-values of several readouts (one per segment) as one family, as
 * statsmodels multipletests(all p-values, method) over every segment × variant test at once, and sets each
 * variant's adjustedPValue and significant (adjustedPValue < alpha) from it. Reading many segments is many tests:
 * correcting each segment on its own would let chance findings through. Works on finished analyses, so aggregates
 * from SQL go through it as well. Mutates and returns the analyses.
 *
 * @example
 * // two segments, one variant each: p 0.01 and 0.04 → Holm over both: 0.02 and 0.04
 * correctFamily([segmentA, segmentB], 'HOLM', 0.05);
 */
export function correctFamily(
  analyses: ExperimentAnalysis[],
  correction: Correction,
  alpha: number,
): ExperimentAnalysis[] {
  const variants = analyses.flatMap((analysis) => analysis.variants);
  const adjusted = pAdjust(
    variants.map((v) => v.pValue),
    correction,
  );
  variants.forEach((v, i) => {
    v.adjustedPValue = adjusted[i];
    v.significant = adjusted[i] !== null && adjusted[i] < alpha;
  });
  return analyses;
}
