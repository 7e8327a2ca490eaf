import { periodIndex, periodLabel } from '../../../shared/cohort/cohort-period';

describe('periodIndex(ms, period) and periodLabel(index, period)', () => {
  it('counts months since 1970-01 in UTC, whatever the time of day', () => {
    expect(periodIndex(Date.UTC(2011, 0, 1), 'MONTH')).toBe(492);
    expect(periodIndex(Date.UTC(2011, 0, 31, 23, 59), 'MONTH')).toBe(492);
    expect(periodLabel(492, 'MONTH')).toBe('2011-01');
    expect(periodLabel(periodIndex(Date.UTC(1969, 11, 15), 'MONTH'), 'MONTH')).toBe('1969-12');
  });

  it('puts a Sunday in the week of the Monday before, across a year boundary (ISO weeks)', () => {
    // 2025-01-05 is a Sunday: week of Monday 2024-12-30; 2025-01-06 starts the next week.
    const sunday = periodIndex(Date.UTC(2025, 0, 5, 23), 'WEEK');
    expect(periodLabel(sunday, 'WEEK')).toBe('2024-12-30');
    expect(periodIndex(Date.UTC(2025, 0, 6), 'WEEK')).toBe(sunday + 1);
    expect(periodLabel(periodIndex(Date.UTC(1970, 0, 1), 'WEEK'), 'WEEK')).toBe('1969-12-29');
    expect(periodLabel(periodIndex(Date.UTC(1969, 11, 28), 'WEEK'), 'WEEK')).toBe('1969-12-22');
  });
});
