/**
 * The result layout of a correlation report (GraphQL `CorrelationReport`): the matrix as a heat map (blue −1, white
 * 0, red +1), the p-values beside it, and with a target its column of correlations, strongest first, with a bar
 * chart of r.
 */
import type { Cell } from '../table/types';
import { numberCell } from './cells';
import type { LayoutChart, LayoutTable, ResultLayout } from './types';

/** `CorrelationReport`, the fields a layout shows. */
export interface CorrelationReportShape {
  method: 'PEARSON' | 'SPEARMAN';
  columns: readonly string[];
  matrix: readonly (readonly (number | null)[])[];
  pValues: readonly (readonly (number | null)[])[];
  rows: number;
  target: readonly { column: string; r: number | null; pValue: number | null; rows: number }[];
  warnings: readonly string[];
}

export const CORRELATION_SHEET = 'Quadrant correlations';

/**
 * Lays out a correlation report (no row columns).
 * @example correlationLayout(report).sheet.tables.map((t) => t.name) → ['Correlations', 'P_values', 'Target']
 */
export function correlationLayout(report: CorrelationReportShape, target?: string): ResultLayout {
  const method = report.method === 'SPEARMAN' ? 'Spearman' : 'Pearson';
  const square = (
    name: string,
    title: string,
    values: CorrelationReportShape['matrix'],
    format: 'decimal3' | 'pvalue',
  ) => ({
    name,
    title,
    columns: [{ header: 'Column', format: 'text' as const }, ...report.columns.map((header) => ({ header, format }))],
    rows: report.columns.map((column, i): Cell[] => [column, ...values[i].map(numberCell)]),
  });
  const tables: LayoutTable[] = [
    {
      ...square('Correlations', `${method} correlations over ${report.rows} rows`, report.matrix, 'decimal3'),
      colorScale: { firstColumn: 1, lastColumn: report.columns.length, kind: 'correlation' },
    },
    square('P_values', 'Two-sided p-values', report.pValues, 'pvalue'),
  ];
  const charts: LayoutChart[] = [];
  if (report.target.length > 0) {
    const name = target ?? 'the target';
    tables.push({
      name: 'Target',
      title: `Against ${name}, strongest first`,
      columns: [
        { header: 'Column', format: 'text' },
        { header: 'r', format: 'decimal3' },
        { header: 'p-value', format: 'pvalue' },
        { header: 'Rows', format: 'integer' },
      ],
      rows: report.target.map((t): Cell[] => [t.column, numberCell(t.r), numberCell(t.pValue), t.rows]),
    });
    charts.push({
      type: 'BarClustered',
      title: `Correlation with ${name}`,
      table: 'Target',
      categoryColumn: 0,
      valueColumns: [1],
      yAxisTitle: 'r',
    });
  }
  return {
    rowColumns: null,
    sheet: { name: CORRELATION_SHEET, title: `${method} correlations`, notes: [...report.warnings], tables, charts },
  };
}
