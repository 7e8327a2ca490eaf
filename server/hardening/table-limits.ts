import type { Limits } from '../config';
import { LimitExceededError } from './limit-exceeded';

/**
 * Refuses a table over the row, column or cell limit before it is typed, analysed or stored. `argument` names where
 * the rows came from (input.table, input.csv, costs.table) so the message says which part of the request is too big.
 */
export function checkTableSize(limits: Limits, rows: number, columns: number, argument: string): void {
  const fmt = (n: number) => n.toLocaleString('en-US');
  if (rows > limits.maxRows) {
    throw new LimitExceededError(
      `${argument}: ${fmt(rows)} rows is over the limit of ${fmt(limits.maxRows)} (QUADRANT_MAX_ROWS)`,
      'QUADRANT_MAX_ROWS',
      limits.maxRows,
      rows,
    );
  }
  if (columns > limits.maxColumns) {
    throw new LimitExceededError(
      `${argument}: ${fmt(columns)} columns is over the limit of ${fmt(limits.maxColumns)} (QUADRANT_MAX_COLUMNS)`,
      'QUADRANT_MAX_COLUMNS',
      limits.maxColumns,
      columns,
    );
  }
  if (rows * columns > limits.maxCells) {
    throw new LimitExceededError(
      `${argument}: ${fmt(rows)} rows × ${fmt(columns)} columns = ${fmt(rows * columns)} cells is over the limit of ` +
        `${fmt(limits.maxCells)} (QUADRANT_MAX_CELLS)`,
      'QUADRANT_MAX_CELLS',
      limits.maxCells,
      rows * columns,
    );
  }
}

/** The widest row of an inline table (ragged rows count by their own length), for the column and cell limits. */
export function widestRow(header: readonly unknown[], rows: readonly (readonly unknown[] | null)[]): number {
  let widest = header.length;
  for (const row of rows) if (row && row.length > widest) widest = row.length;
  return widest;
}
