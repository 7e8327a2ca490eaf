import { InputError } from '../errors';
import { betaProbabilityToBeat } from './beta-probability-to-beat';
import { chiSquareGoodnessOfFit } from './chi-square-goodness-of-fit';
import { chiSquareIndependence } from './chi-square-independence';
import { cupedTest } from './cuped';
import { pAdjust } from './p-adjust';
import { sequentialTest } from './sequential-test';
import { twoProportionZTest } from './two-proportion-z-test';
import type { AnalysisOptions, ExperimentAnalysis, PairwiseResult, VariantGroup, VariantResult } from './types';
import { waldInterval } from './wald-interval';
import { welchTTest } from './welch-t-test';

/** Below this p-value the sample-ratio check warns that the assignment itself looks broken. */
export const SRM_THRESHOLD = 0.001;

/**
 * The experiment report over variants' sufficient statistics (users, conversions, revenue n/mean/variance), so a
 * service can feed it SQL aggregates and tests can feed it a million users without a million rows. Per variant
 * against the control: rates, lifts, Wald interval, pooled z-test, adjusted p-value (p-adjust.ts), probability to
 * beat the control (Beta(1, 1) prior), revenue per user / per converter, Welch's test and interval on revenue per
 * user, incremental revenue, CUPED on revenue when the groups carry a covariate (cuped.ts). With
 * `sequentialTuning`, the conversion p-value and interval and the revenue p-value and interval (and CUPED's) are
 * always-valid ones from sequential-test.ts instead. Over all variants: the chi-square test of independence and the
 * sample-ratio check.
 *
 * Undefined statistics are null with a warning that says why, never NaN. A variant with no users (possible in a
 * segment) keeps its line with null rates and is left out of every test but the sample-ratio check.
 *
 * @throws InputError when fewer than two groups are given or `control` is not one of them.
 * @example
 * analyzeExperiment(
 *   [
 *     { name: 'control', users: 1000, conversions: 100, revenue: null },
 *     { name: 'B', users: 1000, conversions: 130, revenue: null },
 *   ],
 *   { control: 0, alpha: 0.05, correction: 'HOLM', pairwise: false, expectedSplit: null },
 * ).variants[1].pValue; // 0.03548…
 */
export function analyzeExperiment(groups: readonly VariantGroup[], options: AnalysisOptions): ExperimentAnalysis {
  const { alpha } = options;
  if (groups.length < 2) throw new InputError(`analyzeExperiment: ${groups.length} variant(s); at least 2 are needed`);
  const control = groups[options.control];
  if (!control) throw new InputError(`analyzeExperiment: control index ${options.control} is not one of the groups`);
  const warnings: string[] = [];
  const controlLabel = `control "${control.name}"`;
  if (control.users === 0) warnings.push(`${controlLabel} has no users here; no variant is compared with it`);

  const variants = groups.map((group, index): VariantResult => {
    const isControl = index === options.control;
    const result = describe(group, isControl);
    if (isControl || group.users === 0 || control.users === 0) return result;
    const label = `"${group.name}" vs ${controlLabel}`;
    const tuning = options.sequentialTuning ?? null;
    compareConversions(result, group, control, alpha, label, warnings);
    compareRevenue(result, group, control, alpha, label, warnings);
    compareCuped(result, group, control, alpha, tuning, label, warnings);
    if (tuning !== null) makeSequential(result, group, control, alpha, tuning);
    return result;
  });
  const adjusted = pAdjust(
    variants.map((v) => v.pValue),
    options.correction,
  );
  variants.forEach((v, i) => {
    v.adjustedPValue = adjusted[i];
    v.significant = adjusted[i] !== null && adjusted[i] < alpha;
  });

  const present = groups.filter((g) => g.users > 0);
  const independence = chiSquareIndependence(present.map((g) => [g.conversions, g.users - g.conversions]));
  if (independence.degenerate) {
    const how =
      present.length < 2
        ? 'fewer than two variants have users'
        : present.every((g) => g.conversions === 0)
          ? 'no user converted in any variant'
          : 'every user converted in every variant';
    warnings.push(`chi-square test: ${how}, so there is nothing to test (statistic 0, p = 1)`);
  } else if (!independence.degenerate && independence.minExpected < 5) {
    warnings.push(
      `chi-square test: an expected count is ${round(independence.minExpected, 2)} ` +
        `(below 5), so its p-value is approximate`,
    );
  }
  const chiSquare = { statistic: independence.statistic, pValue: independence.pValue, dof: independence.dof };

  const ratio = chiSquareGoodnessOfFit(
    groups.map((g) => g.users),
    options.expectedSplit,
  );
  const srm = { statistic: ratio.statistic, pValue: ratio.pValue, dof: ratio.dof };
  if (ratio.pValue < SRM_THRESHOLD) {
    const observed = groups.map((g) => `${g.name} ${g.users}`).join(', ');
    const expected = groups.map((g, i) => `${g.name} ${round(ratio.expected[i], 1)}`).join(', ');
    const p = ratio.pValue > 0 ? `= ${ratio.pValue.toPrecision(2)}` : '< 1e-300';
    warnings.push(
      `sample ratio mismatch (chi-square p ${p}): users per variant are ${observed} against expected ${expected}; ` +
        'check the assignment before trusting any lift',
    );
  }

  const pairwise = options.pairwise ? comparePairs(groups, options, warnings) : [];
  return { variants, chiSquare, srm, pairwise, warnings };
}

function describe(group: VariantGroup, isControl: boolean): VariantResult {
  const revenue = group.revenue;
  const totalRevenue = revenue ? (revenue.n > 0 ? revenue.mean * revenue.n : 0) : null;
  return {
    name: group.name,
    isControl,
    users: group.users,
    conversions: group.conversions,
    conversionRate: group.users > 0 ? group.conversions / group.users : null,
    absoluteLift: null,
    relativeLift: null,
    ciLow: null,
    ciHigh: null,
    zScore: null,
    pValue: null,
    adjustedPValue: null,
    significant: false,
    probabilityToBeatControl: null,
    revenuePerUser: revenue && group.users > 0 ? revenue.mean : null,
    revenuePerConverter: totalRevenue !== null && group.conversions > 0 ? totalRevenue / group.conversions : null,
    totalRevenue,
    revenueDiff: null,
    revenuePValue: null,
    revenueCiLow: null,
    revenueCiHigh: null,
    incrementalRevenue: null,
    cuped: null,
  };
}

function compareCuped(
  result: VariantResult,
  group: VariantGroup,
  control: VariantGroup,
  alpha: number,
  tuning: number | null,
  label: string,
  warnings: string[],
): void {
  if (!group.revenue || !control.revenue || !group.covariate || !control.covariate) return;
  const cuped = cupedTest(
    { revenue: group.revenue, covariate: group.covariate },
    { revenue: control.revenue, covariate: control.covariate },
    alpha,
  );
  if (!cuped) {
    warnings.push(`${label}: a group has fewer than 2 users, so CUPED is undefined (cuped is null)`);
    return;
  }
  const { standardError, ...readout } = cuped;
  result.cuped = readout;
  if (tuning !== null) {
    const sequential = sequentialTest(readout.revenueDiff, standardError, group.users + control.users, alpha, tuning);
    readout.pValue = sequential?.pValue ?? null;
    readout.ciLow = sequential?.ciLow ?? readout.ciLow;
    readout.ciHigh = sequential?.ciHigh ?? readout.ciHigh;
  }
  if (readout.theta === 0) {
    warnings.push(`${label}: the covariate or revenue does not vary, so CUPED adjusts nothing (theta 0)`);
  }
}

/**
 * Replaces the fixed-horizon conversion and revenue p-values and intervals with always-valid ones: d and its
 * unpooled standard error (p(1 − p)/n per arm for conversion, sample variance/n for revenue), n = both arms' users.
 */
function makeSequential(
  result: VariantResult,
  group: VariantGroup,
  control: VariantGroup,
  alpha: number,
  tuning: number,
): void {
  const n = group.users + control.users;
  const pb = group.conversions / group.users;
  const pa = control.conversions / control.users;
  const conversion = sequentialTest(
    pb - pa,
    Math.sqrt((pb * (1 - pb)) / group.users + (pa * (1 - pa)) / control.users),
    n,
    alpha,
    tuning,
  );
  result.pValue = conversion?.pValue ?? null;
  if (conversion) [result.ciLow, result.ciHigh] = [conversion.ciLow, conversion.ciHigh];
  if (!group.revenue || !control.revenue || result.revenueDiff === null) return;
  const se = Math.sqrt(group.revenue.variance / group.revenue.n + control.revenue.variance / control.revenue.n);
  const revenue = sequentialTest(result.revenueDiff, se, n, alpha, tuning);
  result.revenuePValue = revenue?.pValue ?? null;
  if (revenue) [result.revenueCiLow, result.revenueCiHigh] = [revenue.ciLow, revenue.ciHigh];
}

function compareConversions(
  result: VariantResult,
  group: VariantGroup,
  control: VariantGroup,
  alpha: number,
  label: string,
  warnings: string[],
): void {
  const interval = waldInterval(group.conversions, group.users, control.conversions, control.users, alpha);
  if (interval) {
    result.absoluteLift = interval.difference;
    result.ciLow = interval.ciLow;
    result.ciHigh = interval.ciHigh;
  }
  const controlRate = control.conversions / control.users;
  result.relativeLift = controlRate > 0 ? group.conversions / group.users / controlRate - 1 : null;
  const test = twoProportionZTest(group.conversions, group.users, control.conversions, control.users);
  result.zScore = test.zScore;
  result.pValue = test.pValue;
  if (test.zScore === null) {
    const how = group.conversions === 0 ? 'no user converted in either group' : 'every user converted in both groups';
    warnings.push(`${label}: ${how}, so the z-test is undefined (zScore and pValue are null)`);
  }
  result.probabilityToBeatControl = betaProbabilityToBeat(
    { alpha: 1 + group.conversions, beta: 1 + group.users - group.conversions },
    { alpha: 1 + control.conversions, beta: 1 + control.users - control.conversions },
  );
}

function compareRevenue(
  result: VariantResult,
  group: VariantGroup,
  control: VariantGroup,
  alpha: number,
  label: string,
  warnings: string[],
): void {
  if (!group.revenue || !control.revenue) return;
  const welch = welchTTest(group.revenue, control.revenue, alpha);
  result.revenueDiff = welch.difference;
  result.incrementalRevenue = welch.difference * group.users;
  result.revenuePValue = welch.pValue;
  result.revenueCiLow = welch.ciLow;
  result.revenueCiHigh = welch.ciHigh;
  if (welch.pValue === null) {
    const why =
      group.revenue.n < 2 || control.revenue.n < 2
        ? 'a group has fewer than 2 users'
        : 'revenue does not vary within either group';
    warnings.push(`${label}: ${why}, so Welch's t-test on revenue is undefined (revenuePValue is null)`);
  }
}

function comparePairs(groups: readonly VariantGroup[], options: AnalysisOptions, warnings: string[]): PairwiseResult[] {
  const others = groups.filter((g, i) => i !== options.control && g.users > 0);
  const pairs: PairwiseResult[] = [];
  for (let i = 0; i < others.length; i++) {
    for (let j = i + 1; j < others.length; j++) {
      const a = others[i];
      const b = others[j];
      const interval = waldInterval(b.conversions, b.users, a.conversions, a.users, options.alpha);
      const test = twoProportionZTest(b.conversions, b.users, a.conversions, a.users);
      if (test.zScore === null) {
        warnings.push(
          `"${b.name}" vs "${a.name}": both groups convert at the same 0% or 100%, so the z-test is undefined`,
        );
      }
      pairs.push({
        a: a.name,
        b: b.name,
        absoluteLift: interval ? interval.difference : null,
        zScore: test.zScore,
        pValue: test.pValue,
        adjustedPValue: null,
        significant: false,
        ciLow: interval ? interval.ciLow : null,
        ciHigh: interval ? interval.ciHigh : null,
      });
    }
  }
  const adjusted = pAdjust(
    pairs.map((p) => p.pValue),
    options.correction,
  );
  pairs.forEach((p, i) => {
    p.adjustedPValue = adjusted[i];
    p.significant = adjusted[i] !== null && adjusted[i] < options.alpha;
  });
  return pairs;
}

function round(x: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(x * scale) / scale;
}
