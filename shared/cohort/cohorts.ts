import { InputError } from '../errors';
import { encodeColumn, expectType, getColumn, numericValues } from '../table/access';
import type { Table } from '../table/types';
import { periodIndex, periodLabel } from './cohort-period';
import type { Cohort, CohortOptions, CohortPeriod, CohortReport } from './types';

/**
 * Acquisition cohorts from transaction rows: each customer belongs to the period (MONTH or ISO WEEK, UTC) of their
 * first transaction; for every cohort and every period since its start, the customers with a transaction then
 * (`active`), their share of the cohort (`retention`) and the sum of their amounts (`revenue`, returns included).
 * As pandas: `first = df.groupby(customer)[date].transform('min')`, periods via `dt.to_period('M' | 'W-SUN')`, then
 * `groupby([cohort, period − cohort])` with `nunique(customer)` and `sum(amount)`.
 *
 * Each cohort's lists run from its start to the data's last period (the period of the latest date), cut to
 * `periods` entries; cohorts are ordered by start, and a period in which nobody started has no cohort. Rows without
 * a customer or a date are left out and counted in a warning; rows without an amount still count as activity.
 * Sums are compensated (Neumaier), so a year of cents adds up exactly. O(rows + cohorts × periods).
 *
 * @throws InputError for an unknown column, a date column that is not DATE, a non-numeric amount column, an unknown
 *   period, periods < 1, or no row with both a customer and a date.
 * @example
 * cohorts(transactions, { customerColumn: 'customer_id', dateColumn: 'date', amountColumn: 'amount' });
 * // { period: 'MONTH', cohorts: [{ start: '2024-05', customers: 52, active: [52, 18, …], retention: [1, 0.35, …], … }] }
 */
export function cohorts(table: Table, options: CohortOptions): CohortReport {
  const period: CohortPeriod = options.period ?? 'MONTH';
  if (period !== 'MONTH' && period !== 'WEEK') {
    throw new InputError(`period=${String(period)} must be MONTH or WEEK`, 'period');
  }
  if (options.periods !== undefined && !(Number.isInteger(options.periods) && options.periods >= 1)) {
    throw new InputError(`periods=${options.periods} must be a whole number of periods, at least 1`, 'periods');
  }
  const customerColumn = getColumn(table, options.customerColumn, 'customerColumn');
  const dateColumn = getColumn(table, options.dateColumn, 'dateColumn');
  expectType(dateColumn, ['DATE'], 'dateColumn');
  const dates = (dateColumn as { values: Float64Array }).values;
  const amounts =
    options.amountColumn === undefined
      ? null
      : numericValues(getColumn(table, options.amountColumn, 'amountColumn'), 'amountColumn');
  const { codes: customerCodes, levels } = encodeColumn(customerColumn);

  // Each row's period, and each customer's first period; rows without a customer or a date are skipped.
  const rowPeriod = new Float64Array(table.rowCount).fill(NaN);
  const firstPeriod = new Float64Array(levels.length).fill(Infinity);
  let missingCustomer = 0;
  let missingDate = 0;
  let missingAmount = 0;
  let lastPeriod = -Infinity;
  for (let row = 0; row < table.rowCount; row++) {
    const customer = customerCodes[row];
    const at = dates[row];
    if (customer < 0 || (levels[customer] ?? '') === '') missingCustomer++;
    else if (Number.isNaN(at)) missingDate++;
    else {
      const p = periodIndex(at, period);
      rowPeriod[row] = p;
      if (p < firstPeriod[customer]) firstPeriod[customer] = p;
      if (p > lastPeriod) lastPeriod = p;
      if (amounts && Number.isNaN(amounts[row])) missingAmount++;
    }
  }
  const used = table.rowCount - missingCustomer - missingDate;
  if (used === 0) {
    throw new InputError(
      `customerColumn / dateColumn: none of the ${table.rowCount} rows has both a customer ("${options.customerColumn}") and a date ("${options.dateColumn}")`,
      'dateColumn',
    );
  }

  // Cohorts in order of start; each customer's cohort slot.
  const starts = [...new Set(Array.from(firstPeriod).filter(Number.isFinite))].sort((a, b) => a - b);
  const slotOf = new Map(starts.map((start, slot) => [start, slot]));
  const lengths = starts.map((start) => Math.min(lastPeriod - start + 1, options.periods ?? Infinity));
  const sizes = new Array<number>(starts.length).fill(0);
  for (let c = 0; c < levels.length; c++) if (Number.isFinite(firstPeriod[c])) sizes[slotOf.get(firstPeriod[c])!]++;

  // Revenue row by row, in row order (as pandas sums a group).
  const revenue = lengths.map((length) => new Float64Array(length));
  const compensation = lengths.map((length) => new Float64Array(length));
  let firstOfAll = Infinity;
  for (let row = 0; row < table.rowCount; row++) {
    if (Number.isNaN(rowPeriod[row])) continue;
    firstOfAll = Math.min(firstOfAll, rowPeriod[row]);
    if (!amounts || Number.isNaN(amounts[row])) continue;
    const customer = customerCodes[row];
    const slot = slotOf.get(firstPeriod[customer])!;
    const since = rowPeriod[row] - firstPeriod[customer];
    if (since < lengths[slot]) neumaierAdd(revenue[slot], compensation[slot], since, amounts[row]);
  }
  // Active customers: each distinct (customer, period) once, found as runs of equal keys customer × span + period
  // in a numeric sort (a typed-array sort, far faster than ordering rows with a comparator).
  const span = lastPeriod - firstOfAll + 1;
  const keys = new Float64Array(used);
  for (let row = 0, i = 0; row < table.rowCount; row++) {
    if (!Number.isNaN(rowPeriod[row])) keys[i++] = customerCodes[row] * span + (rowPeriod[row] - firstOfAll);
  }
  keys.sort();
  const active = lengths.map((length) => new Array<number>(length).fill(0));
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && keys[i] === keys[i - 1]) continue;
    const customer = Math.floor(keys[i] / span);
    const slot = slotOf.get(firstPeriod[customer])!;
    const since = firstOfAll + (keys[i] - customer * span) - firstPeriod[customer];
    if (since < lengths[slot]) active[slot][since]++;
  }

  const result: Cohort[] = starts.map((start, slot) => ({
    start: periodLabel(start, period),
    customers: sizes[slot],
    active: active[slot],
    retention: active[slot].map((a) => a / sizes[slot]),
    revenue: amounts ? Array.from(revenue[slot], (sum, i) => sum + compensation[slot][i]) : null,
  }));

  const warnings: string[] = [];
  if (missingCustomer + missingDate > 0) {
    const parts = [
      missingCustomer > 0 ? `${missingCustomer} without a customer ("${options.customerColumn}")` : '',
      missingDate > 0 ? `${missingDate} without a date ("${options.dateColumn}")` : '',
    ].filter(Boolean);
    warnings.push(`${missingCustomer + missingDate} of ${table.rowCount} rows left out: ${parts.join(', ')}`);
  }
  if (missingAmount > 0) {
    warnings.push(
      `${missingAmount} row${missingAmount === 1 ? '' : 's'} without an amount ("${options.amountColumn}") count as activity but add nothing to revenue`,
    );
  }
  return {
    period,
    cohorts: result,
    customers: sizes.reduce((s, x) => s + x, 0),
    rows: used,
    skippedRows: missingCustomer + missingDate,
    warnings,
  };
}

/** sums[i] + compensation[i] += value, Neumaier's compensated summation. */
function neumaierAdd(sums: Float64Array, compensation: Float64Array, i: number, value: number): void {
  const sum = sums[i];
  const t = sum + value;
  compensation[i] += Math.abs(sum) >= Math.abs(value) ? sum - t + value : value - t + sum;
  sums[i] = t;
}
