import fixture from '../../fixtures/compare/period-comparison.json';
import { periodComparison, MAX_DIMENSION_VALUES } from '../../../shared/compare/period-comparison';
import type { PeriodComparisonOptions, PeriodComparisonRow, PeriodMeasures } from '../../../shared/compare/types';
import { InputError, LimitError } from '../../../shared/errors';
import type { Column, Table } from '../../../shared/table/types';
import { expectClose } from '../experiment/close-to';
import { category, numbers } from '../../helpers/columns';

const table = (...columns: Column[]): Table => ({
  rowCount: columns[0].type === 'CATEGORY' ? columns[0].codes.length : columns[0].values.length,
  columns,
});

/** Two years of five sales: 2023 north 100 (c1) + south 50 (c2); 2024 north 90 (c1) + 60 (c3) + east 30 (c1). */
const sales = table(
  numbers('year', [2023, 2023, 2024, 2024, 2024]),
  category('region', ['north', 'south', 'north', 'north', 'east']),
  numbers('amount', [100, 50, 90, 60, 30]),
  category('customer', ['c1', 'c2', 'c1', 'c3', 'c1']),
);
const options: PeriodComparisonOptions = {
  periodColumn: 'year',
  base: '2023',
  compare: '2024',
  dimensions: ['region'],
  valueColumn: 'amount',
  customersColumn: 'customer',
};

interface FixtureColumn {
  type: 'NUMBER' | 'CATEGORY';
  values?: (number | null)[];
  levels?: string[];
  codes?: number[];
}
interface FixtureCase {
  options: PeriodComparisonOptions;
  expected: { totals: PeriodMeasures; rows: PeriodComparisonRow[] };
}

function fixtureTable(columns: Record<string, FixtureColumn>): Table {
  return table(
    ...Object.entries(columns).map(([name, c]): Column =>
      c.type === 'CATEGORY'
        ? { name, type: 'CATEGORY', levels: c.levels ?? [], codes: Int32Array.from(c.codes ?? []) }
        : numbers(name, c.values ?? []),
    ),
  );
}

const FIELDS = [
  'baseTotal',
  'compareTotal',
  'change',
  'growth',
  'baseCustomers',
  'compareCustomers',
  'baseAverageTicket',
  'compareAverageTicket',
] as const;

function expectMeasures(actual: PeriodMeasures, expected: PeriodMeasures, label: string): void {
  for (const field of FIELDS) expectClose(actual[field], expected[field], 1e-12, `${label}: ${field}`, 1e-9);
}

describe('periodComparison(table, options)', () => {
  it('compares two hand-made years', () => {
    const report = periodComparison(sales, options);
    // totals 150 → 180: change 30, growth 0.2; customers {c1, c2} → {c1, c3}; tickets 75 → 90
    expect(report.totals).toEqual({
      baseTotal: 150,
      compareTotal: 180,
      change: 30,
      growth: 0.2,
      baseCustomers: 2,
      compareCustomers: 2,
      baseAverageTicket: 75,
      compareAverageTicket: 90,
    });
    expect(report.counts).toBe('CUSTOMERS');
    const [north, south, east] = report.rows;
    // north 100 → 150 (c1 → c1, c3): shares 100/150 → 150/180, a change of 1/6 point
    expect(north).toMatchObject({ value: 'north', baseTotal: 100, compareTotal: 150, growth: 0.5, onlyIn: null });
    expect(north).toMatchObject({
      baseCustomers: 1,
      compareCustomers: 2,
      baseAverageTicket: 100,
      compareAverageTicket: 75,
    });
    expect(north.shareChange).toBeCloseTo(150 / 180 - 100 / 150, 15);
    expect(south).toMatchObject({ value: 'south', compareTotal: 0, change: -50, growth: -1, onlyIn: 'BASE' });
    expect(south.compareAverageTicket).toBeNull();
    expect(east).toMatchObject({ value: 'east', baseTotal: 0, growth: null, onlyIn: 'COMPARE', baseShare: 0 });
  });

  it('counts rows as transactions without a customer column', () => {
    const report = periodComparison(sales, { ...options, customersColumn: null });
    expect(report.counts).toBe('TRANSACTIONS');
    expect(report.totals).toMatchObject({ baseCustomers: 2, compareCustomers: 3, compareAverageTicket: 60 });
  });

  it.each((fixture.cases as unknown as FixtureCase[]).map((c) => [`${c.options.base} → ${c.options.compare}`, c]))(
    'matches pandas groupby sums, nunique and size, unstacked by period: %s',
    (_, c) => {
      const report = periodComparison(fixtureTable(fixture.table as Record<string, FixtureColumn>), c.options);
      expectMeasures(report.totals, c.expected.totals, 'totals');
      expect(report.rows.map((r) => [r.dimension, r.value, r.onlyIn])).toEqual(
        c.expected.rows.map((r) => [r.dimension, r.value, r.onlyIn]),
      );
      report.rows.forEach((row, i) => {
        const e = c.expected.rows[i];
        const label = `${row.dimension}=${row.value}`;
        expectMeasures(row, e, label);
        for (const field of ['baseShare', 'compareShare', 'shareChange'] as const) {
          expectClose(row[field], e[field], 1e-12, `${label}: ${field}`, 1e-15);
        }
      });
    },
  );

  it('adds each dimension up to the totals, with shares summing to 1 (property)', () => {
    const c = fixture.cases[0] as unknown as FixtureCase;
    const report = periodComparison(fixtureTable(fixture.table as Record<string, FixtureColumn>), c.options);
    for (const dimension of c.options.dimensions) {
      const rows = report.rows.filter((r) => r.dimension === dimension);
      const sum = (f: (r: PeriodComparisonRow) => number) => rows.reduce((s, r) => s + f(r), 0);
      expectClose(
        sum((r) => r.baseTotal),
        report.totals.baseTotal,
        1e-12,
        dimension,
      );
      expectClose(
        sum((r) => r.compareTotal),
        report.totals.compareTotal,
        1e-12,
        dimension,
      );
      expectClose(
        sum((r) => r.baseShare ?? 0),
        1,
        1e-12,
        dimension,
      );
      expectClose(
        sum((r) => r.compareShare ?? 0),
        1,
        1e-12,
        dimension,
      );
      expectClose(
        sum((r) => r.shareChange ?? 0),
        0,
        0,
        dimension,
        1e-12,
      );
    }
  });

  it('reports blank dimension values as a null row and counts blank values and customers in warnings', () => {
    const report = periodComparison(
      table(
        numbers('year', [2023, 2023, 2024, 2024]),
        category('region', ['north', null, 'north', 'north']),
        numbers('amount', [10, 5, null, 7]),
        category('customer', ['c1', 'c2', 'c1', null]),
      ),
      options,
    );
    expect(report.rows.map((r) => [r.value, r.baseTotal, r.compareTotal])).toEqual([
      ['north', 10, 7],
      [null, 5, 0],
    ]);
    expect(report.warnings).toEqual([
      'valueColumn: 1 row(s) of the two periods have no value and were left out',
      'customersColumn: 1 row(s) have no customer id; they count in the totals but not among customers',
    ]);
  });

  it('lists the periods found when a period is unknown, and refuses equal periods', () => {
    expect(() => periodComparison(sales, { ...options, compare: '2025' })).toThrow(
      'compare: period "2025" is not in column "year"; the periods are "2023", "2024"',
    );
    expect(() => periodComparison(sales, { ...options, compare: '2023' })).toThrow(InputError);
    expect(() => periodComparison(sales, { ...options, valueColumn: 'region' })).toThrow(
      'valueColumn: column "region"',
    );
    expect(() => periodComparison(sales, { ...options, dimensions: ['nope'] })).toThrow('dimensions: no column "nope"');
  });

  it(`refuses a dimension with more than ${MAX_DIMENSION_VALUES} values`, () => {
    const n = MAX_DIMENSION_VALUES + 1;
    const big = table(
      numbers(
        'year',
        Array.from({ length: n }, (_, i) => (i % 2 ? 2024 : 2023)),
      ),
      numbers(
        'id',
        Array.from({ length: n }, (_, i) => i),
      ),
      numbers('amount', Array(n).fill(1)),
    );
    expect(() => periodComparison(big, { ...options, dimensions: ['id'], customersColumn: null })).toThrow(LimitError);
  });
});
