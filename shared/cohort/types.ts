/** The options and result of `cohorts`; names follow the GraphQL `CohortInput` and `CohortReport`. */

/** MONTH: calendar months (UTC); WEEK: ISO weeks, Monday to Sunday (UTC). */
export type CohortPeriod = 'MONTH' | 'WEEK';

export interface CohortOptions {
  customerColumn: string;
  /** A DATE column: the transaction's instant (epoch ms, UTC). */
  dateColumn: string;
  /** Optional amounts: revenue per cohort and period (sum as given, returns included). */
  amountColumn?: string;
  period?: CohortPeriod;
  /** Longest list per cohort (periods since its start, the start included); default: up to the data's last period. */
  periods?: number;
}

export interface Cohort {
  /** The cohort's first period: "2025-01" (MONTH) or the ISO date of its Monday, "2025-01-06" (WEEK). */
  start: string;
  /** Customers whose first transaction falls in `start`. */
  customers: number;
  /** active[i]: the cohort's customers with a transaction in period start + i (active[0] = customers). */
  active: number[];
  /** active[i] / customers; retention[0] = 1. */
  retention: number[];
  /** revenue[i]: the cohort's amounts in period start + i; null without an amount column. */
  revenue: number[] | null;
}

export interface CohortReport {
  period: CohortPeriod;
  cohorts: Cohort[];
  /** Customers over all cohorts. */
  customers: number;
  /** Rows used: with a customer and a date. */
  rows: number;
  /** Rows left out for a missing customer or date. */
  skippedRows: number;
  warnings: string[];
}
