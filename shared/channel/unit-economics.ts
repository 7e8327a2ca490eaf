import { ratio } from './channel-metrics';
import type { ChannelFigures, ChannelHealth, UnitEconomics } from './types';

/**
 * A channel's unit economics at the analyst's gross margin, from its totals (channelFigures), as a growth finance
 * team reads them: contribution = totalValue × margin; breakEvenCpa = avgValue × margin (the most a customer may cost);
 * marginLtvToCac = avgValue × margin ÷ cpa; paybackMonths = cpa ÷ (avgValue × margin ÷ lifetimeMonths) (months of a
 * customer's margin, earned evenly over lifetimeMonths, that repay what they cost); health from marginLtvToCac:
 * PROFITABLE at or above targetLtvToCac, MARGINAL at or above 1, LOSS below 1, UNKNOWN without spend, conversions or
 * values. A figure whose input is missing (no values, no costs, no lifetimeMonths, a zero denominator) is null.
 *
 * @example
 * // cpa 100, avgValue 500, margin 0.4, lifetime 24 months: margin per customer 200 → payback 100 ÷ (200 ÷ 24) = 12
 * unitEconomics({ ...figures, spend: 1000, conversions: 10, cpa: 100, avgValue: 500, totalValue: 5000 }, 0.4, 24, 3);
 * // { contribution: 2000, breakEvenCpa: 200, marginLtvToCac: 2, paybackMonths: 12, health: 'MARGINAL' }
 */
export function unitEconomics(
  figures: ChannelFigures,
  margin: number,
  lifetimeMonths: number | null,
  targetLtvToCac: number,
): UnitEconomics {
  const { totalValue, avgValue, cpa, spend, conversions } = figures;
  const breakEvenCpa = avgValue === null ? null : avgValue * margin;
  const marginLtvToCac = ratio(breakEvenCpa, cpa);
  const monthlyMargin = breakEvenCpa === null || lifetimeMonths === null ? null : breakEvenCpa / lifetimeMonths;
  const paid = spend !== null && spend > 0 && conversions !== null && conversions > 0;
  return {
    contribution: totalValue === null ? null : totalValue * margin,
    breakEvenCpa,
    marginLtvToCac,
    paybackMonths: ratio(cpa, monthlyMargin),
    health: paid && marginLtvToCac !== null ? healthOf(marginLtvToCac, targetLtvToCac) : 'UNKNOWN',
  };
}

function healthOf(marginLtvToCac: number, target: number): ChannelHealth {
  if (marginLtvToCac >= target) return 'PROFITABLE';
  return marginLtvToCac >= 1 ? 'MARGINAL' : 'LOSS';
}
