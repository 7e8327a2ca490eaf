import { analyzeExperiment } from './analyze-experiment';
import { exploratoryWarning } from './experiment-report';
import type { AnalysisOptions, Correction, ExperimentReport, SegmentExperiment, VariantGroup } from './types';

export interface ExperimentAggregates {
  /** Variant names, in report order; `control` indexes them. */
  readonly names: readonly string[];
  readonly control: number;
  readonly alpha: number;
  readonly correction: Correction;
  readonly pairwise: boolean;
  readonly expectedSplit: readonly number[] | null;
  /** Per variant (in `names` order) over all rows. */
  readonly overall: readonly VariantGroup[];
  /** Per value of each segment column, per variant (in `names` order, zero users where none). */
  readonly segments: readonly { column: string; value: string; groups: readonly VariantGroup[] }[];
  /** Data warnings found while aggregating, printed before the analysis' own. */
  readonly warnings: readonly string[];
}

/**
 * The experiment report from per-variant sufficient statistics (users, conversions, revenue n/mean/variance), overall
 * and per segment: the counterpart of `experimentReport` for tallies computed elsewhere (SQL in a warehouse), with
 * the same analysis (analyzeExperiment) and the same exploratory warning over segments.
 *
 * @example
 * experimentFromAggregates({ names: ['A', 'B'], control: 0, alpha: 0.05, correction: 'HOLM', pairwise: false,
 *   expectedSplit: null, segments: [], warnings: [], overall: [
 *     { name: 'A', users: 1000, conversions: 100, revenue: null },
 *     { name: 'B', users: 1000, conversions: 130, revenue: null }] }).variants[1].pValue; // 0.03548…
 */
export function experimentFromAggregates(a: ExperimentAggregates): ExperimentReport {
  const options: AnalysisOptions = {
    control: a.control,
    alpha: a.alpha,
    correction: a.correction,
    pairwise: a.pairwise,
    expectedSplit: a.expectedSplit,
  };
  const analysis = analyzeExperiment(a.overall, options);
  const segments: SegmentExperiment[] = a.segments.map((s) => ({
    column: s.column,
    value: s.value,
    report: analyzeExperiment(s.groups, options),
  }));
  const warnings = [...a.warnings];
  if (segments.length > 0 && !analysis.variants.some((v) => v.significant)) {
    warnings.push(exploratoryWarning(segments, a.names[a.control], a.alpha));
  }
  return {
    control: a.names[a.control],
    alpha: a.alpha,
    correction: a.correction,
    variants: analysis.variants,
    chiSquare: analysis.chiSquare,
    srm: analysis.srm,
    pairwise: analysis.pairwise,
    segments,
    warnings: [...warnings, ...analysis.warnings],
  };
}
