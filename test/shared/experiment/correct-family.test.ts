import { correctFamily } from '../../../shared/experiment/correct-family';
import { experimentReport } from '../../../shared/experiment/experiment-report';
import type { ExperimentAnalysis, VariantResult } from '../../../shared/experiment/types';
import { expectClose } from './close-to';
import { expectAnalysis } from './expect-analysis';
import { expectCuped, gbstats, gbstatsTable } from './gbstats-fixture';

const readout = (pValues: (number | null)[]): ExperimentAnalysis =>
  ({ variants: pValues.map((pValue) => ({ pValue }) as VariantResult) }) as ExperimentAnalysis;

describe('correctFamily', () => {
  test('correctFamily(readouts, HOLM) corrects every segment × variant test as one family', () => {
    // p 0.01 (segment 1) and 0.04, 0.03 (segment 2): Holm over all three → 0.03, 0.06, 0.06 (each alone: 0.01, …)
    const [a, b] = correctFamily([readout([null, 0.01]), readout([0.04, 0.03])], 'HOLM', 0.05);
    expect(a.variants.map((v) => v.adjustedPValue)).toEqual([null, 0.03]);
    b.variants.forEach((v, i) => expectClose(v.adjustedPValue, [0.06, 0.06][i], 1e-15));
    expect([...a.variants, ...b.variants].map((v) => v.significant)).toEqual([false, true, false, false]);
  });

  test('experimentReport with segments gives one readout per segment, corrected together as statsmodels fdr_bh', () => {
    const t = gbstats.table;
    const report = experimentReport(gbstatsTable(), {
      variantColumn: 'group',
      control: 'control',
      conversionColumn: 'converted',
      revenueColumn: 'revenue',
      covariateColumn: 'last_year',
      segments: t.segment,
      ...gbstats.segments.options,
    });
    const expected = gbstats.segments.expected;
    expect(report.segments.map((s) => [s.column, s.value])).toEqual(expected.map((s) => [s.column, s.value]));
    report.segments.forEach((s, i) => {
      expectAnalysis(s.report, expected[i].report, `segment ${s.value}`);
      expectCuped(s.report, expected[i].report, `segment ${s.value}`);
      expect(s.report.warnings[0]).toMatch(/^exploratory: one of 6 segment × variant tests across 3 segments/);
    });
    expect(report.warnings.join(' ')).toMatch(/segment: readouts per segment are exploratory/);
  });

  test('experimentReport refuses segments that do not match the rows, naming the argument', () => {
    expect(() =>
      experimentReport(gbstatsTable(), {
        variantColumn: 'group',
        control: 'control',
        conversionColumn: 'converted',
        segments: ['Loyal'],
      }),
    ).toThrow(/^segments: 1 segment names for \d+ rows/);
  });
});
