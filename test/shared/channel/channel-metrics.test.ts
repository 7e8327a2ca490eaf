import { channelFigures, overallFigures, ratio } from '../../../shared/channel/channel-metrics';

describe('channelFigures', () => {
  test('channelFigures(channel, totals, costs) applies the definitions to totals', () => {
    // 200 users, 10 conversions, value 5000 over 10 converters; spend 1000, 400 clicks
    // rate 0.05, cpc 2.5, cost/user 5, cpa 100, avg 500, roi (5000 − 1000)/1000 = 4, roas 5, LTV:CAC 500/100 = 5
    const f = channelFigures(
      'Google',
      { users: 200, conversions: 10, valueSum: 5000, valueCount: 10, missingValues: 0 },
      { spend: 1000, clicks: 400, impressions: 9000 },
    );
    expect(f).toEqual({
      channel: 'Google',
      users: 200,
      conversions: 10,
      conversionRate: 0.05,
      spend: 1000,
      clicks: 400,
      impressions: 9000,
      cpc: 2.5,
      costPerUser: 5,
      cpa: 100,
      avgValue: 500,
      totalValue: 5000,
      roi: 4,
      roas: 5,
      ltvToCac: 5,
      missingValues: 0,
    });
  });

  test('channelFigures gives null, never Infinity or NaN, for a zero denominator', () => {
    // no spend: cpa 0 → LTV:CAC null, roi/roas null; zero clicks → cpc null
    const free = channelFigures(
      'Direct',
      { users: 50, conversions: 5, valueSum: 100, valueCount: 4, missingValues: 1 },
      { spend: 0, clicks: 0, impressions: null },
    );
    expect([free.cpc, free.cpa, free.roi, free.roas, free.ltvToCac, free.avgValue]).toEqual([
      null,
      0,
      null,
      null,
      null,
      25,
    ]);
    // no conversions: cpa null; no converter values: avgValue null but totalValue 0
    const dead = channelFigures(
      'Bing',
      { users: 10, conversions: 0, valueSum: 0, valueCount: 0, missingValues: 0 },
      { spend: 80, clicks: 4, impressions: null },
    );
    expect([dead.cpa, dead.avgValue, dead.totalValue, dead.roi, dead.roas, dead.ltvToCac]).toEqual([
      null,
      null,
      0,
      -1,
      0,
      null,
    ]);
  });

  test('channelFigures without costs leaves every cost figure null', () => {
    const f = channelFigures(
      'Google',
      { users: 4, conversions: 1, valueSum: 9, valueCount: 1, missingValues: 0 },
      null,
    );
    expect([f.spend, f.clicks, f.cpc, f.costPerUser, f.cpa, f.roi, f.roas, f.ltvToCac]).toEqual(Array(8).fill(null));
    expect(f.conversionRate).toBe(0.25);
  });
});

describe('overallFigures', () => {
  test('overallFigures(totals, costs) pools all channels and takes the paid CPA over channels with spend', () => {
    // users 100 + 50, conversions 10 + 20 → 0.2; values (900 + 1100) / (9 + 11) = 100; paid CPA 500 / 10 = 50
    const overall = overallFigures(
      [
        { users: 100, conversions: 10, valueSum: 900, valueCount: 9, missingValues: 1 },
        { users: 50, conversions: 20, valueSum: 1100, valueCount: 11, missingValues: 9 },
      ],
      [
        { spend: 500, clicks: null, impressions: null },
        { spend: 0, clicks: null, impressions: null },
      ],
    );
    expect(overall).toEqual({ users: 150, conversions: 30, conversionRate: 0.2, avgValue: 100, paidCpa: 50 });
  });

  test('overallFigures without costs or values leaves those yardsticks null', () => {
    const overall = overallFigures(
      [{ users: 5, conversions: null, valueSum: null, valueCount: 0, missingValues: 0 }],
      [null],
    );
    expect(overall).toEqual({ users: 5, conversions: null, conversionRate: null, avgValue: null, paidCpa: null });
  });
});

describe('ratio', () => {
  test('ratio(a, b) is null for an unknown value or a zero denominator', () => {
    expect([ratio(1, 4), ratio(1, 0), ratio(null, 2), ratio(3, null), ratio(0, 5)]).toEqual([
      0.25,
      null,
      null,
      null,
      0,
    ]);
  });
});
