import type { ExperimentAnalysis, TestResult } from '../../../shared/experiment/types';
import { expectClose } from './close-to';

/** A report as the fixture scripts write it: statsmodels/SciPy figures, absent or null where undefined. */
export interface ExpectedAnalysis {
  variants: Record<string, number | string | boolean | null>[];
  chiSquare: TestResult;
  srm: TestResult;
  pairwise: Record<string, number | string | boolean | null>[];
}

const RELATIVE: Record<string, number> = {
  conversionRate: 1e-12,
  absoluteLift: 1e-12,
  relativeLift: 1e-12,
  ciLow: 1e-9,
  ciHigh: 1e-9,
  zScore: 1e-10,
  pValue: 1e-9,
  adjustedPValue: 1e-9,
  probabilityToBeatControl: 1e-9,
  revenuePerUser: 1e-12,
  revenuePerConverter: 1e-12,
  totalRevenue: 1e-12,
  revenueDiff: 1e-9,
  revenuePValue: 1e-9,
  revenueCiLow: 1e-9,
  revenueCiHigh: 1e-9,
  incrementalRevenue: 1e-9,
};

const num = (x: unknown) => (typeof x === 'number' ? x : null);

/** Every figure of every variant, the two tests and the pairwise comparisons, against the fixture at 1e-9 or better. */
export function expectAnalysis(actual: ExperimentAnalysis, expected: ExpectedAnalysis, label: string): void {
  expect(actual.variants.map((v) => v.name)).toEqual(expected.variants.map((v) => v.name));
  actual.variants.forEach((v, i) => {
    const e = expected.variants[i];
    const where = `${label}, variant ${v.name}`;
    expect(v.users).toBe(e.users);
    expect(v.conversions).toBe(e.conversions);
    expect(v.significant).toBe(e.significant);
    for (const [field, rel] of Object.entries(RELATIVE)) {
      const got = (v as unknown as Record<string, number | null>)[field];
      expectClose(got, num(e[field]), rel, `${where}: ${field}`, field === 'pValue' ? 1e-300 : 1e-14);
    }
  });
  for (const test of ['chiSquare', 'srm'] as const) {
    expectClose(actual[test].statistic, expected[test].statistic, 1e-12, `${label}: ${test} statistic`, 1e-12);
    expectClose(actual[test].pValue, expected[test].pValue, 1e-9, `${label}: ${test} p`, 1e-300);
    expect(actual[test].dof).toBe(expected[test].dof);
  }
  expect(actual.pairwise.map((p) => [p.a, p.b])).toEqual(expected.pairwise.map((p) => [p.a, p.b]));
  actual.pairwise.forEach((p, i) => {
    const e = expected.pairwise[i];
    const where = `${label}, ${p.b} vs ${p.a}`;
    expect(p.significant).toBe(e.significant);
    for (const field of ['absoluteLift', 'zScore', 'pValue', 'adjustedPValue', 'ciLow', 'ciHigh'] as const) {
      expectClose(p[field], num(e[field]), 1e-9, `${where}: ${field}`, 1e-300);
    }
  });
}
