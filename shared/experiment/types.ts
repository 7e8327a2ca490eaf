/** Multiple-comparison corrections over the variant-vs-control p-values (statsmodels multipletests methods). */
export type Correction = 'NONE' | 'BONFERRONI' | 'HOLM';

export const CORRECTIONS: readonly Correction[] = ['NONE', 'BONFERRONI', 'HOLM'];

/** A test statistic with its p-value and degrees of freedom (GraphQL `TestResult`). */
export interface TestResult {
  statistic: number;
  pValue: number;
  dof: number;
}

/** n, mean and sample variance (n − 1 denominator) of a sample: all a Welch test needs. */
export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample variance with the n − 1 denominator; NaN when n < 2. */
  variance: number;
}

/**
 * One variant's sufficient statistics: what a service can compute in SQL (COUNT, SUM, variance) when the rows are
 * too many to load. `revenue` summarizes revenue over all of the variant's users (non-converters count as 0), so its
 * n equals `users`.
 */
export interface VariantGroup {
  name: string;
  users: number;
  conversions: number;
  revenue: SampleSummary | null;
}

/** One variant's line of the report (GraphQL `VariantResult`). Comparisons are null on the control's own line. */
export interface VariantResult {
  name: string;
  isControl: boolean;
  users: number;
  conversions: number;
  /** conversions / users; null when the variant has no users (possible within a segment). */
  conversionRate: number | null;
  /** p_variant − p_control. */
  absoluteLift: number | null;
  /** p_variant / p_control − 1; null when the control converts nobody. */
  relativeLift: number | null;
  /** Wald interval of absoluteLift at 1 − alpha. */
  ciLow: number | null;
  ciHigh: number | null;
  /** Pooled two-proportion z (variant − control); null when both groups convert at 0% or both at 100%. */
  zScore: number | null;
  pValue: number | null;
  /** pValue after the report's correction over all variant-vs-control comparisons. */
  adjustedPValue: number | null;
  /** adjustedPValue < alpha. */
  significant: boolean;
  /** P(p_variant > p_control) under independent Beta(1 + conversions, 1 + non-conversions) posteriors. */
  probabilityToBeatControl: number | null;
  /** Revenue per user (all users, converters or not); null without a revenue column. */
  revenuePerUser: number | null;
  /** Revenue per converter (average ticket); null without conversions. */
  revenuePerConverter: number | null;
  totalRevenue: number | null;
  /** revenuePerUser − control's revenuePerUser. */
  revenueDiff: number | null;
  /** Welch's t-test p-value for revenueDiff; null when undefined (no variance, or fewer than 2 users). */
  revenuePValue: number | null;
  /** Welch interval of revenueDiff at 1 − alpha. */
  revenueCiLow: number | null;
  revenueCiHigh: number | null;
  /** revenueDiff × this variant's users: the revenue the variant added (or lost) against the control's rate. */
  incrementalRevenue: number | null;
}

/** A comparison between two non-control variants: b against a (lift = p_b − p_a), a listed first in the report. */
export interface PairwiseResult {
  a: string;
  b: string;
  absoluteLift: number | null;
  zScore: number | null;
  pValue: number | null;
  /** Corrected over the pairwise comparisons only (the variant-vs-control family is kept apart). */
  adjustedPValue: number | null;
  significant: boolean;
  ciLow: number | null;
  ciHigh: number | null;
}

/** Everything computed from one set of rows: the whole experiment, or the rows of one segment. */
export interface ExperimentAnalysis {
  variants: VariantResult[];
  /** Independence of variant and conversion over the variants × {converted, not} table. */
  chiSquare: TestResult;
  /** Sample ratio mismatch: goodness of fit of users per variant to the expected split. */
  srm: TestResult;
  /** Pairwise comparisons between non-control variants; empty unless requested. */
  pairwise: PairwiseResult[];
  warnings: string[];
}

export interface SegmentExperiment {
  column: string;
  value: string;
  report: ExperimentAnalysis;
}

export interface ExperimentReport extends ExperimentAnalysis {
  control: string;
  alpha: number;
  correction: Correction;
  segments: SegmentExperiment[];
}

export interface ExperimentOptions {
  variantColumn: string;
  /** The control's value in variantColumn. */
  control: string;
  /** BOOLEAN, NUMBER 0/1, or CATEGORY/TEXT yes/no, y/n, true/false, 1/0 (any case). Blank = not converted. */
  conversionColumn: string;
  /** Non-negative revenue per row; blank = 0. */
  revenueColumn?: string | null;
  segmentColumns?: readonly string[] | null;
  /** Significance level in (0, 1); default 0.05. */
  alpha?: number | null;
  /** Default HOLM. */
  correction?: Correction | null;
  /** Also compare every pair of non-control variants; default false. */
  pairwise?: boolean | null;
  /**
   * Expected share of users per variant for the sample-ratio check: weights in order of first appearance in
   * variantColumn, or a map from variant name to weight. Equal split by default.
   */
  expectedSplit?: readonly number[] | Readonly<Record<string, number>> | null;
}

/** Options of the aggregate-level entry point, analyzeExperiment (already validated and resolved). */
export interface AnalysisOptions {
  /** Index of the control in the groups. */
  control: number;
  alpha: number;
  correction: Correction;
  pairwise: boolean;
  /** One positive weight per group; null = equal split. */
  expectedSplit: readonly number[] | null;
}
