import fixture from '../../fixtures/experiment/aggregate-reports.json';
import { analyzeExperiment } from '../../../shared/experiment/analyze-experiment';
import type { AnalysisOptions, Correction, VariantGroup } from '../../../shared/experiment/types';
import { expectAnalysis, type ExpectedAnalysis } from './expect-analysis';

interface Case {
  title: string;
  groups: VariantGroup[];
  options: Omit<AnalysisOptions, 'correction'> & { correction: string };
  expected: ExpectedAnalysis;
}
const cases = fixture as unknown as Case[];
const byTitle = (title: string) => {
  const found = cases.find((c) => c.title === title);
  if (!found) throw new Error(`no fixture case "${title}"`);
  return found;
};
const run = (c: Case) => analyzeExperiment(c.groups, { ...c.options, correction: c.options.correction as Correction });

const OPTIONS: AnalysisOptions = { control: 0, alpha: 0.05, correction: 'HOLM', pairwise: false, expectedSplit: null };

describe('analyzeExperiment(groups, options)', () => {
  it('reports 130/1000 against 100/1000 by hand', () => {
    const report = analyzeExperiment(
      [
        { name: 'control', users: 1000, conversions: 100, revenue: null },
        { name: 'B', users: 1000, conversions: 130, revenue: null },
      ],
      OPTIONS,
    );
    const [control, b] = report.variants;
    expect(control).toMatchObject({ isControl: true, conversionRate: 0.1, absoluteLift: null, pValue: null });
    // lift 0.13 − 0.10 = 0.03; relative 0.13/0.10 − 1 = 0.3; one comparison, so Holm leaves p alone.
    expect(b.absoluteLift).toBeCloseTo(0.03, 15);
    expect(b.relativeLift).toBeCloseTo(0.3, 14);
    expect(b.adjustedPValue).toBe(b.pValue);
    expect(b.revenuePerUser).toBeNull();
    expect(report.pairwise).toEqual([]);
  });

  it.each(cases.map((c) => [c.title, c] as const))('matches statsmodels and SciPy: %s', (title, c) => {
    expectAnalysis(run(c), c.expected, title);
  });

  it('makes the z-test, chi-square and Welch null or trivial, with warnings, when nobody converts', () => {
    const report = run(byTitle('no conversions anywhere'));
    expect(report.variants[1]).toMatchObject({ zScore: null, pValue: null, revenuePValue: null, significant: false });
    // Identical Beta(1, 1001) posteriors: a coin flip.
    expect(report.variants[1].probabilityToBeatControl).toBeCloseTo(0.5, 12);
    expect(report.chiSquare).toEqual({ statistic: 0, pValue: 1, dof: 0 });
    expect(report.warnings).toEqual([
      '"B" vs control "control": no user converted in either group, so the z-test is undefined ' +
        '(zScore and pValue are null)',
      `"B" vs control "control": revenue does not vary within either group, so Welch's t-test on revenue is ` +
        'undefined (revenuePValue is null)',
      'chi-square test: no user converted in any variant, so there is nothing to test (statistic 0, p = 1)',
    ]);
  });

  it('says when every user converted', () => {
    const report = run(byTitle('every user converts'));
    expect(report.warnings).toContain(
      'chi-square test: every user converted in every variant, so there is nothing to test (statistic 0, p = 1)',
    );
    expect(report.variants[1].relativeLift).toBe(0);
  });

  it('flags a sample ratio mismatch, naming observed and expected users', () => {
    const report = run(byTitle('very unequal groups'));
    expect(report.srm.pValue).toBeLessThan(0.001);
    expect(report.warnings).toContain(
      'sample ratio mismatch (chi-square p < 1e-300): users per variant are control 500000, B 50 against ' +
        'expected control 250025, B 250025; check the assignment before trusting any lift',
    );
  });

  it('does not flag the planned 2:1:1 split', () => {
    const report = run(byTitle('three variants, Bonferroni, planned 2:1:1'));
    expect(report.warnings.some((w) => w.includes('sample ratio mismatch'))).toBe(false);
  });

  it('keeps relativeLift null when the control converts nobody', () => {
    const report = analyzeExperiment(
      [
        { name: 'control', users: 500, conversions: 0, revenue: null },
        { name: 'B', users: 500, conversions: 4, revenue: null },
      ],
      OPTIONS,
    );
    expect(report.variants[1].relativeLift).toBeNull();
    expect(report.variants[1].absoluteLift).toBe(0.008);
  });

  it('keeps a variant with no users (possible in a segment) with null rates and out of the tests', () => {
    const report = analyzeExperiment(
      [
        { name: 'control', users: 300, conversions: 30, revenue: null },
        { name: 'B', users: 0, conversions: 0, revenue: null },
        { name: 'C', users: 310, conversions: 40, revenue: null },
      ],
      OPTIONS,
    );
    expect(report.variants[1]).toMatchObject({ users: 0, conversionRate: null, pValue: null, significant: false });
    expect(report.chiSquare.dof).toBe(1);
    expect(report.srm.dof).toBe(2);
  });

  it('warns that the chi-square p-value is approximate when an expected count is below 5', () => {
    // 2 of 40 users convert: expected conversions are 20 · 2/40 = 1 per variant.
    const report = analyzeExperiment(
      [
        { name: 'control', users: 20, conversions: 0, revenue: null },
        { name: 'B', users: 20, conversions: 2, revenue: null },
      ],
      OPTIONS,
    );
    expect(report.warnings).toEqual([
      'chi-square test: an expected count is 1 (below 5), so its p-value is approximate',
    ]);
  });

  it('compares nothing when the control has no users', () => {
    const report = analyzeExperiment(
      [
        { name: 'control', users: 0, conversions: 0, revenue: null },
        { name: 'B', users: 40, conversions: 4, revenue: null },
      ],
      OPTIONS,
    );
    expect(report.variants[1].pValue).toBeNull();
    expect(report.warnings.slice(0, 2)).toEqual([
      'control "control" has no users here; no variant is compared with it',
      'chi-square test: fewer than two variants have users, so there is nothing to test (statistic 0, p = 1)',
    ]);
    // 0 vs 40 against 20 vs 20: statistic 40, p = 2.5e-10.
    expect(report.warnings[2]).toMatch(/^sample ratio mismatch \(chi-square p = 2\.5e-10\)/);
  });

  it('refuses a single group or a control index out of range', () => {
    const one = [{ name: 'control', users: 10, conversions: 1, revenue: null }];
    expect(() => analyzeExperiment(one, OPTIONS)).toThrow('1 variant(s); at least 2 are needed');
    expect(() => analyzeExperiment([...one, ...one], { ...OPTIONS, control: 2 })).toThrow('control index 2');
  });
});
