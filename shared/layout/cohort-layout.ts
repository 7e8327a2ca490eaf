/**
 * The result layout of a cohort report (GraphQL `CohortReport`): the retention triangle as a heat map, the active
 * customers and revenue triangles, and the retention curve over all cohorts (customers active i periods after
 * their start ÷ customers of the cohorts that have reached period i) as a line chart.
 */
import type { Cell } from '../table/types';
import type { LayoutColumn, LayoutTable, ResultLayout } from './types';

/** `CohortReport`, the fields a layout shows. */
export interface CohortReportShape {
  period: 'MONTH' | 'WEEK';
  cohorts: readonly {
    start: string;
    customers: number;
    active: readonly number[];
    retention: readonly number[];
    revenue: readonly number[] | null;
  }[];
  warnings: readonly string[];
}

export const COHORT_SHEET = 'Quadrant cohorts';

/**
 * Lays out a cohort report (no row columns). Cells past a cohort's last period are empty.
 * @example cohortLayout(report).sheet.tables.map((t) => t.name) → ['Retention', 'Active', 'Revenue', 'Retention_curve']
 */
export function cohortLayout(report: CohortReportShape): ResultLayout {
  const unit = report.period === 'WEEK' ? 'Week' : 'Month';
  const width = Math.max(1, ...report.cohorts.map((c) => c.active.length));
  const triangle = (
    name: string,
    title: string,
    format: LayoutColumn['format'],
    values: (c: CohortReportShape['cohorts'][number]) => readonly number[] | null,
  ): LayoutTable => ({
    name,
    title,
    columns: [
      { header: 'Cohort', format: 'text' },
      { header: 'Customers', format: 'integer' },
      ...Array.from({ length: width }, (_, i) => ({ header: `${unit} ${i}`, format })),
    ],
    rows: report.cohorts.map((c): Cell[] => {
      const v = values(c) ?? [];
      return [c.start, c.customers, ...Array.from({ length: width }, (_, i) => (i < v.length ? v[i] : null))];
    }),
  });

  const curve: Cell[][] = [];
  for (let i = 0; i < width; i++) {
    let active = 0;
    let customers = 0;
    for (const c of report.cohorts) {
      if (i >= c.active.length) continue;
      active += c.active[i];
      customers += c.customers;
    }
    if (customers > 0) curve.push([i, customers, active / customers]);
  }
  const tables: LayoutTable[] = [
    {
      ...triangle(
        'Retention',
        `Share of each cohort active, by ${unit.toLowerCase()}s since its first`,
        'percent',
        (c) => c.retention,
      ),
      colorScale: { firstColumn: 2, lastColumn: width + 1, kind: 'sequential' },
    },
    triangle('Active', 'Active customers', 'integer', (c) => c.active),
  ];
  if (report.cohorts.some((c) => c.revenue !== null)) {
    tables.push(triangle('Revenue', 'Revenue', 'currency', (c) => c.revenue));
  }
  tables.push({
    name: 'Retention_curve',
    title: 'All cohorts together',
    columns: [
      { header: `${unit}s since first`, format: 'integer' },
      { header: 'Customers followed', format: 'integer' },
      { header: 'Retention', format: 'percent' },
    ],
    rows: curve,
  });
  return {
    rowColumns: null,
    sheet: {
      name: COHORT_SHEET,
      title: `Cohorts by ${unit.toLowerCase()} of first transaction`,
      notes: [...report.warnings],
      tables,
      charts: [
        {
          type: 'LineMarkers',
          title: 'Retention curve',
          table: 'Retention_curve',
          categoryColumn: 0,
          valueColumns: [2],
          xAxisTitle: `${unit}s since first transaction`,
          yAxisTitle: 'Retention',
        },
      ],
    },
  };
}
