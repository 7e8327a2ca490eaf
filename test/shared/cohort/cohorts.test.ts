import fixture from '../../fixtures/cohort/cohorts.json';
import { transactionsDataset } from '../../../server/demo/transactions';
import { cohorts } from '../../../shared/cohort/cohorts';
import type { Cohort, CohortOptions } from '../../../shared/cohort/types';
import { InputError } from '../../../shared/errors';
import { tableFromCells } from '../../../shared/table/from-cells';
import type { Cell } from '../../../shared/table/types';
import { category, numbers, table } from '../../helpers/columns';
import { expectClose } from '../experiment/close-to';

interface FixtureCase {
  name: string;
  options: CohortOptions;
  header?: string[];
  rows?: Cell[][];
  expected: { cohorts: Cohort[]; rows: number; skippedRows: number };
}

const demo = transactionsDataset();

describe('cohorts(table, options) against pandas Period groupby', () => {
  it.each((fixture.cases as FixtureCase[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    // The demo cases are the demo Transactions dataset, renamed to the fixture's column names.
    const t = c.header ? tableFromCells(c.header, c.rows!) : tableFromCells(['customer', 'date', 'amount'], demo.rows);
    const report = cohorts(t, c.options);
    expect(report.rows).toBe(c.expected.rows);
    expect(report.skippedRows).toBe(c.expected.skippedRows);
    expect(report.cohorts.map((x) => [x.start, x.customers, x.active])).toEqual(
      c.expected.cohorts.map((x) => [x.start, x.customers, x.active]),
    );
    report.cohorts.forEach((cohort, i) => {
      const want = c.expected.cohorts[i];
      cohort.retention.forEach((r, j) => expectClose(r, want.retention[j], 1e-15, `${cohort.start} retention ${j}`));
      if (want.revenue === null) expect(cohort.revenue).toBeNull();
      else
        cohort.revenue!.forEach((r, j) =>
          expectClose(r, want.revenue![j], 1e-12, `${cohort.start} revenue ${j}`, 1e-9),
        );
    });
  });

  it('reports rows without a customer or a date in a warning instead of dropping them silently', () => {
    const c = (fixture.cases as FixtureCase[])[0];
    const report = cohorts(tableFromCells(c.header!, c.rows!), c.options);
    expect(report.warnings[0]).toBe(
      '8 of 516 rows left out: 5 without a customer ("customer"), 3 without a date ("date")',
    );
    expect(report.warnings[1]).toMatch(/^3 rows without an amount \("amount"\) count as activity/);
  });

  it('counts a customer once per period and starts weeks on Monday', () => {
    // c1 buys Sunday 2025-01-05 (week of Mon 2024-12-30) twice, then Monday 2025-01-06 (next week); c2 only then.
    const t = table(
      category('customer', ['c1', 'c1', 'c1', 'c2']),
      numbers(
        'date',
        [Date.UTC(2025, 0, 5), Date.UTC(2025, 0, 5, 20), Date.UTC(2025, 0, 6), Date.UTC(2025, 0, 6)],
        'DATE',
      ),
      numbers('amount', [10, 5, 7, 1]),
    );
    const weekly = cohorts(t, {
      customerColumn: 'customer',
      dateColumn: 'date',
      amountColumn: 'amount',
      period: 'WEEK',
    });
    expect(weekly.cohorts).toEqual([
      { start: '2024-12-30', customers: 1, active: [1, 1], retention: [1, 1], revenue: [15, 7] },
      { start: '2025-01-06', customers: 1, active: [1], retention: [1], revenue: [1] },
    ]);
    const monthly = cohorts(t, { customerColumn: 'customer', dateColumn: 'date' });
    expect(monthly.cohorts).toEqual([{ start: '2025-01', customers: 2, active: [2], retention: [1], revenue: null }]);
  });

  it('refuses a non-date date column, bad periods and unknown columns by name', () => {
    const t = table(category('customer', ['a', 'b']), numbers('date', [1, 2]), numbers('amount', [1, 2]));
    const base = { customerColumn: 'customer', dateColumn: 'date' };
    expect(() => cohorts(t, base)).toThrow(/dateColumn: column "date" is NUMBER; expected DATE/);
    expect(() => cohorts(t, { ...base, dateColumn: 'day' })).toThrow(/dateColumn: no column "day"/);
    const dated = table(category('customer', ['a', null]), numbers('date', [null, 5], 'DATE'));
    expect(() => cohorts(dated, base)).toThrow(InputError);
    expect(() => cohorts(dated, { ...base, periods: 0 })).toThrow(/periods=0/);
    expect(() => cohorts(dated, { ...base, period: 'DAY' as never })).toThrow(/period=DAY must be MONTH or WEEK/);
  });
});
