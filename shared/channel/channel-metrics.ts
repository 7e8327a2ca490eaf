import { Adder } from '../math/sum';
import type { ChannelCosts, ChannelFigures, ChannelTotals, OverallFigures } from './types';

/**
 * The economics of one channel from its totals and costs, with the usual marketing definitions:
 * conversionRate = conversions / users, cpc = spend / clicks, costPerUser = spend / users, cpa = spend / conversions,
 * avgValue = mean value of converters (those with a value), totalValue = sum of value over converters,
 * roi = (totalValue − spend) / spend, roas = totalValue / spend, ltvToCac = avgValue / cpa.
 * Every ratio comes from totals, never from averaging per-row ratios, and a zero or unknown denominator gives null
 * (not Infinity or NaN). Without costs, every cost figure is null.
 *
 * @example
 * channelFigures('Google', { users: 200, conversions: 10, valueSum: 5000, valueCount: 10, missingValues: 0 },
 *   { spend: 1000, clicks: 400, impressions: null }).ltvToCac; // 500 / (1000 / 10) = 5
 */
export function channelFigures(channel: string, totals: ChannelTotals, costs: ChannelCosts | null): ChannelFigures {
  const { users, conversions, valueSum, valueCount, missingValues } = totals;
  const spend = costs ? costs.spend : null;
  const avgValue = valueSum === null ? null : ratio(valueSum, valueCount);
  const cpa = ratio(spend, conversions);
  return {
    channel,
    users,
    conversions,
    conversionRate: ratio(conversions, users),
    spend,
    clicks: costs ? costs.clicks : null,
    impressions: costs ? costs.impressions : null,
    cpc: ratio(spend, costs ? costs.clicks : null),
    costPerUser: ratio(spend, users),
    cpa,
    avgValue,
    totalValue: valueSum,
    roi: spend === null || valueSum === null ? null : ratio(valueSum - spend, spend),
    roas: ratio(valueSum, spend),
    ltvToCac: ratio(avgValue, cpa),
    missingValues,
  };
}

/**
 * The yardsticks for comparing channels: all channels' totals together (users, conversions, conversion rate, mean
 * value of converters) and the paid CPA, spend / conversions over the channels with spend above 0.
 *
 * @example
 * overallFigures([{ users: 100, conversions: 10, valueSum: 900, valueCount: 9, missingValues: 1 }],
 *   [{ spend: 500, clicks: null, impressions: null }]); // conversionRate 0.1, avgValue 100, paidCpa 50
 */
export function overallFigures(
  totals: readonly ChannelTotals[],
  costs: readonly (ChannelCosts | null)[],
): OverallFigures {
  let users = 0;
  let conversions: number | null = null;
  let valueCount = 0;
  const valueSum = new Adder();
  const paidSpend = new Adder();
  let paidConversions = 0;
  let hasValues = false;
  let hasCosts = false;
  totals.forEach((t, c) => {
    users += t.users;
    if (t.conversions !== null) conversions = (conversions ?? 0) + t.conversions;
    if (t.valueSum !== null) {
      hasValues = true;
      valueSum.add(t.valueSum);
      valueCount += t.valueCount;
    }
    const spend = costs[c]?.spend ?? null;
    if (spend !== null) hasCosts = true;
    if (spend !== null && spend > 0) {
      paidSpend.add(spend);
      paidConversions += t.conversions ?? 0;
    }
  });
  return {
    users,
    conversions,
    conversionRate: ratio(conversions, users),
    avgValue: hasValues ? ratio(+valueSum, valueCount) : null,
    paidCpa: hasCosts ? ratio(+paidSpend, paidConversions) : null,
  };
}

/** numerator / denominator, or null when either is unknown or the denominator is 0. */
export function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return numerator / denominator;
}
