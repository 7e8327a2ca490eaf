import type { PeriodComparisonReport, PeriodComparisonRow, PeriodMeasures } from './types';

/** One slice's figures in each period: the summed value, the rows, and the distinct customers (or rows). */
export interface PeriodSlice {
  readonly baseTotal: number;
  readonly compareTotal: number;
  readonly baseRows: number;
  readonly compareRows: number;
  readonly baseCustomers: number;
  readonly compareCustomers: number;
}

export interface PeriodAggregates {
  readonly base: string;
  readonly compare: string;
  readonly counts: 'CUSTOMERS' | 'TRANSACTIONS';
  readonly overall: PeriodSlice;
  /** Per dimension, its values in report order (null = blank, last) with their slices. */
  readonly dimensions: readonly {
    dimension: string;
    values: readonly { value: string | null; slice: PeriodSlice }[];
  }[];
  readonly warnings: readonly string[];
}

/**
 * A period comparison from per-slice totals, rows and customers (computed elsewhere, e.g. SQL in a warehouse):
 * the same measures, shares and onlyIn flags as `periodComparison` prints for the rows those figures come from.
 *
 * @example
 * const s = { baseTotal: 100, compareTotal: 150, baseRows: 2, compareRows: 3, baseCustomers: 2, compareCustomers: 3 };
 * periodComparisonFromAggregates({ base: '2024', compare: '2025', counts: 'CUSTOMERS', overall: s,
 *   dimensions: [], warnings: [] }).totals.growth; // 0.5
 */
export function periodComparisonFromAggregates(a: PeriodAggregates): PeriodComparisonReport {
  const totals = periodMeasures(a.overall);
  const rows: PeriodComparisonRow[] = [];
  for (const { dimension, values } of a.dimensions) {
    for (const { value, slice } of values) {
      if (slice.baseRows === 0 && slice.compareRows === 0) continue;
      const m = periodMeasures(slice);
      const baseShare = totals.baseTotal !== 0 ? m.baseTotal / totals.baseTotal : null;
      const compareShare = totals.compareTotal !== 0 ? m.compareTotal / totals.compareTotal : null;
      rows.push({
        dimension,
        value,
        ...m,
        baseShare,
        compareShare,
        shareChange: baseShare !== null && compareShare !== null ? compareShare - baseShare : null,
        onlyIn: slice.compareRows === 0 ? 'BASE' : slice.baseRows === 0 ? 'COMPARE' : null,
      });
    }
  }
  return { base: a.base, compare: a.compare, counts: a.counts, totals, rows, warnings: [...a.warnings] };
}

/** Totals, change, growth, customers and average ticket of one slice, as periodComparison's measures. */
export function periodMeasures(s: PeriodSlice): PeriodMeasures {
  const change = s.compareTotal - s.baseTotal;
  return {
    baseTotal: s.baseTotal,
    compareTotal: s.compareTotal,
    change,
    growth: s.baseTotal !== 0 ? change / s.baseTotal : null,
    baseCustomers: s.baseCustomers,
    compareCustomers: s.compareCustomers,
    baseAverageTicket: s.baseCustomers > 0 ? s.baseTotal / s.baseCustomers : null,
    compareAverageTicket: s.compareCustomers > 0 ? s.compareTotal / s.compareCustomers : null,
  };
}
