import { channelFigures } from '../../../shared/channel/channel-metrics';
import { unitEconomics } from '../../../shared/channel/unit-economics';

const totals = { users: 200, conversions: 10, valueSum: 5000, valueCount: 10, missingValues: 0 };
const costs = { spend: 1000, clicks: null, impressions: null };

describe('unitEconomics', () => {
  test('unitEconomics(figures, margin, lifetime, target) gives contribution, break-even CPA and payback', () => {
    // cpa 100, avgValue 500, margin 0.4: contribution 2000, break-even 200, 2 × CAC → MARGINAL under target 3;
    // 200 of margin over 24 months = 8.33 a month → 100 / 8.33 = 12 months to pay back
    expect(unitEconomics(channelFigures('Google', totals, costs), 0.4, 24, 3)).toEqual({
      contribution: 2000,
      breakEvenCpa: 200,
      marginLtvToCac: 2,
      paybackMonths: 12,
      health: 'MARGINAL',
    });
  });

  test('unitEconomics rates health PROFITABLE at the target, LOSS below 1, UNKNOWN without spend or conversions', () => {
    expect(unitEconomics(channelFigures('a', totals, costs), 0.6, null, 3).health).toBe('PROFITABLE');
    expect(unitEconomics(channelFigures('a', totals, costs), 0.1, null, 3).health).toBe('LOSS');
    expect(unitEconomics(channelFigures('a', totals, { ...costs, spend: 0 }), 1, 12, 3)).toMatchObject({
      health: 'UNKNOWN',
      paybackMonths: 0,
    });
    expect(unitEconomics(channelFigures('a', { ...totals, conversions: 0 }, costs), 1, 12, 3).health).toBe('UNKNOWN');
  });

  test('unitEconomics leaves a figure null when its input is missing', () => {
    const noValues = channelFigures('a', { ...totals, valueSum: null, valueCount: 0 }, costs);
    expect(unitEconomics(noValues, 1, 12, 3)).toEqual({
      contribution: null,
      breakEvenCpa: null,
      marginLtvToCac: null,
      paybackMonths: null,
      health: 'UNKNOWN',
    });
    expect(unitEconomics(channelFigures('a', totals, null), 1, 12, 3).paybackMonths).toBeNull();
    expect(unitEconomics(channelFigures('a', totals, costs), 1, null, 3).paybackMonths).toBeNull();
  });
});
