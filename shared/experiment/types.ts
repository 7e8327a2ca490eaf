/** Multiple-comparison corrections over the variant-vs-control p-values (statsmodels multipletests methods). */
export type Correction = 'NONE' | 'BONFERRONI' | 'HOLM' | 'BENJAMINI_HOCHBERG';

export const CORRECTIONS: readonly Correction[] = ['NONE', 'BONFERRONI', 'HOLM', 'BENJAMINI_HOCHBERG'];

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

/** A pre-experiment covariate over a variant's users: its mean, sample variance and sample covariance with revenue. */
export interface CovariateSummary {
  mean: number;
  /** n − 1 denominator, as SampleSummary. */
  variance: number;
  /** Sample covariance (n − 1 denominator) of the covariate and revenue over the same users. */
  covariance: number;
}

/** A CUPED readout of revenue per user against the control (GraphQL `CupedResult`; see cuped.ts). */
export interface CupedResult {
  /** cov(Y, X) / var(X) over the users of the variant and the control together. */
  theta: number;
  /** 1 − Var(adjusted difference) / Var(unadjusted difference); null when revenue does not vary. */
  varianceReduction: number | null;
  /** The variant's mean adjusted revenue per user. */
  revenuePerUser: number;
  /** Variant minus control, adjusted. */
  revenueDiff: number;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
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
  /** The covariate over the same users (needs revenue); absent or null without a covariate. */
  covariate?: CovariateSummary | null;
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
  /** CUPED on revenue with the covariate; null for the control and without a covariate. */
  cuped: CupedResult | null;
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
  /** Pre-experiment covariate (last year's spend) for CUPED on revenue; needs revenueColumn. Blank = 0. */
  covariateColumn?: string | null;
  /** Always-valid (sequential) p-values and intervals; default false. */
  sequential?: boolean | null;
  /** The sequential test's tuning parameter: users at which its interval is tightest (default 5000). */
  sequentialTuning?: number | null;
  /**
   * A segment name per row (a stored segmentation joined to the rows): one readout per segment, reported under
   * `segmentsColumn` (default "segment"), corrected across all segment × variant tests as one family.
   */
  segments?: readonly (string | null)[] | null;
  segmentsColumn?: string | null;
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
  /**
   * Always-valid p-values and intervals (sequential-test.ts) in place of the fixed-horizon ones, with this tuning
   * parameter; absent or null = fixed horizon.
   */
  sequentialTuning?: number | null;
}
