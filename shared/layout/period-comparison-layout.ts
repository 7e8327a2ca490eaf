/**
 * The result layout of a period comparison (GraphQL `PeriodComparison`): the totals of both periods, then one table
 * per dimension (totals, change, growth, shares, customers and average ticket per value) with a chart of growth by
 * value.
 */
import type { Cell } from '../table/types';
import { numberCell, tableName } from './cells';
import type { LayoutChart, LayoutColumn, LayoutTable, ResultLayout } from './types';

/** `PeriodMeasures`. */
export interface PeriodMeasuresShape {
  baseTotal: number;
  compareTotal: number;
  change: number;
  growth: number | null;
  baseCustomers: number;
  compareCustomers: number;
  baseAverageTicket: number | null;
  compareAverageTicket: number | null;
}

/** `PeriodComparisonRow`. */
export interface PeriodComparisonRowShape extends PeriodMeasuresShape {
  dimension: string;
  value: string | null;
  baseShare: number | null;
  compareShare: number | null;
  shareChange: number | null;
  onlyIn: 'BASE' | 'COMPARE' | null;
}

/** `PeriodComparison`, the fields a layout shows. */
export interface PeriodComparisonShape {
  base: string;
  compare: string;
  counts: 'CUSTOMERS' | 'TRANSACTIONS';
  totals: PeriodMeasuresShape;
  rows: readonly PeriodComparisonRowShape[];
  warnings: readonly string[];
}

export const COMPARISON_SHEET = 'Quadrant comparison';

/** The label of a blank dimension value (kept so shares add up to 1). */
export const BLANK_VALUE = '(blank)';

/**
 * Lays out a period comparison (no row columns).
 * @example periodComparisonLayout(report).sheet.tables.map((t) => t.name) → ['Totals', 'By_region', 'By_channel']
 */
export function periodComparisonLayout(report: PeriodComparisonShape): ResultLayout {
  const { base, compare } = report;
  const who = report.counts === 'CUSTOMERS' ? 'customers' : 'transactions';
  const measureColumns: LayoutColumn[] = [
    { header: `${base} total`, format: 'number' },
    { header: `${compare} total`, format: 'number' },
    { header: 'Change', format: 'number' },
    { header: 'Growth', format: 'percent' },
    { header: `${base} ${who}`, format: 'integer' },
    { header: `${compare} ${who}`, format: 'integer' },
    { header: `${base} average ticket`, format: 'number' },
    { header: `${compare} average ticket`, format: 'number' },
  ];
  const measures = (m: PeriodMeasuresShape): Cell[] => [
    m.baseTotal,
    m.compareTotal,
    m.change,
    numberCell(m.growth),
    m.baseCustomers,
    m.compareCustomers,
    numberCell(m.baseAverageTicket),
    numberCell(m.compareAverageTicket),
  ];
  const tables: LayoutTable[] = [
    {
      name: 'Totals',
      title: `${compare} against ${base}: totals`,
      columns: [{ header: 'Slice', format: 'text' }, ...measureColumns],
      rows: [['All rows', ...measures(report.totals)]],
    },
  ];
  const charts: LayoutChart[] = [];
  const dimensions = [...new Set(report.rows.map((row) => row.dimension))];
  const used = new Set(['Totals']);
  for (const dimension of dimensions) {
    // "a b" and "a_b" clean to the same name; a table name must stay unique on the sheet.
    let name = tableName(`By_${dimension}`);
    for (let n = 2; used.has(name); n++) name = tableName(`By_${dimension}_${n}`);
    used.add(name);
    const table: LayoutTable = {
      name,
      title: `By ${dimension}`,
      columns: [
        { header: dimension, format: 'text' },
        ...measureColumns,
        { header: `${base} share`, format: 'percent' },
        { header: `${compare} share`, format: 'percent' },
        { header: 'Share change', format: 'percent' },
        { header: 'Only in', format: 'text' },
      ],
      rows: report.rows
        .filter((row) => row.dimension === dimension)
        .map((row): Cell[] => [
          row.value ?? BLANK_VALUE,
          ...measures(row),
          numberCell(row.baseShare),
          numberCell(row.compareShare),
          numberCell(row.shareChange),
          row.onlyIn === 'BASE' ? base : row.onlyIn === 'COMPARE' ? compare : null,
        ]),
    };
    tables.push(table);
    charts.push({
      type: 'BarClustered',
      title: `Growth by ${dimension}`,
      table: table.name,
      categoryColumn: 0,
      valueColumns: [4],
      yAxisTitle: 'Growth',
    });
  }
  return {
    rowColumns: null,
    sheet: {
      name: COMPARISON_SHEET,
      title: `${compare} against ${base}`,
      notes: [...report.warnings],
      tables,
      charts,
    },
  };
}
