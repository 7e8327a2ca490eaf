import {
  experimentLayout,
  type ExperimentResultShape,
  type VariantResultShape,
} from '../../../shared/layout/experiment-layout';
import { layoutProblems } from './layout-invariants';

const control: VariantResultShape = {
  name: 'A',
  isControl: true,
  users: 1000,
  conversions: 100,
  conversionRate: 0.1,
  absoluteLift: null,
  relativeLift: null,
  ciLow: null,
  ciHigh: null,
  zScore: null,
  pValue: null,
  adjustedPValue: null,
  significant: false,
  probabilityToBeatControl: null,
  revenuePerUser: 5,
  revenueDiff: null,
  revenuePValue: null,
};
const variant: VariantResultShape = {
  ...control,
  name: 'B',
  isControl: false,
  conversions: 130,
  conversionRate: 0.13,
  absoluteLift: 0.03,
  relativeLift: 0.3,
  ciLow: 0.002,
  ciHigh: 0.058,
  zScore: 2.1,
  pValue: 0.0357,
  adjustedPValue: 0.0357,
  significant: true,
  probabilityToBeatControl: 0.98,
  revenuePerUser: 6,
  revenueDiff: 1,
  revenuePValue: 0.2,
};
const report: ExperimentResultShape = {
  control: 'A',
  alpha: 0.05,
  correction: 'HOLM',
  variants: [control, variant],
  chiSquare: { statistic: 4.41, pValue: 0.0357, dof: 1 },
  srm: { statistic: 0, pValue: 1, dof: 1 },
  pairwise: [],
  segments: [{ column: 'device', value: 'mobile', variants: [control, variant] }],
  warnings: [],
};

describe('experimentLayout', () => {
  it('experimentLayout(report) writes each variant with rates, lifts and intervals as percentages and p-values to 4 places', () => {
    const { sheet } = experimentLayout(report);
    const table = sheet.tables[0];
    expect(table.rows[1]).toEqual([
      'B',
      'No',
      1000,
      130,
      0.13,
      0.03,
      0.3,
      0.002,
      0.058,
      2.1,
      0.0357,
      0.0357,
      'Yes',
      0.98,
      6,
      1,
      0.2,
    ]);
    expect(table.rows[0][1]).toBe('Yes');
    const formats = Object.fromEntries(table.columns.map((c) => [c.header, c.format]));
    expect(formats).toMatchObject({
      'Conversion rate': 'percent',
      'Absolute lift': 'percent',
      'CI low': 'percent',
      'p-value': 'pvalue',
      'Adjusted p-value': 'pvalue',
      'P(beats control)': 'percent',
    });
    expect(sheet.charts).toEqual([expect.objectContaining({ type: 'ColumnClustered', valueColumns: [4] })]);
    expect(sheet.title).toBe('Experiment: 2 variants (control A, alpha 0.05, correction HOLM)');
  });

  it('experimentLayout(report) adds the chi-square and SRM tests and one row per segment × variant', () => {
    const { sheet } = experimentLayout(report);
    expect(sheet.tables.map((t) => t.name)).toEqual(['Variants', 'ExperimentTests', 'ExperimentSegments']);
    expect(sheet.tables[1].rows).toEqual([
      ['Chi-square: variant × conversion', 4.41, 0.0357, 1],
      ['Sample ratio mismatch', 0, 1, 1],
    ]);
    expect(sheet.tables[2].rows[1]).toEqual(['device', 'mobile', 'B', 1000, 0.13, 0.03, 0.0357, 'Yes']);
    expect(layoutProblems(experimentLayout(report))).toEqual([]);
  });

  it('experimentLayout(report) lists pairwise comparisons when asked for', () => {
    const { sheet } = experimentLayout({
      ...report,
      segments: [],
      pairwise: [{ a: 'B', b: 'C', absoluteLift: -0.01, pValue: 0.5, adjustedPValue: 0.5, significant: false }],
    });
    expect(sheet.tables.map((t) => t.name)).toEqual(['Variants', 'ExperimentTests', 'Pairwise']);
    expect(sheet.tables[2].rows).toEqual([['B', 'C', -0.01, 0.5, 0.5, 'No']]);
  });
});
