/**
 * The results layout of an A/B test readout (GUIDE §2 `ExperimentReport`): one row per variant (conversion, lift
 * with its Wald interval, p-values, probability to beat control, revenue), the omnibus and sample-ratio tests, and a
 * column chart of conversion rate by variant.
 */
import type { Cell } from '../table/types';
import type { ResultLayout } from './types';

export interface ExperimentForLayout {
  warnings: string[];
  alpha?: number;
  correction?: string;
  chiSquare: { statistic: number; pValue: number; dof?: number | null };
  srm: { statistic: number; pValue: number; dof?: number | null };
  variants: {
    name: string;
    isControl: boolean;
    users: number;
    conversions: number;
    conversionRate?: number | null;
    absoluteLift?: number | null;
    relativeLift?: number | null;
    ciLow?: number | null;
    ciHigh?: number | null;
    pValue?: number | null;
    adjustedPValue?: number | null;
    significant: boolean;
    probabilityToBeatControl?: number | null;
    revenuePerUser?: number | null;
    revenueDiff?: number | null;
    revenuePValue?: number | null;
  }[];
}

/**
 * @example experimentLayout(report, { source: 'Test!A1:D20001' }).sheet.charts[0].title // 'Conversion rate by variant'
 */
export function experimentLayout(report: ExperimentForLayout, options: { source: string }): ResultLayout {
  const correction = report.correction ? `, ${report.correction} correction` : '';
  return {
    rowColumns: null,
    sheet: {
      name: 'Quadrant experiment',
      title: `Experiment readout of ${options.source}${report.alpha != null ? ` (alpha ${report.alpha}${correction})` : ''}`,
      notes: report.warnings,
      tables: [
        {
          name: 'Variants',
          title: 'Variants against control',
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
            { header: 'p-value', format: 'decimal3' },
            { header: 'Adjusted p-value', format: 'decimal3' },
            { header: 'Significant', format: 'text' },
            { header: 'P(beat control)', format: 'percent' },
            { header: 'Revenue per user', format: 'currency' },
            { header: 'Revenue difference', format: 'currency' },
            { header: 'Revenue p-value', format: 'decimal3' },
          ],
          rows: report.variants.map((v): Cell[] => [
            v.name,
            v.isControl ? 'yes' : 'no',
            v.users,
            v.conversions,
            v.conversionRate ?? null,
            v.absoluteLift ?? null,
            v.relativeLift ?? null,
            v.ciLow ?? null,
            v.ciHigh ?? null,
            v.pValue ?? null,
            v.adjustedPValue ?? null,
            v.isControl ? null : v.significant ? 'yes' : 'no',
            v.probabilityToBeatControl ?? null,
            v.revenuePerUser ?? null,
            v.revenueDiff ?? null,
            v.revenuePValue ?? null,
          ]),
        },
        {
          name: 'ExperimentTests',
          title: 'Tests over all variants',
          columns: [
            { header: 'Test', format: 'text' },
            { header: 'Statistic', format: 'decimal3' },
            { header: 'Degrees of freedom', format: 'integer' },
            { header: 'p-value', format: 'decimal3' },
          ],
          rows: [
            [
              'Chi-square (conversion by variant)',
              report.chiSquare.statistic,
              report.chiSquare.dof ?? null,
              report.chiSquare.pValue,
            ],
            ['Sample ratio mismatch', report.srm.statistic, report.srm.dof ?? null, report.srm.pValue],
          ],
        },
      ],
      charts: [
        {
          type: 'ColumnClustered',
          title: 'Conversion rate by variant',
          table: 'Variants',
          categoryColumn: 0,
          valueColumns: [4],
          xAxisTitle: 'Variant',
          yAxisTitle: 'Conversion rate',
        },
      ],
    },
  };
}
