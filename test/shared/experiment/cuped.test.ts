import { analyzeExperiment } from '../../../shared/experiment/analyze-experiment';
import { cupedTest } from '../../../shared/experiment/cuped';
import { experimentReport } from '../../../shared/experiment/experiment-report';
import { InputError } from '../../../shared/errors';
import { category, numbers, table } from '../../helpers/columns';
import { expectClose } from './close-to';
import { expectAnalysis } from './expect-analysis';
import { expectCuped, gbstats, gbstatsTable } from './gbstats-fixture';

const options = {
  variantColumn: 'group',
  control: 'control',
  conversionColumn: 'converted',
  revenueColumn: 'revenue',
  covariateColumn: 'last_year',
};

describe('cupedTest', () => {
  test('cupedTest(variant, control) by hand: theta from the pooled moments, adjusted means and variance reduction', () => {
    // arms of 3: control Y 1, 2, 3 with X 1, 2, 3; variant Y 3, 4, 5 with X 1, 2, 3.
    // Pooled X mean 2, Sxx = 2 + 2 = 4; Y mean 3, Sxy = (−1)(−2) + (1)(0) + (−1)(0) + (1)(2) = 4 → theta 1.
    // Adjusted means: 4 − (2 − 2) = 4 and 2 → diff 2; within each arm Y − X is constant → adjusted variance 0.
    const result = cupedTest(
      { revenue: { n: 3, mean: 4, variance: 1 }, covariate: { mean: 2, variance: 1, covariance: 1 } },
      { revenue: { n: 3, mean: 2, variance: 1 }, covariate: { mean: 2, variance: 1, covariance: 1 } },
      0.05,
    )!;
    expectClose(result.theta, 1, 1e-15);
    expectClose(result.revenuePerUser, 4, 1e-15);
    expectClose(result.revenueDiff, 2, 1e-15);
    expect(result.varianceReduction).toBe(1);
    expect(result.pValue).toBeNull();
  });

  test('cupedTest gives theta 0 when the covariate does not vary, and null with fewer than 2 users', () => {
    const flat = { mean: 5, variance: 0, covariance: 0 };
    const arm = { revenue: { n: 10, mean: 3, variance: 2 }, covariate: flat };
    expect(cupedTest(arm, arm, 0.05)!.theta).toBe(0);
    expect(cupedTest({ ...arm, revenue: { n: 1, mean: 3, variance: NaN } }, arm, 0.05)).toBeNull();
  });
});

describe('experimentReport with covariateColumn against gbstats (experiment_gbstats.py)', () => {
  test('CUPED readouts and the fixed-horizon report equal the reference at 1e-9', () => {
    const { name, options: o, expected } = gbstats.reports[0];
    const report = experimentReport(gbstatsTable(), { ...options, ...o });
    expectAnalysis(report, expected, name);
    expectCuped(report, expected, name);
    expect(report.variants[1].cuped!.varianceReduction).toBeGreaterThan(0.1);
  });

  test('analyzeExperiment gives the same CUPED readouts from per-arm aggregates (AVG, VAR_SAMP, COVAR_SAMP in SQL)', () => {
    const t = gbstats.table;
    const names = [...new Set(t.group)];
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const groups = names.map((name) => {
      const rows = t.group.flatMap((g, i) => (g === name ? [i] : []));
      const [y, x] = [rows.map((i) => t.revenue[i]), rows.map((i) => t.last_year[i])];
      const [my, mx] = [mean(y), mean(x)];
      const n = rows.length;
      const sampleCov = (a: number[], ma: number, b: number[], mb: number) =>
        a.reduce((sum, v, k) => sum + (v - ma) * (b[k] - mb), 0) / (n - 1);
      return {
        name,
        users: n,
        conversions: rows.reduce((sum, i) => sum + t.converted[i], 0),
        revenue: { n, mean: my, variance: sampleCov(y, my, y, my) },
        covariate: { mean: mx, variance: sampleCov(x, mx, x, mx), covariance: sampleCov(x, mx, y, my) },
      };
    });
    const { expected } = gbstats.reports[0];
    const analysis = analyzeExperiment(groups, {
      control: names.indexOf('control'),
      alpha: 0.05,
      correction: 'HOLM',
      pairwise: false,
      expectedSplit: null,
    });
    expectCuped(analysis, expected, 'from aggregates');
  });

  test('experimentReport refuses a covariate without revenue and counts blank covariates as 0', () => {
    expect(() => experimentReport(gbstatsTable(), { ...options, revenueColumn: undefined })).toThrow(
      new InputError('covariateColumn: CUPED adjusts revenue, so it needs a revenueColumn', 'covariateColumn'),
    );
    const users = table(
      category('group', ['control', 'B', 'control', 'B']),
      numbers('converted', [1, 1, 0, 1]),
      numbers('revenue', [10, 12, 0, 9]),
      numbers('last_year', [5, null, 0, 4]),
    );
    const report = experimentReport(users, options);
    expect(report.warnings).toContain('covariateColumn: 1 blank cell(s) count as 0 (first: row 2)');
  });
});
