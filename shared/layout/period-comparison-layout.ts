/**
 * The results layout of a period comparison (GUIDE §2 `PeriodComparison`): totals of both periods, one row per
 * dimension value with totals, growth and shares, and a bar chart of growth by dimension value.
 */
import type { Cell } from '../table/types';
import type { ResultLayout } from './types';

export interface PeriodComparisonForLayout {
  base: string;
  compare: string;
  warnings: string[];
  totals: { baseTotal: number; compareTotal: number; change: number; growth?: number | null };
  rows: {
    dimension: string;
    value: string | null;
    baseTotal: number;
    compareTotal: number;
    change: number;
    growth?: number | null;
    baseShare?: number | null;
    compareShare?: number | null;
    shareChange?: number | null;
    onlyIn?: string | null;
  }[];
}

/**
 * @example periodComparisonLayout(report, { source: 'Sales!A1:E800' }).sheet.charts[0].title
 * // 'Growth 2024 → 2025 by dimension value'
 */
export function periodComparisonLayout(report: PeriodComparisonForLayout, options: { source: string }): ResultLayout {
  const label = (r: PeriodComparisonForLayout['rows'][number]) => `${r.dimension}: ${r.value ?? '(missing)'}`;
  return {
    rowColumns: null,
    sheet: {
      name: 'Quadrant comparison',
      title: `${report.compare} against ${report.base}, ${options.source}`,
      notes: report.warnings,
      tables: [
        {
          name: 'ComparisonTotals',
          title: 'Totals',
          columns: [
            { header: report.base, format: 'number' },
            { header: report.compare, format: 'number' },
            { header: 'Change', format: 'number' },
            { header: 'Growth', format: 'percent' },
          ],
          rows: [
            [report.totals.baseTotal, report.totals.compareTotal, report.totals.change, report.totals.growth ?? null],
          ],
        },
        {
          name: 'ComparisonRows',
          title: 'By dimension value',
          columns: [
            { header: 'Dimension value', format: 'text' },
            { header: 'Dimension', format: 'text' },
            { header: 'Value', format: 'text' },
            { header: report.base, format: 'number' },
            { header: report.compare, format: 'number' },
            { header: 'Change', format: 'number' },
            { header: 'Growth', format: 'percent' },
            { header: `Share ${report.base}`, format: 'percent' },
            { header: `Share ${report.compare}`, format: 'percent' },
            { header: 'Share change', format: 'percent' },
            { header: 'Only in', format: 'text' },
          ],
          rows: report.rows.map((r): Cell[] => [
            label(r),
            r.dimension,
            r.value,
            r.baseTotal,
            r.compareTotal,
            r.change,
            r.growth ?? null,
            r.baseShare ?? null,
            r.compareShare ?? null,
            r.shareChange ?? null,
            r.onlyIn ?? null,
          ]),
        },
      ],
      charts: [
        {
          type: 'BarClustered',
          title: `Growth ${report.base} → ${report.compare} by dimension value`,
          table: 'ComparisonRows',
          categoryColumn: 0,
          valueColumns: [6],
          xAxisTitle: 'Dimension value',
          yAxisTitle: 'Growth',
        },
      ],
    },
  };
}
