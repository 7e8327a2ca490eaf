import { recommendChannel } from '../../../shared/channel/recommendation';
import { DEFAULT_THRESHOLDS, type ChannelFigures, type OverallFigures } from '../../../shared/channel/types';

const overall: OverallFigures = { users: 10000, conversions: 950, conversionRate: 0.095, avgValue: 430, paidCpa: 120 };

/** A paid channel: 1000 users, 100 conversions (10%), spend 41,200 → CPA 412, avg value 577 → LTV:CAC 1.4. */
function channel(overrides: Partial<ChannelFigures> = {}): ChannelFigures {
  return {
    channel: 'Google',
    users: 1000,
    conversions: 100,
    conversionRate: 0.1,
    spend: 41200,
    clicks: null,
    impressions: null,
    cpc: null,
    costPerUser: 41.2,
    cpa: 412,
    avgValue: 577,
    totalValue: 57700,
    roi: 0.4,
    roas: 1.4,
    ltvToCac: 577 / 412,
    missingValues: 0,
    ...overrides,
  };
}

const recommend = (overrides: Partial<ChannelFigures>, over: Partial<OverallFigures> = {}) =>
  recommendChannel(channel(overrides), { ...overall, ...over }, DEFAULT_THRESHOLDS);

describe('recommendChannel', () => {
  test('recommendChannel(paid channel) reduces below the LTV:CAC target and quotes CPA and value', () => {
    expect(recommend({})).toEqual({
      recommendation: 'REDUCE',
      reason: 'LTV:CAC 1.4 below target 3; CPA $412 vs avg value $577',
    });
  });

  test('recommendChannel removes a paid channel below break-even', () => {
    // CPA 900 vs value 577 → 0.64
    expect(recommend({ cpa: 900, ltvToCac: 577 / 900 })).toEqual({
      recommendation: 'REMOVE',
      reason: 'LTV:CAC 0.6 below break-even 1; CPA $900 vs avg value $577',
    });
  });

  test('recommendChannel invests at the target with a conversion rate at or above the overall, else maintains', () => {
    expect(recommend({ cpa: 150, ltvToCac: 577 / 150 })).toEqual({
      recommendation: 'INVEST',
      reason: 'LTV:CAC 3.8 meets target 3; conversion 10.0% vs overall 9.5%',
    });
    expect(recommend({ cpa: 150, ltvToCac: 3, conversionRate: 0.08 })).toEqual({
      recommendation: 'MAINTAIN',
      reason: 'LTV:CAC 3.0 meets target 3 but conversion 8.0% is below overall 9.5%',
    });
  });

  test('recommendChannel removes a paid channel with no users or no conversions, and keeps a small one', () => {
    expect(recommend({ users: 0, conversions: 0 })).toEqual({
      recommendation: 'REMOVE',
      reason: 'spend $41,200 but no users; check the tracking',
    });
    expect(recommend({ conversions: 0, spend: 80.5, ltvToCac: null })).toEqual({
      recommendation: 'REMOVE',
      reason: 'spend $80.50 and no conversions from 1000 users',
    });
    expect(recommend({ users: 12 })).toEqual({
      recommendation: 'MAINTAIN',
      reason: 'only 12 users (fewer than 30); too few to judge',
    });
  });

  test('recommendChannel judges a paid channel without values by CPA against the paid CPA', () => {
    const noValues = { avgValue: null, ltvToCac: null, totalValue: null };
    expect(recommend({ ...noValues, cpa: 100 })).toEqual({
      recommendation: 'INVEST',
      reason: 'CPA $100 vs overall paid CPA $120; no values to judge LTV:CAC; conversion 10.0% vs overall 9.5%',
    });
    expect(recommend({ ...noValues, cpa: 100, conversionRate: 0.05 }).recommendation).toBe('MAINTAIN');
    expect(recommend({ ...noValues, cpa: 130 })).toEqual({
      recommendation: 'REDUCE',
      reason: 'CPA $130 vs overall paid CPA $120; no values to judge LTV:CAC',
    });
  });

  test('recommendChannel invests in a free channel that converts at least as well as the overall', () => {
    const free = { spend: 0, cpa: 0, ltvToCac: null };
    expect(recommend({ ...free, conversionRate: 0.154 })).toEqual({
      recommendation: 'INVEST',
      reason: 'no spend; conversion 15.4% vs overall 9.5%',
    });
    expect(recommend({ ...free, conversionRate: 0.01 }).recommendation).toBe('MAINTAIN');
  });

  test('recommendChannel without costs compares conversion and value with the overall and never removes', () => {
    const noCosts = { spend: null, cpa: null, ltvToCac: null, roi: null, roas: null, costPerUser: null };
    expect(recommend(noCosts)).toEqual({
      recommendation: 'INVEST',
      reason: 'costs missing; conversion 10.0% vs overall 9.5%; avg value $577 vs $430',
    });
    // 6% ≥ 0.5 × 9.5% → MAINTAIN; 4% < 4.75% → REDUCE
    expect(recommend({ ...noCosts, conversionRate: 0.06 }).recommendation).toBe('MAINTAIN');
    expect(recommend({ ...noCosts, conversionRate: 0.04, conversions: 40 })).toEqual({
      recommendation: 'REDUCE',
      reason: 'costs missing; conversion 4.0% vs overall 9.5%, below 0.5 × overall; avg value $577 vs $430',
    });
    expect(recommend({ ...noCosts, conversions: 0, conversionRate: 0 }).recommendation).toBe('REDUCE');
    expect(recommend({ ...noCosts, conversions: null, conversionRate: null })).toEqual({
      recommendation: 'MAINTAIN',
      reason: 'costs missing; no conversion data to judge it',
    });
  });

  test('recommendChannel uses the thresholds it is given', () => {
    const lenient = { ...DEFAULT_THRESHOLDS, targetLtvToCac: 1.2, minUsers: 0 };
    expect(recommendChannel(channel({ users: 12 }), overall, lenient)).toEqual({
      recommendation: 'INVEST',
      reason: 'LTV:CAC 1.4 meets target 1.2; conversion 10.0% vs overall 9.5%',
    });
  });
});
