import fixture from '../../fixtures/experiment/table-report.json';
import { InputError, LimitError } from '../../../shared/errors';
import { experimentReport, MAX_SEGMENT_VALUES } from '../../../shared/experiment/experiment-report';
import type { ExperimentOptions } from '../../../shared/experiment/types';
import type { Column, Table } from '../../../shared/table/types';
import { expectAnalysis, type ExpectedAnalysis } from './expect-analysis';
import { category, numbers } from '../../helpers/columns';

type FixtureColumn =
  { type: 'CATEGORY'; levels: string[]; codes: number[] } | { type: 'NUMBER' | 'BOOLEAN'; values: (number | null)[] };

function fixtureTable(columns: Record<string, FixtureColumn>): Table {
  const built: Column[] = Object.entries(columns).map(([name, c]) =>
    c.type === 'CATEGORY'
      ? { name, type: 'CATEGORY', levels: c.levels, codes: Int32Array.from(c.codes) }
      : { name, type: c.type, values: Float64Array.from(c.values, (v) => (v === null ? NaN : v)) },
  );
  return { rowCount: built[0].type === 'CATEGORY' ? built[0].codes.length : built[0].values.length, columns: built };
}

const table = (...columns: Column[]): Table => ({
  rowCount: columns[0].type === 'CATEGORY' ? columns[0].codes.length : columns[0].values.length,
  columns,
});

/** 6 users: control converts 1 of 3 (revenue 30), B converts 2 of 3 (revenue 10 and 20). */
const small = table(
  category('variant', ['control', 'B', 'control', 'B', 'control', 'B']),
  category('bought', ['yes', 'YES', 'no', 'yes', 'no', 'No']),
  numbers('revenue', [30, 10, 0, 20, NaN, 0]),
  category('device', ['mobile', 'mobile', 'desktop', 'desktop', 'mobile', 'desktop']),
);
const base: ExperimentOptions = { variantColumn: 'variant', control: 'control', conversionColumn: 'bought' };

interface TableFixture {
  table: Record<string, FixtureColumn>;
  options: ExperimentOptions;
  expected: ExpectedAnalysis & { segments: { column: string; value: string; report: ExpectedAnalysis }[] };
}

describe('experimentReport(table, options)', () => {
  it('reports six hand-made users', () => {
    const report = experimentReport(small, { ...base, revenueColumn: 'revenue' });
    // Variants in order of appearance; control 1/3 with revenue 30 over 3 users, B 2/3 with 30 over 3 users.
    expect(report.variants.map((v) => [v.name, v.users, v.conversions])).toEqual([
      ['control', 3, 1],
      ['B', 3, 2],
    ]);
    const b = report.variants[1];
    expect(b.absoluteLift).toBeCloseTo(1 / 3, 15);
    expect(b.relativeLift).toBeCloseTo(1, 14);
    expect(b.revenuePerUser).toBe(10);
    expect(b.revenuePerConverter).toBe(15);
    expect(b.revenueDiff).toBe(0);
    expect(b.incrementalRevenue).toBe(0);
    expect(report.variants[0].totalRevenue).toBe(30);
    expect(report).toMatchObject({ control: 'control', alpha: 0.05, correction: 'HOLM', segments: [] });
  });

  it('matches statsmodels and SciPy on 3,000 users, with pairwise comparisons and both segment columns', () => {
    const { table: columns, options, expected } = fixture as unknown as TableFixture;
    const report = experimentReport(fixtureTable(columns), options);
    expectAnalysis(report, expected, 'overall');
    expect(report.segments.map((s) => [s.column, s.value])).toEqual(expected.segments.map((s) => [s.column, s.value]));
    report.segments.forEach((s, i) => expectAnalysis(s.report, expected.segments[i].report, `${s.column}=${s.value}`));
    expect(report.warnings).toEqual([
      'segmentColumns: 79 row(s) with no "country" value are left out of its segments (first: row 2)',
      'segments are exploratory: no variant differs significantly from control "control" overall, so segment-level ' +
        'differences may be chance findings among many comparisons; no segment reaches nominal significance either',
    ]);
  });

  it('names the segments where a variant is nominally significant when the overall test is not', () => {
    // Overall 60/200 vs 50/200 is not significant; in "north" 40/100 vs 20/100 is (p ≈ 0.002).
    const rows = 400;
    const variant = Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? 'control' : 'B'));
    const region = Array.from({ length: rows }, (_, i) => (i < 200 ? 'north' : 'south'));
    let controlNorth = 0;
    let bNorth = 0;
    let controlSouth = 0;
    let bSouth = 0;
    const bought = variant.map((v, i) => {
      const north = region[i] === 'north';
      if (v === 'control' && north) return controlNorth++ < 20 ? 1 : 0;
      if (v === 'B' && north) return bNorth++ < 40 ? 1 : 0;
      if (v === 'control') return controlSouth++ < 40 ? 1 : 0;
      return bSouth++ < 10 ? 1 : 0;
    });
    const report = experimentReport(
      table(category('variant', variant), numbers('bought', bought), category('region', region)),
      { ...base, segmentColumns: ['region'] },
    );
    expect(report.variants[1].significant).toBe(false);
    const warning = report.warnings.find((w) => w.startsWith('segments are exploratory'));
    expect(warning).toMatch(
      /nominally significant \(p < 0\.05, uncorrected\): region=north \(B: p = 0\.00\d+\), region=south/,
    );
  });

  it('reads BOOLEAN, NUMBER 0/1 and TEXT flags alike', () => {
    const flags: Column[] = [
      { name: 'bought', type: 'BOOLEAN', values: Float64Array.of(1, 1, 0, 1, 0, 0) },
      numbers('bought', [1, 1, 0, 1, 0, 0]),
      { name: 'bought', type: 'TEXT', values: ['true', 'y', 'false', '1', 'n', '0'] },
    ];
    for (const flag of flags) {
      const report = experimentReport(table(small.columns[0], flag), base);
      expect(report.variants.map((v) => v.conversions)).toEqual([1, 2]);
    }
  });

  it('leaves out rows without a variant and counts blank flags and blank revenue of converters, with warnings', () => {
    const report = experimentReport(
      table(
        category('variant', ['control', null, 'B', 'B', 'control']),
        numbers('bought', [1, 1, NaN, 1, 0]),
        numbers('revenue', [5, 7, 0, NaN, 0]),
      ),
      { ...base, revenueColumn: 'revenue' },
    );
    expect(report.variants.map((v) => [v.users, v.conversions, v.totalRevenue])).toEqual([
      [2, 1, 5],
      [2, 1, 0],
    ]);
    expect(report.warnings.slice(0, 3)).toEqual([
      'variantColumn: 1 row(s) with no variant were left out (first: row 2)',
      'conversionColumn: 1 blank cell(s) counted as not converted (first: row 3)',
      'revenueColumn: 1 converting row(s) have no revenue and count as 0 (first: row 4)',
    ]);
  });

  it('flags a sample ratio mismatch against the expected split, given as weights or by name', () => {
    const variant = [...Array(700).fill('control'), ...Array(300).fill('B')];
    const t = table(
      category('variant', variant),
      numbers(
        'bought',
        variant.map((_, i) => (i % 10 === 0 ? 1 : 0)),
      ),
    );
    // statistic = 2 · 200² / 500 = 160 on 1 dof: p = erfc(√80) ≈ 1.1e-36
    expect(experimentReport(t, base).warnings).toContain(
      'sample ratio mismatch (chi-square p = 1.1e-36): users per variant are control 700, B 300 against expected ' +
        'control 500, B 500; check the assignment before trusting any lift',
    );
    for (const expectedSplit of [[7, 3], { B: 0.3, control: 0.7 }]) {
      const report = experimentReport(t, { ...base, expectedSplit });
      expect(report.srm.statistic).toBeCloseTo(0, 12);
      expect(report.warnings.some((w) => w.startsWith('sample ratio mismatch'))).toBe(false);
    }
  });

  it('applies the chosen correction and alpha', () => {
    const variant = ['control', 'A', 'B'].flatMap((v) => Array(200).fill(v));
    const bought = variant.map((v, i) => (i % 200 < (v === 'control' ? 20 : v === 'A' ? 36 : 34) ? 1 : 0));
    const t = table(category('variant', variant), numbers('bought', bought));
    const none = experimentReport(t, { ...base, correction: 'NONE' });
    const bonferroni = experimentReport(t, { ...base, correction: 'BONFERRONI', alpha: 0.1 });
    expect(none.variants[1].adjustedPValue).toBe(none.variants[1].pValue);
    expect(bonferroni.variants[1].adjustedPValue).toBeCloseTo(2 * none.variants[1].pValue!, 15);
    expect(bonferroni.alpha).toBe(0.1);
  });

  it('refuses bad input with messages that name the argument, the row and the values found', () => {
    const bad: [ExperimentOptions, string][] = [
      [
        { ...base, control: 'ctrl' },
        'control: "ctrl" is not a value of column "variant"; the values are "control", "B"',
      ],
      [{ ...base, alpha: 0 }, 'alpha: 0 must be between 0 and 1'],
      [{ ...base, alpha: 1.5 }, 'alpha: 1.5'],
      [{ ...base, correction: 'SIDAK' as never }, 'correction: "SIDAK"; expected NONE, BONFERRONI, HOLM'],
      [{ ...base, conversionColumn: 'revenue' }, 'conversionColumn: column "revenue" row 1 holds 30'],
      [{ ...base, variantColumn: 'nope' }, 'variantColumn: no column "nope"'],
      [
        { ...base, expectedSplit: [1, 1, 1] },
        'expectedSplit: 3 weights for the 2 variants with users in column "variant"',
      ],
      [{ ...base, expectedSplit: { control: 1, B: 1, C: 1 } }, 'expectedSplit: variant "C" has no users'],
      [{ ...base, expectedSplit: { control: 1 } }, 'expectedSplit: no weight for variant "B"'],
      [{ ...base, expectedSplit: [1, -1] }, 'expectedSplit: weight -1 for variant "B" must be a positive number'],
    ];
    for (const [options, message] of bad) {
      expect(() => experimentReport(small, options)).toThrow(InputError);
      expect(() => experimentReport(small, options)).toThrow(message);
    }
  });

  it('refuses a single variant and negative revenue, naming the row', () => {
    const one = table(category('variant', ['A', 'A']), numbers('bought', [0, 1]), numbers('revenue', [0, -2]));
    expect(() => experimentReport(one, { ...base, control: 'A' })).toThrow(
      'variantColumn: column "variant" holds the single variant "A"; an experiment needs at least two',
    );
    const negative = table(category('variant', ['A', 'B']), numbers('bought', [0, 1]), numbers('revenue', [0, -2]));
    expect(() => experimentReport(negative, { ...base, control: 'A', revenueColumn: 'revenue' })).toThrow(
      'revenueColumn: column "revenue" row 2 holds -2; revenue must be a finite amount of 0 or more',
    );
  });

  it(`refuses a segment column with more than ${MAX_SEGMENT_VALUES} values`, () => {
    const n = MAX_SEGMENT_VALUES + 1;
    const t = table(
      category(
        'variant',
        Array.from({ length: n }, (_, i) => (i % 2 ? 'B' : 'control')),
      ),
      numbers('bought', Array(n).fill(0)),
      numbers(
        'user',
        Array.from({ length: n }, (_, i) => i),
      ),
    );
    expect(() => experimentReport(t, { ...base, segmentColumns: ['user'] })).toThrow(LimitError);
  });

  it('gives every segment the full report, variants in the overall order even when one is absent', () => {
    const report = experimentReport(small, { ...base, segmentColumns: ['device'], pairwise: true });
    expect(report.segments.map((s) => [s.column, s.value, s.report.variants.map((v) => v.users)])).toEqual([
      ['device', 'mobile', [2, 1]],
      ['device', 'desktop', [1, 2]],
    ]);
  });
});
