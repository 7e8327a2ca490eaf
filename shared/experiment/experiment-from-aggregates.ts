import { analyzeExperiment } from './analyze-experiment';
import { correctFamily } from './correct-family';
import type { AnalysisOptions, Correction, ExperimentReport, SegmentExperiment, VariantGroup } from './types';

export interface ExperimentAggregates {
  /** Variant names, in report order; `control` indexes them. */
  readonly names: readonly string[];
  readonly control: number;
  readonly alpha: number;
  readonly correction: Correction;
  readonly pairwise: boolean;
  readonly expectedSplit: readonly number[] | null;
  /** Always-valid p-values with this tuning (sequential-test.ts); absent or null = fixed horizon. */
  readonly sequentialTuning?: number | null;
  /** Per variant (in `names` order) over all rows. */
  readonly overall: readonly VariantGroup[];
  /** Per value of each segment column, per variant (in `names` order, zero users where none). */
  readonly segments: readonly { column: string; value: string; groups: readonly VariantGroup[] }[];
  /**
   * Per segment of a stored segmentation, per variant: readouts corrected across all segment × variant tests as one
   * family (correct-family.ts), each flagged exploratory; absent or null without one.
   */
  readonly segmentation?: {
    column: string;
    readouts: readonly { value: string; groups: readonly VariantGroup[] }[];
  } | null;
  /** Data warnings found while aggregating, printed before the analysis' own. */
  readonly warnings: readonly string[];
}

/**
 * The experiment report from per-variant sufficient statistics (users, conversions, revenue n/mean/variance), overall
 * and per segment: the counterpart of `experimentReport` for tallies computed elsewhere (SQL in a warehouse), with
 * the same analysis (analyzeExperiment) and the same exploratory warning over segments. experimentReport ends here
 * too, so both paths share every step after the tallies.
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
    sequentialTuning: a.sequentialTuning ?? null,
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
  if (a.segmentation) {
    const column = a.segmentation.column;
    const readouts = a.segmentation.readouts.map((r) => ({
      column,
      value: r.value,
      report: analyzeExperiment(r.groups, options),
    }));
    correctFamily(
      readouts.map((r) => r.report),
      a.correction,
      a.alpha,
    );
    const tests = readouts.reduce((m, r) => m + r.report.variants.filter((v) => v.pValue !== null).length, 0);
    const family =
      `exploratory: one of ${tests} segment × variant tests across ${readouts.length} segments, ` +
      `corrected together (${a.correction}); confirm a segment finding with a test planned for that segment`;
    for (const r of readouts) r.report.warnings.unshift(family);
    warnings.push(
      `${column}: readouts per segment are exploratory; their adjusted p-values are corrected across all ` +
        `${tests} segment × variant tests (${a.correction})`,
    );
    segments.push(...readouts);
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

export function exploratoryWarning(segments: readonly SegmentExperiment[], control: string, alpha: number): string {
  const nominal = segments.flatMap((segment) =>
    segment.report.variants.flatMap((v) =>
      v.pValue !== null && v.pValue < alpha
        ? [`${segment.column}=${segment.value} (${v.name}: p = ${v.pValue.toPrecision(2)})`]
        : [],
    ),
  );
  const found =
    nominal.length > 0
      ? `; nominally significant (p < ${alpha}, uncorrected): ${nominal.join(', ')}`
      : '; no segment reaches nominal significance either';
  return (
    `segments are exploratory: no variant differs significantly from control "${control}" overall, so ` +
    `segment-level differences may be chance findings among many comparisons${found}`
  );
}
