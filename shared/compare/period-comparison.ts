import { InputError, LimitError } from '../errors';
import { Adder } from '../math/sum';
import { encodeColumn, expectType, getColumn, numericValues } from '../table/access';
import type { Table } from '../table/types';
import type { PeriodComparisonOptions, PeriodComparisonReport, PeriodComparisonRow, PeriodMeasures } from './types';

/** A dimension with more distinct values than this is refused (a customer id is not a dimension). */
export const MAX_DIMENSION_VALUES = 10_000;

const BASE = 0;
const COMPARE = 1;

/**
 * Compares two periods (year over year, quarter over quarter) overall and by each dimension, as pandas
 * `df[df[period].isin([base, compare])].groupby([dimension, period], dropna=False)` with `value.sum()`,
 * `customer.nunique()` (or `size()` without a customer column), unstacked into base and compare columns:
 * totals, change, growth = change / base, customers, average ticket = total / customers, share of the period's
 * total and its change in percentage points (as a fraction). Sums are compensated (exact to the last bits at 1M rows).
 *
 * A value seen in one period only is kept, with zeros for the other period and `onlyIn` set; blank dimension values
 * form their own row (value null) so shares add up to 1. Rows with a blank value are left out, rows with a blank
 * customer id count in the totals but not among customers; both are counted in `warnings`.
 *
 * @throws InputError for an unknown column, a period not found in periodColumn (listing those found), equal base
 * and compare periods, or a non-numeric value column.
 * @throws LimitError for a dimension with more than MAX_DIMENSION_VALUES values.
 * @example
 * periodComparison(table, { periodColumn: 'year', base: '2023', compare: '2024', dimensions: ['region'],
 *   valueColumn: 'sales', customersColumn: 'customer' }).totals.growth; // 0.125
 */
export function periodComparison(table: Table, options: PeriodComparisonOptions): PeriodComparisonReport {
  const periodColumn = getColumn(table, options.periodColumn, 'periodColumn');
  const periods = encodeColumn(periodColumn);
  const found = usedLevels(periods.codes, periods.levels);
  const periodIndex = (argument: 'base' | 'compare') => {
    const code = periods.levels.indexOf(options[argument]);
    if (code < 0 || !found.includes(options[argument])) {
      throw new InputError(
        `${argument}: period "${options[argument]}" is not in column "${periodColumn.name}"; the periods are ` +
          found.map((p) => `"${p}"`).join(', '),
        argument,
      );
    }
    return code;
  };
  const baseCode = periodIndex('base');
  const compareCode = periodIndex('compare');
  if (baseCode === compareCode) {
    throw new InputError(
      `compare: "${options.compare}" is also the base period; choose two different periods`,
      'compare',
    );
  }

  const valueColumn = getColumn(table, options.valueColumn, 'valueColumn');
  expectType(valueColumn, ['NUMBER', 'CATEGORY'], 'valueColumn');
  const values = numericValues(valueColumn, 'valueColumn');
  const customers = options.customersColumn
    ? encodeColumn(getColumn(table, options.customersColumn, 'customersColumn')).codes
    : null;

  // The rows that take part, with their period (BASE or COMPARE).
  const rows: number[] = [];
  const rowPeriods: number[] = [];
  let blankValues = 0;
  let blankCustomers = 0;
  for (let row = 0; row < periods.codes.length; row++) {
    const code = periods.codes[row];
    if (code !== baseCode && code !== compareCode) continue;
    if (Number.isNaN(values[row])) {
      blankValues++;
      continue;
    }
    if (customers && customers[row] < 0) blankCustomers++;
    rows.push(row);
    rowPeriods.push(code === baseCode ? BASE : COMPARE);
  }
  const warnings: string[] = [];
  if (blankValues > 0) {
    warnings.push(`valueColumn: ${blankValues} row(s) of the two periods have no value and were left out`);
  }
  if (blankCustomers > 0) {
    warnings.push(
      `customersColumn: ${blankCustomers} row(s) have no customer id; they count in the totals but not among customers`,
    );
  }

  const slice = (slots: number, slotOf: (row: number) => number) =>
    tally(rows, rowPeriods, values, customers, slots, slotOf);
  const overall = slice(1, () => 0);
  const totals = measures(overall, 0);

  const report: PeriodComparisonRow[] = [];
  for (const dimension of options.dimensions) {
    const column = getColumn(table, dimension, 'dimensions');
    const encoded = encodeColumn(column);
    // Renumber by first appearance among the compared rows; blanks go last, in their own slot.
    const renumber = new Int32Array(encoded.levels.length).fill(-1);
    const labels: (string | null)[] = [];
    for (const row of rows) {
      const code = encoded.codes[row];
      if (code >= 0 && renumber[code] < 0) {
        renumber[code] = labels.length;
        labels.push(encoded.levels[code]);
      }
    }
    if (labels.length > MAX_DIMENSION_VALUES) {
      throw new LimitError(
        `dimensions: column "${dimension}" has ${labels.length} ` +
          `values; at most ${MAX_DIMENSION_VALUES} can be compared`,
        'dimensions',
      );
    }
    const blankSlot = labels.length;
    labels.push(null);
    const sliced = slice(labels.length, (row) => {
      const code = encoded.codes[row];
      return code < 0 ? blankSlot : renumber[code];
    });
    labels.forEach((value, slot) => {
      const baseRows = sliced.rows[2 * slot + BASE];
      const compareRows = sliced.rows[2 * slot + COMPARE];
      if (baseRows === 0 && compareRows === 0) return;
      const m = measures(sliced, slot);
      const baseShare = totals.baseTotal !== 0 ? m.baseTotal / totals.baseTotal : null;
      const compareShare = totals.compareTotal !== 0 ? m.compareTotal / totals.compareTotal : null;
      report.push({
        dimension,
        value,
        ...m,
        baseShare,
        compareShare,
        shareChange: baseShare !== null && compareShare !== null ? compareShare - baseShare : null,
        onlyIn: compareRows === 0 ? 'BASE' : baseRows === 0 ? 'COMPARE' : null,
      });
    });
  }

  return {
    base: options.base,
    compare: options.compare,
    counts: customers ? 'CUSTOMERS' : 'TRANSACTIONS',
    totals,
    rows: report,
    warnings,
  };
}

interface Tally {
  /** Index 2·slot + period. */
  totals: Adder[];
  rows: Float64Array;
  customers: Float64Array;
}

/** Sums, row counts and distinct customers per (slot, period); customers are counted by sorting composite keys. */
function tally(
  rows: readonly number[],
  rowPeriods: readonly number[],
  values: Float64Array,
  customers: Int32Array | null,
  slots: number,
  slotOf: (row: number) => number,
): Tally {
  const size = 2 * slots;
  const totals = Array.from({ length: size }, () => new Adder());
  const counts = new Float64Array(size);
  const keys: number[] = [];
  let customerCount = 0;
  if (customers) for (const row of rows) customerCount = Math.max(customerCount, customers[row] + 1);
  rows.forEach((row, i) => {
    const index = 2 * slotOf(row) + rowPeriods[i];
    totals[index].add(values[row]);
    counts[index]++;
    if (customers && customers[row] >= 0) keys.push(index * customerCount + customers[row]);
  });
  if (!customers) return { totals, rows: counts, customers: counts };
  const sorted = Float64Array.from(keys).sort();
  const distinct = new Float64Array(size);
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct[Math.floor(sorted[i] / customerCount)]++;
  }
  return { totals, rows: counts, customers: distinct };
}

function measures(t: Tally, slot: number): PeriodMeasures {
  const baseTotal = t.totals[2 * slot + BASE].valueOf();
  const compareTotal = t.totals[2 * slot + COMPARE].valueOf();
  const baseCustomers = t.customers[2 * slot + BASE];
  const compareCustomers = t.customers[2 * slot + COMPARE];
  const change = compareTotal - baseTotal;
  return {
    baseTotal,
    compareTotal,
    change,
    growth: baseTotal !== 0 ? change / baseTotal : null,
    baseCustomers,
    compareCustomers,
    baseAverageTicket: baseCustomers > 0 ? baseTotal / baseCustomers : null,
    compareAverageTicket: compareCustomers > 0 ? compareTotal / compareCustomers : null,
  };
}

/** The levels that occur in the rows, in code order. */
function usedLevels(codes: Int32Array, levels: readonly string[]): string[] {
  const used = new Uint8Array(levels.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) used[codes[i]] = 1;
  return levels.filter((_, i) => used[i] === 1);
}
