import { channelLayout } from '../../../shared/layout/channel-layout';
import { experimentLayout } from '../../../shared/layout/experiment-layout';
import { funnelLayout } from '../../../shared/layout/funnel-layout';
import { periodComparisonLayout } from '../../../shared/layout/period-comparison-layout';

describe('the report layouts', () => {
  test('funnelLayout: one row per step, users per step as columns, the breakdown as conversion from start', () => {
    const layout = funnelLayout(
      {
        users: 100,
        warnings: [],
        steps: [
          { name: 'visit', users: 100, conversionFromPrevious: 1, conversionFromStart: 1, dropOff: 0 },
          { name: 'paid', users: 10, conversionFromPrevious: 0.1, conversionFromStart: 0.1, dropOff: 90 },
        ],
        breakdown: [{ value: 'EU', users: 40, steps: [{ name: 'paid', users: 8, conversionFromStart: 0.2 }] }],
      },
      { source: 'E!A1:C9' },
    );
    expect(layout.rowColumns).toBeNull();
    expect(layout.sheet.tables[0].rows[1]).toEqual(['paid', 10, 0.1, 0.1, 90, null]);
    expect(layout.sheet.tables[1].rows).toEqual([['EU', 40, null, 0.2]]);
    expect(layout.sheet.charts[0]).toMatchObject({ type: 'ColumnClustered', table: 'FunnelSteps', valueColumns: [1] });
  });

  const channel = { channel: 'Google', users: 10, conversionRate: 0.2, recommendation: 'INVEST', reason: 'r' };
  test('channelLayout charts ROAS when spend is known, else the conversion rate', () => {
    expect(
      channelLayout({ warnings: [], channels: [{ ...channel, roas: 3 }], bySegment: [] }, { source: 's' }).sheet
        .charts[0],
    ).toMatchObject({
      title: 'ROAS by channel',
      valueColumns: [10],
    });
    expect(
      channelLayout({ warnings: [], channels: [channel], bySegment: [] }, { source: 's' }).sheet.charts[0],
    ).toMatchObject({
      title: 'Conversion rate by channel',
      valueColumns: [3],
    });
  });

  test('experimentLayout marks the control and leaves its significance empty', () => {
    const layout = experimentLayout(
      {
        warnings: [],
        chiSquare: { statistic: 4, pValue: 0.04, dof: 1 },
        srm: { statistic: 0.1, pValue: 0.75, dof: 1 },
        variants: [
          { name: 'control', isControl: true, users: 100, conversions: 10, conversionRate: 0.1, significant: false },
          { name: 'B', isControl: false, users: 100, conversions: 20, conversionRate: 0.2, significant: true },
        ],
      },
      { source: 's' },
    );
    expect(layout.sheet.tables[0].rows.map((r) => [r[0], r[1], r[4], r[11]])).toEqual([
      ['control', 'yes', 0.1, null],
      ['B', 'no', 0.2, 'yes'],
    ]);
    expect(layout.sheet.tables[1].rows[0]).toEqual(['Chi-square (conversion by variant)', 4, 1, 0.04]);
  });

  test('periodComparisonLayout labels each row by dimension and value and charts growth', () => {
    const layout = periodComparisonLayout(
      {
        base: '2024',
        compare: '2025',
        warnings: [],
        totals: { baseTotal: 10, compareTotal: 12, change: 2, growth: 0.2 },
        rows: [{ dimension: 'department', value: 'Toys', baseTotal: 4, compareTotal: 6, change: 2, growth: 0.5 }],
      },
      { source: 's' },
    );
    expect(layout.sheet.tables[1].rows[0].slice(0, 7)).toEqual([
      'department: Toys',
      'department',
      'Toys',
      4,
      6,
      2,
      0.5,
    ]);
    expect(layout.sheet.charts[0]).toMatchObject({
      type: 'BarClustered',
      title: 'Growth 2024 → 2025 by dimension value',
      valueColumns: [6],
    });
  });
});
