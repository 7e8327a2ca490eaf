/**
 * A1 references for placed layouts: both workbook writers and the chart XML name cells the way Excel does.
 * Rows and columns are 0-based here; A1 text is 1-based with letters for columns (0 → A, 25 → Z, 26 → AA).
 */

/**
 * The letters of a 0-based column index (bijective base 26).
 * @example columnLetters(0) === 'A'; columnLetters(27) === 'AB'; columnLetters(16383) === 'XFD'
 * @throws Error when the index is negative or not an integer.
 */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 0) throw new Error(`columnLetters: column=${column} is not an index ≥ 0`);
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** `B3` for row 2, column 1; `$B$3` when absolute (as chart formulas are written). */
export function cellA1(row: number, column: number, absolute = false): string {
  const dollar = absolute ? '$' : '';
  return `${dollar}${columnLetters(column)}${dollar}${row + 1}`;
}

/** A sheet name as a formula quotes it: always in single quotes, inner quotes doubled ('Bob''s data'). */
export function quoteSheetName(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * An absolute range on a sheet, as chart series formulas reference cells.
 * @example rangeA1('Results', 3, 1, 7, 1) === "'Results'!$B$4:$B$8"
 */
export function rangeA1(
  sheet: string,
  firstRow: number,
  firstColumn: number,
  lastRow: number,
  lastColumn: number,
): string {
  return `${quoteSheetName(sheet)}!${cellA1(firstRow, firstColumn, true)}:${cellA1(lastRow, lastColumn, true)}`;
}
