/**
 * The result layout of an A/B test (GraphQL `ExperimentReport`): one row per variant (users, conversions, rate,
 * lift with its interval, z, p-values, probability to beat the control, revenue) with a chart of conversion rate by
 * variant, the chi-square and sample-ratio tests, pairwise comparisons and per-segment readouts when present.
 */
import type { Cell } from '../table/types';
import { numberCell, yesNo } from './cells';
import type { LayoutTable, ResultLayout } from './types';

/** `VariantResult`, the fields a layout shows. */
export interface VariantResultShape {
  name: string;
  isControl: boolean;
  users: number;
  conversions: number;
  conversionRate: number | null;
  absoluteLift: number | null;
  relativeLift: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  zScore: number | null;
  pValue: number | null;
  adjustedPValue: number | null;
  significant: boolean;
  probabilityToBeatControl: number | null;
  revenuePerUser?: number | null;
  revenueDiff?: number | null;
  revenuePValue?: number | null;
}

/** `TestResult`. */
export interface TestResultShape {
  statistic: number;
  pValue: number;
  dof?: number | null;
}

/** `PairwiseResult`, the fields a layout shows. */
export interface PairwiseResultShape {
  a: string;
  b: string;
  absoluteLift: number | null;
  pValue: number | null;
  adjustedPValue: number | null;
  significant: boolean;
}

/** `ExperimentReport`, the fields a layout shows. */
export interface ExperimentResultShape {
  control?: string | null;
  alpha?: number | null;
  correction?: string | null;
  variants: readonly VariantResultShape[];
  chiSquare: TestResultShape;
  srm: TestResultShape;
  pairwise?: readonly PairwiseResultShape[] | null;
  segments: readonly { column: string; value: string; variants: readonly VariantResultShape[] }[];
  warnings: readonly string[];
}

export const EXPERIMENT_SHEET = 'Quadrant experiment';

/**
 * Lays out an experiment report (no row columns: its rows are users already carrying their variant).
 * @example experimentLayout(report).sheet.charts[0] → ColumnClustered 'Conversion rate by variant'
 */
export function experimentLayout(report: ExperimentResultShape): ResultLayout {
  const variants: LayoutTable = {
    name: 'Variants',
    title: 'Variants against the control',
    columns: [
      { header: 'Variant', format: 'text' },
      { header: 'Control', format: 'text' },
      { header: 'Users', format: 'integer' },
      { header: 'Conversions', format: 'integer' },
      { header: 'Conversion rate', format: 'percent' },
      { header: 'Absolute lift', format: 'percent' },
      { header: 'Relative lift', format: 'percent' },
      { header: 'CI low', format: 'percent' },
      { header: 'CI high', format: 'percent' },
      { header: 'z', format: 'decimal3' },
      { header: 'p-value', format: 'pvalue' },
      { header: 'Adjusted p-value', format: 'pvalue' },
      { header: 'Significant', format: 'text' },
      { header: 'P(beats control)', format: 'percent' },
      { header: 'Revenue per user', format: 'currency' },
      { header: 'Revenue difference', format: 'currency' },
      { header: 'Revenue p-value', format: 'pvalue' },
    ],
    rows: report.variants.map((v): Cell[] => [
      v.name,
      yesNo(v.isControl),
      v.users,
      v.conversions,
      numberCell(v.conversionRate),
      numberCell(v.absoluteLift),
      numberCell(v.relativeLift),
      numberCell(v.ciLow),
      numberCell(v.ciHigh),
      numberCell(v.zScore),
      numberCell(v.pValue),
      numberCell(v.adjustedPValue),
      yesNo(v.significant),
      numberCell(v.probabilityToBeatControl),
      numberCell(v.revenuePerUser),
      numberCell(v.revenueDiff),
      numberCell(v.revenuePValue),
    ]),
  };
  const tests: LayoutTable = {
    name: 'ExperimentTests',
    title: 'Tests over all variants',
    columns: [
      { header: 'Test', format: 'text' },
      { header: 'Statistic', format: 'decimal3' },
      { header: 'p-value', format: 'pvalue' },
      { header: 'Degrees of freedom', format: 'integer' },
    ],
    rows: [
      [
        'Chi-square: variant × conversion',
        report.chiSquare.statistic,
        report.chiSquare.pValue,
        numberCell(report.chiSquare.dof),
      ],
      ['Sample ratio mismatch', report.srm.statistic, report.srm.pValue, numberCell(report.srm.dof)],
    ],
  };
  const tables: LayoutTable[] = [variants, tests];
  const pairwise = report.pairwise ?? [];
  if (pairwise.length > 0) {
    tables.push({
      name: 'Pairwise',
      title: 'Every pair of non-control variants (lift = rate b − rate a)',
      columns: [
        { header: 'a', format: 'text' },
        { header: 'b', format: 'text' },
        { header: 'Absolute lift', format: 'percent' },
        { header: 'p-value', format: 'pvalue' },
        { header: 'Adjusted p-value', format: 'pvalue' },
        { header: 'Significant', format: 'text' },
      ],
      rows: pairwise.map((p): Cell[] => [
        p.a,
        p.b,
        numberCell(p.absoluteLift),
        numberCell(p.pValue),
        numberCell(p.adjustedPValue),
        yesNo(p.significant),
      ]),
    });
  }
  if (report.segments.length > 0) {
    tables.push({
      name: 'ExperimentSegments',
      title: 'By segment (exploratory)',
      columns: [
        { header: 'Column', format: 'text' },
        { header: 'Value', format: 'text' },
        { header: 'Variant', format: 'text' },
        { header: 'Users', format: 'integer' },
        { header: 'Conversion rate', format: 'percent' },
        { header: 'Absolute lift', format: 'percent' },
        { header: 'Adjusted p-value', format: 'pvalue' },
        { header: 'Significant', format: 'text' },
      ],
      rows: report.segments.flatMap((s) =>
        s.variants.map((v): Cell[] => [
          s.column,
          s.value,
          v.name,
          v.users,
          numberCell(v.conversionRate),
          numberCell(v.absoluteLift),
          numberCell(v.adjustedPValue),
          yesNo(v.significant),
        ]),
      ),
    });
  }
  const settings = [
    report.control != null ? `control ${report.control}` : '',
    report.alpha != null ? `alpha ${report.alpha}` : '',
    report.correction != null ? `correction ${report.correction}` : '',
  ].filter((part) => part.length > 0);
  return {
    rowColumns: null,
    sheet: {
      name: EXPERIMENT_SHEET,
      title: `Experiment: ${report.variants.length} variants${settings.length > 0 ? ` (${settings.join(', ')})` : ''}`,
      notes: [...report.warnings],
      tables,
      charts: [
        {
          type: 'ColumnClustered',
          title: 'Conversion rate by variant',
          table: variants.name,
          categoryColumn: 0,
          valueColumns: [4],
          yAxisTitle: 'Conversion rate',
        },
      ],
    },
  };
}
