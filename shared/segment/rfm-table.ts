import { InputError } from '../errors';
import { Adder } from '../math/sum';
import type { RfmCustomers } from './types';

const DAY_MS = 86_400_000;

export interface RfmTableOptions {
  /** Evaluation instant (epoch ms); default midnight UTC after the day of the last transaction. */
  asOf?: number;
  /** Months before asOf whose transactions count (default 24). */
  windowMonths?: number;
}

export interface RfmTable extends RfmCustomers {
  asOf: number;
  /** asOf minus windowMonths calendar months (inclusive start of the window). */
  windowStart: number;
  /** Customers with transactions, none of them inside the window: left out. */
  excludedCustomers: number;
  /** Transaction rows without a customer or a date: ignored. */
  skippedRows: number;
}

/**
 * Recency, frequency and monetary value per customer from transaction rows, as the usual pandas recipe:
 * - asOf defaults to the day after the last transaction (`df.date.max().normalize() + 1 day`);
 * - the window is [asOf − windowMonths months, asOf): months are calendar months as `pd.DateOffset(months=…)`
 *   (31 March − 1 month = 28/29 February); transactions at or after asOf are in the future and ignored;
 * - recency = whole days from the date of the customer's last transaction in the window to asOf,
 *   `(asOf − last.normalize()).days`; frequency = transactions (rows) in the window, `groupby().size()`;
 *   monetary = their summed amount, `groupby().amount.sum()` (a missing amount adds nothing, refunds subtract);
 * - customers with no transaction in the window are excluded and counted in `excludedCustomers`; rows without a
 *   customer or a date are skipped and counted in `skippedRows`.
 * Customers come in order of their first transaction row. Dates are UTC. One pass: O(rows + customers).
 *
 * @param customers customer key of each row as codes (-1 = missing) into levels (see encodeColumn).
 * @throws InputError for an infinite amount (naming its row, 1-based), a non-finite asOf, windowMonths not a
 *   positive integer, or no dated transaction at all.
 * @example
 * rfmTable({ codes: Int32Array.of(0, 1, 0), levels: ['a', 'b'] }, dates, Float64Array.of(10, 5, 20));
 * // { keys: ['a', 'b'], recency, frequency: [2, 1], monetary: [30, 5], … }
 */
export function rfmTable(
  customers: { codes: Int32Array; levels: readonly string[] },
  dates: Float64Array,
  amounts: Float64Array,
  options: RfmTableOptions = {},
): RfmTable {
  const windowMonths = options.windowMonths ?? 24;
  if (!Number.isInteger(windowMonths) || windowMonths < 1) {
    throw new InputError(`windowMonths=${windowMonths} must be a whole number of months, at least 1`, 'windowMonths');
  }
  if (options.asOf !== undefined && !Number.isFinite(options.asOf)) {
    throw new InputError(`asOf=${options.asOf} is not a date`, 'asOf');
  }
  const { codes, levels } = customers;
  let skippedRows = 0;
  let lastDate = -Infinity;
  for (let i = 0; i < codes.length; i++) {
    if (amounts[i] === Infinity || amounts[i] === -Infinity) {
      throw new InputError(
        `amountColumn: row ${i + 1} holds an amount of ${amounts[i]}; a finite amount was expected`,
        'amountColumn',
      );
    }
    if (codes[i] < 0 || Number.isNaN(dates[i])) skippedRows++;
    else if (dates[i] > lastDate) lastDate = dates[i];
  }
  if (lastDate === -Infinity) {
    throw new InputError(
      'dateColumn: no row has both a customer and a date; there are no transactions to score',
      'dateColumn',
    );
  }
  const asOf = options.asOf ?? startOfDay(lastDate) + DAY_MS;
  const windowStart = subtractMonths(asOf, windowMonths);

  const order: number[] = [];
  const seen = new Uint8Array(levels.length);
  const last = new Float64Array(levels.length).fill(-Infinity);
  const frequency = new Float64Array(levels.length);
  const monetary = Array.from({ length: levels.length }, () => new Adder());
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0 || Number.isNaN(dates[i])) continue;
    if (!seen[c]) {
      seen[c] = 1;
      order.push(c);
    }
    if (dates[i] < windowStart || dates[i] >= asOf) continue;
    if (dates[i] > last[c]) last[c] = dates[i];
    frequency[c]++;
    if (!Number.isNaN(amounts[i])) monetary[c].add(amounts[i]);
  }

  const kept = order.filter((c) => frequency[c] > 0);
  return {
    keys: kept.map((c) => levels[c]),
    recency: Float64Array.from(kept, (c) => Math.floor((asOf - startOfDay(last[c])) / DAY_MS)),
    frequency: Float64Array.from(kept, (c) => frequency[c]),
    monetary: Float64Array.from(kept, (c) => +monetary[c]),
    asOf,
    windowStart,
    excludedCustomers: order.length - kept.length,
    skippedRows,
  };
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** ms minus `months` calendar months, the day clamped to the target month's length, as pd.DateOffset(months=…). */
export function subtractMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() - months;
  const daysInTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const timeOfDay = ms - startOfDay(ms);
  return Date.UTC(year, month, Math.min(date.getUTCDate(), daysInTarget)) + timeOfDay;
}
