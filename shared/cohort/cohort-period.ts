import type { CohortPeriod } from './types';

const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: day 4 of the week that starts on Monday 1969-12-29, 3 days earlier. */
const EPOCH_MONDAY_OFFSET = 3;

/**
 * The period an instant (epoch ms) falls in, as a whole number that counts periods: months since 1970-01 (UTC), or
 * ISO weeks since the week of Monday 1969-12-29 — so that period b − a is "periods since", as pandas'
 * `Period('M')` / `Period('W-SUN')` differences.
 *
 * @example
 * periodIndex(Date.UTC(2011, 0, 15), 'MONTH'); // 492 (= 41 × 12)
 */
export function periodIndex(ms: number, period: CohortPeriod): number {
  if (period === 'MONTH') {
    const date = new Date(ms);
    return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
  }
  return Math.floor((Math.floor(ms / DAY_MS) + EPOCH_MONDAY_OFFSET) / 7);
}

/**
 * The label of a period index: "2011-01" for a month, the ISO date of the Monday for a week ("2011-01-03").
 *
 * @example
 * periodLabel(492, 'MONTH'); // "2011-01"
 */
export function periodLabel(index: number, period: CohortPeriod): string {
  if (period === 'MONTH') {
    const year = 1970 + Math.floor(index / 12);
    const month = index - (year - 1970) * 12 + 1;
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  }
  return new Date((index * 7 - EPOCH_MONDAY_OFFSET) * DAY_MS).toISOString().slice(0, 10);
}
