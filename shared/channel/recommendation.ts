import type { ChannelFigures, OverallFigures, Recommendation, RecommendationThresholds } from './types';

/**
 * A budget recommendation for one channel from stated rules, with a one-line reason that quotes the numbers.
 * Rules, first match wins (thresholds in brackets, see RecommendationThresholds):
 *
 * Paid channel (costs known, spend > 0):
 * 1. no users → REMOVE (spend with nothing to show; check the tracking too).
 * 2. users < [minUsers] → MAINTAIN: too few to judge.
 * 3. no conversions → REMOVE.
 * 4. LTV:CAC known: below [minLtvToCac] (each customer costs more than they bring) → REMOVE; below [targetLtvToCac]
 *    → REDUCE; at or above target with a conversion rate at or above the overall rate → INVEST; otherwise MAINTAIN.
 * 5. no values (LTV:CAC unknown): CPA at or under the overall paid CPA with a conversion rate at or above the overall
 *    → INVEST; CPA at or under the paid CPA → MAINTAIN; otherwise REDUCE.
 * Free channel (costs known, spend 0): users < [minUsers] → MAINTAIN; conversion rate at or above the overall →
 * INVEST; otherwise MAINTAIN (it costs nothing to keep).
 * No costs: users < [minUsers] → MAINTAIN; conversion rate at or above the overall and avg value at or above the
 * overall (or no values) → INVEST; conversion rate at least [reduceBelowShare] × overall → MAINTAIN; otherwise
 * REDUCE (never REMOVE: without costs the channel's price is unknown). The reason says costs are missing.
 * Unknown conversions give MAINTAIN with a reason saying so.
 *
 * @example
 * // a paid channel of 1000 users with CPA 412 and avg value 577, default thresholds:
 * recommendChannel(figures, overall, DEFAULT_THRESHOLDS);
 * // { recommendation: 'REDUCE', reason: 'LTV:CAC 1.4 below target 3; CPA $412 vs avg value $577' }
 */
export function recommendChannel(
  figures: ChannelFigures,
  overall: OverallFigures,
  thresholds: RecommendationThresholds,
): { recommendation: Recommendation; reason: string } {
  const { users, conversions, conversionRate, spend, cpa, avgValue, ltvToCac } = figures;
  const { targetLtvToCac, minLtvToCac, minUsers } = thresholds;
  const result = (recommendation: Recommendation, reason: string) => ({ recommendation, reason });
  const conversion = `conversion ${percent(conversionRate)} vs overall ${percent(overall.conversionRate)}`;
  const belowOverall = `conversion ${percent(conversionRate)} is below overall ${percent(overall.conversionRate)}`;
  const atLeastOverall =
    conversionRate !== null && overall.conversionRate !== null && conversionRate >= overall.conversionRate;

  if (spend !== null && spend > 0) {
    if (users === 0) return result('REMOVE', `spend ${money(spend)} but no users; check the tracking`);
    if (users < minUsers) return result('MAINTAIN', tooFew(users, minUsers));
    if (conversions === null) return result('MAINTAIN', `spend ${money(spend)}; no conversion data to judge it`);
    if (conversions === 0) return result('REMOVE', `spend ${money(spend)} and no conversions from ${users} users`);
    if (ltvToCac !== null) {
      const economics = `CPA ${money(cpa)} vs avg value ${money(avgValue)}`;
      const ltv = `LTV:CAC ${ratio(ltvToCac)}`;
      if (ltvToCac < minLtvToCac) return result('REMOVE', `${ltv} below break-even ${minLtvToCac}; ${economics}`);
      if (ltvToCac < targetLtvToCac) return result('REDUCE', `${ltv} below target ${targetLtvToCac}; ${economics}`);
      if (atLeastOverall) return result('INVEST', `${ltv} meets target ${targetLtvToCac}; ${conversion}`);
      return result('MAINTAIN', `${ltv} meets target ${targetLtvToCac} but ${belowOverall}`);
    }
    const paid = `CPA ${money(cpa)} vs overall paid CPA ${money(overall.paidCpa)}; no values to judge LTV:CAC`;
    const cheap = cpa !== null && overall.paidCpa !== null && cpa <= overall.paidCpa;
    if (cheap && atLeastOverall) return result('INVEST', `${paid}; ${conversion}`);
    return result(cheap ? 'MAINTAIN' : 'REDUCE', paid);
  }

  const prefix = spend === null ? 'costs missing' : 'no spend';
  if (users < minUsers) return result('MAINTAIN', `${prefix}; ${tooFew(users, minUsers)}`);
  if (conversions === null) return result('MAINTAIN', `${prefix}; no conversion data to judge it`);
  if (spend !== null) return result(atLeastOverall ? 'INVEST' : 'MAINTAIN', `${prefix}; ${conversion}`);
  const value = avgValue === null ? '' : `; avg value ${money(avgValue)} vs ${money(overall.avgValue)}`;
  const valuable = avgValue === null || overall.avgValue === null || avgValue >= overall.avgValue;
  if (atLeastOverall && valuable) return result('INVEST', `${prefix}; ${conversion}${value}`);
  const floor = overall.conversionRate === null ? 0 : thresholds.reduceBelowShare * overall.conversionRate;
  if (conversionRate !== null && conversionRate >= floor) return result('MAINTAIN', `${prefix}; ${conversion}${value}`);
  return result('REDUCE', `${prefix}; ${conversion}, below ${thresholds.reduceBelowShare} × overall${value}`);
}

function tooFew(users: number, minUsers: number): string {
  return `only ${users} users (fewer than ${minUsers}); too few to judge`;
}

function percent(x: number | null): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

function ratio(x: number): string {
  return x.toFixed(1);
}

/** Whole dollars from $100 up ("$1,250"), cents below ("$42.50"). */
function money(x: number | null): string {
  if (x === null) return 'n/a';
  const sign = x < 0 ? '-' : '';
  const abs = Math.abs(x);
  return abs >= 100 ? `${sign}$${Math.round(abs).toLocaleString('en-US')}` : `${sign}$${abs.toFixed(2)}`;
}
