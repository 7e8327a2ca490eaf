import { cohortLayout, type CohortReportShape } from '../../../shared/layout/cohort-layout';
import { layoutProblems } from './layout-invariants';

const report: CohortReportShape = {
  period: 'MONTH',
  cohorts: [
    { start: '2025-01', customers: 10, active: [10, 4, 3], retention: [1, 0.4, 0.3], revenue: [100, 40, 35] },
    { start: '2025-02', customers: 5, active: [5, 1], retention: [1, 0.2], revenue: [50, 8] },
    { start: '2025-03', customers: 2, active: [2], retention: [1], revenue: [20] },
  ],
  warnings: ['1 of 40 rows left out: 1 without a customer ("customer")'],
};

describe('cohortLayout', () => {
  it('cohortLayout(report) writes the retention triangle as a heat map, empty past each cohort’s last period', () => {
    const layout = cohortLayout(report);
    expect(layoutProblems(layout)).toEqual([]);
    expect(layout.sheet.tables.map((t) => t.name)).toEqual(['Retention', 'Active', 'Revenue', 'Retention_curve']);
    const retention = layout.sheet.tables[0];
    expect(retention.columns.map((c) => c.header)).toEqual(['Cohort', 'Customers', 'Month 0', 'Month 1', 'Month 2']);
    expect(retention.rows[1]).toEqual(['2025-02', 5, 1, 0.2, null]);
    expect(retention.colorScale).toEqual({ firstColumn: 2, lastColumn: 4, kind: 'sequential' });
    expect(layout.sheet.notes).toEqual(report.warnings);
  });

  it('cohortLayout(report) pools cohorts into a retention curve over the cohorts that reached each period', () => {
    // Month 1: (4 + 1) / (10 + 5); month 2: 3 / 10 — the March cohort has not reached month 1.
    const curve = cohortLayout(report).sheet.tables[3];
    expect(curve.rows).toEqual([
      [0, 17, 1],
      [1, 15, 5 / 15],
      [2, 10, 0.3],
    ]);
  });

  it('cohortLayout(report) leaves revenue out without amounts and names weeks', () => {
    const weekly = cohortLayout({
      period: 'WEEK',
      cohorts: report.cohorts.map((c) => ({ ...c, revenue: null })),
      warnings: [],
    });
    expect(weekly.sheet.tables.map((t) => t.name)).toEqual(['Retention', 'Active', 'Retention_curve']);
    expect(weekly.sheet.tables[0].columns[2].header).toBe('Week 0');
  });
});
