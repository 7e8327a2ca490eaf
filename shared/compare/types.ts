export interface PeriodComparisonOptions {
  /** The column that says which period a row belongs to (year, quarter, campaign wave …). */
  periodColumn: string;
  /** The period compared against, as it reads in periodColumn ("2024"; dates as ISO "2024-01-01"). */
  base: string;
  /** The period under review. */
  compare: string;
  /** Columns to break the totals down by, each on its own. */
  dimensions: readonly string[];
  /** The amount summed (sales, revenue). */
  valueColumn: string;
  /** Customer id column: customers are counted as distinct ids. Without it, rows count as transactions. */
  customersColumn?: string | null;
}

/** Totals of one slice (a dimension value, or everything) in both periods. */
export interface PeriodMeasures {
  baseTotal: number;
  compareTotal: number;
  /** compareTotal − baseTotal. */
  change: number;
  /** change / baseTotal; null when baseTotal is 0. */
  growth: number | null;
  /** Distinct customers (or rows, see PeriodComparisonReport.counts) in each period. */
  baseCustomers: number;
  compareCustomers: number;
  /** Total / customers in each period; null without customers. */
  baseAverageTicket: number | null;
  compareAverageTicket: number | null;
}

export interface PeriodComparisonRow extends PeriodMeasures {
  dimension: string;
  /** The dimension value; null for rows where the dimension is blank (kept so shares add up to 1). */
  value: string | null;
  /** Share of the period's total; null when that total is 0. */
  baseShare: number | null;
  compareShare: number | null;
  /** compareShare − baseShare, a fraction (0.02 = two percentage points). */
  shareChange: number | null;
  /** Set when the value has rows in one period only. */
  onlyIn: 'BASE' | 'COMPARE' | null;
}

export interface PeriodComparisonReport {
  base: string;
  compare: string;
  /** What baseCustomers / compareCustomers count: distinct customer ids, or rows when no customersColumn is given. */
  counts: 'CUSTOMERS' | 'TRANSACTIONS';
  totals: PeriodMeasures;
  /** Dimension by dimension in the order given, values in order of first appearance. */
  rows: PeriodComparisonRow[];
  warnings: string[];
}
