import { experimentReport } from '../../../shared/experiment/experiment-report';
import { sequentialRho, sequentialTest } from '../../../shared/experiment/sequential-test';
import { twoProportionZTest } from '../../../shared/experiment/two-proportion-z-test';
import { InputError } from '../../../shared/errors';
import { createRng } from '../../../shared/random';
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

describe('sequentialTest against gbstats SequentialTwoSidedTTest (experiment_gbstats.py)', () => {
  test.each(gbstats.sequential.map((c) => [`d ${c.difference}, se ${c.standardError}, n ${c.n}`, c]))(
    '%s',
    (label, c) => {
      expectClose(sequentialRho(c.alpha, c.tuning), c.rho, 1e-14, `${label}: rho`);
      const result = sequentialTest(c.difference, c.standardError, c.n, c.alpha, c.tuning)!;
      expectClose(result.pValue, c.pValue, 1e-9, `${label}: p`, 1e-300);
      expectClose(result.ciLow, c.ciLow, 1e-9, `${label}: ciLow`);
      expectClose(result.ciHigh, c.ciHigh, 1e-9, `${label}: ciHigh`);
    },
  );

  test('sequentialTest is null without a standard error, and its interval is wider than the fixed-horizon one', () => {
    expect(sequentialTest(0.1, 0, 100, 0.05, 5000)).toBeNull();
    // fixed horizon: 0.02 ± 1.96 × 0.01; always valid at n = 4000: 0.02 ± 0.0304
    const { ciLow, ciHigh } = sequentialTest(0.02, 0.01, 4000, 0.05, 5000)!;
    expect(ciHigh - ciLow).toBeGreaterThan(2 * 1.96 * 0.01);
  });

  test.each(gbstats.reports.slice(1).map((r) => [r.name, r]))('experimentReport, %s', (name, r) => {
    const report = experimentReport(gbstatsTable(), { ...options, ...r.options });
    expectAnalysis(report, r.expected, name);
    expectCuped(report, r.expected, name);
    expect(report.warnings[0]).toMatch(/^sequential: p-values and intervals are always valid/);
  });

  test('experimentReport says pairwise comparisons stay fixed-horizon under sequential', () => {
    const report = experimentReport(gbstatsTable(), { ...options, sequential: true, pairwise: true });
    expect(report.warnings[1]).toMatch(/^pairwise: comparisons between non-control variants stay fixed-horizon/);
  });

  test('experimentReport refuses a sequentialTuning without sequential or not above 0, naming the argument', () => {
    expect(() => experimentReport(gbstatsTable(), { ...options, sequentialTuning: 100 })).toThrow(
      new InputError('sequentialTuning: only applies with sequential: true', 'sequentialTuning'),
    );
    expect(() => experimentReport(gbstatsTable(), { ...options, sequential: true, sequentialTuning: 0 })).toThrow(
      /^sequentialTuning: 0 must be a number of users above 0/,
    );
  });
});

describe('sequentialTest under repeated looks (seeded simulation)', () => {
  test('with no effect, looking 20 times keeps false positives under alpha, where the z-test does not', () => {
    // 400 A/A tests at 10% conversion, a look after every 250 users per arm up to 5,000: a test "finds" an effect
    // when any look has p < 0.05.
    const rng = createRng(20260601);
    const experiments = 400;
    let sequentialHits = 0;
    let fixedHits = 0;
    for (let e = 0; e < experiments; e++) {
      let [n, xa, xb] = [0, 0, 0];
      let [sequentialFound, fixedFound] = [false, false];
      for (let look = 0; look < 20; look++) {
        for (let i = 0; i < 250; i++) {
          xa += rng.next() < 0.1 ? 1 : 0;
          xb += rng.next() < 0.1 ? 1 : 0;
        }
        n += 250;
        const [pa, pb] = [xa / n, xb / n];
        const se = Math.sqrt((pa * (1 - pa)) / n + (pb * (1 - pb)) / n);
        const sequential = sequentialTest(pb - pa, se, 2 * n, 0.05, 5000);
        if (sequential && sequential.pValue < 0.05) sequentialFound = true;
        const fixed = twoProportionZTest(xb, n, xa, n).pValue;
        if (fixed !== null && fixed < 0.05) fixedFound = true;
      }
      if (sequentialFound) sequentialHits++;
      if (fixedFound) fixedHits++;
    }
    expect(sequentialHits / experiments).toBeLessThan(0.05);
    expect(fixedHits / experiments).toBeGreaterThan(0.1);
  });
});
