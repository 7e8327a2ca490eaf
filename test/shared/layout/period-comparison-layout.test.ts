import {
  periodComparisonLayout,
  type PeriodComparisonRowShape,
  type PeriodComparisonShape,
} from '../../../shared/layout/period-comparison-layout';
import { layoutProblems } from './layout-invariants';

function row(dimension: string, value: string | null, base: number, compare: number): PeriodComparisonRowShape {
  return {
    dimension,
    value,
    baseTotal: base,
    compareTotal: compare,
    change: compare - base,
    growth: base === 0 ? null : (compare - base) / base,
    baseCustomers: 2,
    compareCustomers: 3,
    baseAverageTicket: base / 2,
    compareAverageTicket: compare / 3,
    baseShare: base / 300,
    compareShare: compare / 450,
    shareChange: compare / 450 - base / 300,
    onlyIn: base === 0 ? 'COMPARE' : null,
  };
}

const report: PeriodComparisonShape = {
  base: '2024',
  compare: '2025',
  counts: 'CUSTOMERS',
  totals: {
    baseTotal: 300,
    compareTotal: 450,
    change: 150,
    growth: 0.5,
    baseCustomers: 4,
    compareCustomers: 6,
    baseAverageTicket: 75,
    compareAverageTicket: 75,
  },
  rows: [
    row('region', 'North', 200, 250),
    row('region', null, 100, 100),
    row('channel', 'Web', 0, 100),
    row('channel', 'Shop', 300, 350),
  ],
  warnings: [],
};

describe('periodComparisonLayout', () => {
  it('periodComparisonLayout(report) starts with the totals, headers named after the periods', () => {
    const totals = periodComparisonLayout(report).sheet.tables[0];
    expect(totals.columns.map((c) => c.header)).toEqual([
      'Slice',
      '2024 total',
      '2025 total',
      'Change',
      'Growth',
      '2024 customers',
      '2025 customers',
      '2024 average ticket',
      '2025 average ticket',
    ]);
    expect(totals.rows).toEqual([['All rows', 300, 450, 150, 0.5, 4, 6, 75, 75]]);
  });

  it('periodComparisonLayout(report) gives each dimension its table and a growth chart; blank values read (blank)', () => {
    const { sheet } = periodComparisonLayout(report);
    expect(sheet.tables.map((t) => t.name)).toEqual(['Totals', 'By_region', 'By_channel']);
    const region = sheet.tables[1];
    expect(region.rows.map((r) => [r[0], r[4]])).toEqual([
      ['North', 0.25],
      ['(blank)', 0],
    ]);
    const web = sheet.tables[2].rows[0];
    expect(web[4]).toBeNull();
    expect(web[12]).toBe('2025');
    expect(region.columns[4]).toEqual({ header: 'Growth', format: 'percent' });
    expect(region.columns[11]).toEqual({ header: 'Share change', format: 'percent' });
    expect(sheet.charts.map((c) => [c.title, c.table, c.valueColumns])).toEqual([
      ['Growth by region', 'By_region', [4]],
      ['Growth by channel', 'By_channel', [4]],
    ]);
    expect(layoutProblems(periodComparisonLayout(report))).toEqual([]);
  });

  it('periodComparisonLayout keeps table names unique when two dimensions clean to the same name', () => {
    const names = periodComparisonLayout({
      ...report,
      rows: [row('a b', 'x', 1, 2), row('a_b', 'y', 1, 2)],
    }).sheet.tables.map((t) => t.name);
    expect(names).toEqual(['Totals', 'By_a_b', 'By_a_b_2']);
  });
});
