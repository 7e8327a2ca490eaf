import { funnelLayout, type FunnelResultShape, type FunnelStepResult } from '../../../shared/layout/funnel-layout';
import { layoutProblems } from './layout-invariants';

function step(name: string, users: number, previous: number, start: number): FunnelStepResult {
  return {
    name,
    users,
    conversionFromPrevious: users / previous,
    conversionFromStart: users / start,
    dropOff: previous - users,
    dropOffRate: (previous - users) / previous,
    medianSecondsFromPrevious: name === 'Visit' ? null : 60,
    usersWithEvent: users,
  };
}

const report: FunnelResultShape = {
  users: 100,
  unmatchedUsers: 0,
  order: 'ORDERED',
  steps: [step('Visit', 100, 100, 100), step('Signup', 40, 100, 100), step('Buy', 10, 40, 100)],
  breakdown: [
    {
      value: 'mobile',
      users: 60,
      steps: [step('Visit', 60, 60, 60), step('Signup', 20, 60, 60), step('Buy', 3, 20, 60)],
    },
    {
      value: 'desktop',
      users: 40,
      steps: [step('Visit', 40, 40, 40), step('Signup', 20, 40, 40), step('Buy', 7, 20, 40)],
    },
  ],
  warnings: ['3 events with an unknown step were ignored.'],
};

describe('funnelLayout', () => {
  it('funnelLayout(report) tabulates the steps with rates as percentages and charts users per step', () => {
    const { sheet, rowColumns } = funnelLayout(report);
    expect(rowColumns).toBeNull();
    const steps = sheet.tables[0];
    expect(steps.rows[2]).toEqual(['Buy', 10, 0.25, 0.1, 30, 0.75, 60, 10]);
    expect(steps.columns.filter((c) => c.format === 'percent').map((c) => c.header)).toEqual([
      'Conversion from previous',
      'Conversion from start',
      'Drop-off rate',
    ]);
    expect(sheet.charts[0]).toMatchObject({ type: 'ColumnClustered', table: 'FunnelSteps', valueColumns: [1] });
    expect(sheet.title).toBe('Funnel: 100 users reached the first step (steps in order)');
    expect(sheet.notes).toEqual(['3 events with an unknown step were ignored.']);
  });

  it('funnelLayout(report) with a breakdown adds users per step by value and their conversion to the last step', () => {
    const { sheet } = funnelLayout(report);
    const breakdown = sheet.tables[1];
    expect(breakdown.columns.map((c) => c.header)).toEqual(['Value', 'Visit', 'Signup', 'Buy', 'Conversion to Buy']);
    expect(breakdown.rows).toEqual([
      ['mobile', 60, 20, 3, 0.05],
      ['desktop', 40, 20, 7, 0.175],
    ]);
    expect(sheet.charts[1]).toMatchObject({ table: 'FunnelBreakdown', valueColumns: [4] });
    expect(layoutProblems(funnelLayout(report))).toEqual([]);
  });

  it('funnelLayout(report) without a breakdown has one table and one chart', () => {
    const { sheet } = funnelLayout({ ...report, breakdown: [], order: null });
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.title).toBe('Funnel: 100 users reached the first step');
  });

  it('funnelLayout(report) with time to convert adds its percentiles per step in hours and charts median and p90', () => {
    const timed = {
      ...report,
      breakdown: [],
      steps: report.steps.map((s, i) =>
        i === 0 ? s : { ...s, timeToConvert: { mean: 7200, p25: 1800, median: 3600, p75: 10800, p90: 36000 } },
      ),
    };
    const { sheet } = funnelLayout(timed);
    const times = sheet.tables.find((t) => t.name === 'FunnelTimeToConvert')!;
    expect(times.rows).toEqual([
      ['Signup', 40, 2, 0.5, 1, 3, 10],
      ['Buy', 10, 2, 0.5, 1, 3, 10],
    ]);
    expect(sheet.charts[1]).toMatchObject({ table: 'FunnelTimeToConvert', valueColumns: [4, 6] });
    expect(layoutProblems(funnelLayout(timed))).toEqual([]);
  });
});
