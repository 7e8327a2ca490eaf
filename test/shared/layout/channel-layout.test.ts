import {
  channelLayout,
  type ChannelMetricsResult,
  type ChannelResultShape,
} from '../../../shared/layout/channel-layout';
import { layoutProblems } from './layout-invariants';

const google: ChannelMetricsResult = {
  channel: 'Google',
  users: 200,
  conversions: 20,
  conversionRate: 0.1,
  spend: 1000,
  clicks: 500,
  cpc: 2,
  costPerUser: 5,
  cpa: 50,
  avgValue: 150,
  totalValue: 3000,
  roi: 2,
  roas: 3,
  ltvToCac: 3,
  recommendation: 'INVEST',
  reason: 'LTV:CAC 3.0 meets the target 3.',
};
const organic: ChannelMetricsResult = {
  ...google,
  channel: 'Organic',
  spend: null,
  clicks: null,
  cpc: null,
  costPerUser: null,
  cpa: null,
  roi: null,
  roas: null,
  ltvToCac: null,
  recommendation: 'MAINTAIN',
  reason: 'No spend.',
};

describe('channelLayout', () => {
  it('channelLayout(report) tabulates every figure and charts ROAS when spend is known', () => {
    const report: ChannelResultShape = { channels: [google, organic], bySegment: [], warnings: [] };
    const { sheet } = channelLayout(report);
    const table = sheet.tables[0];
    expect(table.rows[0]).toEqual([
      'Google',
      200,
      20,
      0.1,
      1000,
      500,
      2,
      5,
      50,
      150,
      3000,
      2,
      3,
      3,
      'INVEST',
      'LTV:CAC 3.0 meets the target 3.',
    ]);
    expect(table.rows[1].slice(4, 9)).toEqual([null, null, null, null, null]);
    expect(table.columns[3].format).toBe('percent');
    expect(table.columns[11]).toEqual({ header: 'ROI', format: 'percent' });
    expect(sheet.charts).toEqual([expect.objectContaining({ title: 'ROAS by channel', valueColumns: [12] })]);
    expect(table.columns[12].header).toBe('ROAS');
    expect(sheet.tables).toHaveLength(1);
    expect(layoutProblems(channelLayout(report))).toEqual([]);
  });

  it('channelLayout(report) charts conversion rate without spend and adds the segment breakdown', () => {
    const report: ChannelResultShape = {
      channels: [organic],
      bySegment: [
        {
          segment: 'Fans',
          channel: 'Organic',
          users: 10,
          conversions: 5,
          conversionRate: 0.5,
          shareOfSegment: 1,
          avgValue: 9,
          totalValue: 45,
        },
      ],
      warnings: ['w'],
    };
    const { sheet } = channelLayout(report);
    expect(sheet.charts[0]).toMatchObject({ title: 'Conversion rate by channel', valueColumns: [3] });
    expect(sheet.tables[1].rows).toEqual([['Fans', 'Organic', 10, 1, 5, 0.5, 9, 45]]);
    expect(sheet.notes).toEqual(['w']);
  });

  it('channelLayout(report) adds a profitability table and a CPA against break-even chart when margin economics are known', () => {
    const report: ChannelResultShape = {
      channels: [
        { ...google, contribution: 200, breakEvenCpa: 60, paybackMonths: 4, marginLtvToCac: 1.2, health: 'MARGINAL' },
        {
          ...organic,
          contribution: 1200,
          breakEvenCpa: null,
          paybackMonths: null,
          marginLtvToCac: null,
          health: 'UNKNOWN',
        },
      ],
      bySegment: [],
      warnings: [],
    };
    const { sheet } = channelLayout(report);
    const profitability = sheet.tables.find((t) => t.name === 'ChannelProfitability')!;
    expect(profitability.columns.map((c) => c.header)).toEqual([
      'Channel',
      'Health',
      'Contribution',
      'CPA',
      'Break-even CPA',
      'Payback months',
      'Margin LTV:CAC',
    ]);
    expect(profitability.rows).toEqual([
      ['Google', 'MARGINAL', 200, 50, 60, 4, 1.2],
      ['Organic', 'UNKNOWN', 1200, null, null, null, null],
    ]);
    expect(sheet.charts[1]).toMatchObject({ table: 'ChannelProfitability', valueColumns: [3, 4] });
    expect(layoutProblems(channelLayout(report))).toEqual([]);
    // At the default margin of 1 and without a lifetime the table would only repeat total value and LTV:CAC.
    const plain = report.channels.map((c) => ({
      ...c,
      contribution: c.totalValue,
      breakEvenCpa: c.avgValue,
      paybackMonths: null,
      marginLtvToCac: c.ltvToCac,
    }));
    expect(channelLayout({ ...report, channels: plain }).sheet.tables.map((t) => t.name)).toEqual(['Channels']);
  });
});
