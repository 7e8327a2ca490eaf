import { chiSquareSf } from './distributions';
import type { TestResult } from './types';

export interface IndependenceResult extends TestResult {
  /** Smallest expected count over the cells tested; below 5 the chi-square approximation is rough. */
  minExpected: number;
  /** True when fewer than two rows or columns have a non-zero total: nothing varies, so nothing is tested. */
  degenerate: boolean;
}

/**
 * Pearson's chi-square test of independence on an r × c table of counts, as
 * scipy.stats.chi2_contingency(observed, correction=False): expected = row total × column total / grand total,
 * statistic = Σ (observed − expected)² / expected, dof = (r − 1)(c − 1), p = P(χ²(dof) > statistic).
 *
 * Rows and columns whose total is 0 are left out first (SciPy raises on them): they carry no information, and the
 * test then matches SciPy on the remaining table. When fewer than two rows or columns remain (no variant converts
 * anyone, or every user converts) the observed table equals its expected table: statistic 0, p = 1, dof 0, with
 * `degenerate` set so the caller can say so.
 *
 * @example
 * chiSquareIndependence([[10, 20], [20, 10]]); // { statistic: 6.6667, pValue: 0.00982…, dof: 1, … }
 */
export function chiSquareIndependence(observed: readonly ArrayLike<number>[]): IndependenceResult {
  const rows = observed.filter((row) => sum(row) > 0);
  const columnCount = rows.length === 0 ? 0 : rows[0].length;
  const columnTotals = new Float64Array(columnCount);
  for (const row of rows) for (let j = 0; j < columnCount; j++) columnTotals[j] += row[j];
  const columns: number[] = [];
  for (let j = 0; j < columnCount; j++) if (columnTotals[j] > 0) columns.push(j);
  if (rows.length < 2 || columns.length < 2)
    return { statistic: 0, pValue: 1, dof: 0, minExpected: 0, degenerate: true };

  const total = sum(columnTotals);
  let statistic = 0;
  let minExpected = Infinity;
  for (const row of rows) {
    const rowTotal = sum(row);
    for (const j of columns) {
      const expected = (rowTotal * columnTotals[j]) / total;
      const deviation = row[j] - expected;
      statistic += (deviation * deviation) / expected;
      minExpected = Math.min(minExpected, expected);
    }
  }
  const dof = (rows.length - 1) * (columns.length - 1);
  return { statistic, pValue: chiSquareSf(statistic, dof), dof, minExpected, degenerate: false };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
