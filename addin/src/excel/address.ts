/**
 * A1-style range addresses as Excel reports them (`Sheet1!B2:F20`, `'Q1 data'!A1`), turned into the zero-based
 * row/column indexes that `Worksheet.getRangeByIndexes` takes, and back to column letters.
 */

/** A rectangular block of one worksheet: zero-based first row and column, and its size. */
export interface RangeAddress {
  sheet: string;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

const CELLS = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/;

/**
 * Column letters → zero-based index, bijective base 26 as Excel counts columns.
 * @example columnIndex('A') // 0; columnIndex('AA') // 26; columnIndex('XFD') // 16383
 */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Zero-based column index → letters.
 * @example columnName(0) // 'A'; columnName(27) // 'AB'
 */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Parses a sheet-qualified address of one cell or one block, unquoting the sheet name (`'It''s'` → `It's`).
 * @throws Error when the address has no sheet or is not a single rectangular block (whole columns, several areas).
 * @example parseAddress("'Q1 data'!B2:D5") // { sheet: 'Q1 data', row: 1, column: 1, rowCount: 4, columnCount: 3 }
 */
export function parseAddress(address: string): RangeAddress {
  const bang = address.lastIndexOf('!');
  const cells = CELLS.exec(address.slice(bang + 1));
  if (bang <= 0 || !cells)
    throw new Error(`parseAddress: "${address}" is not a sheet-qualified block like Sheet1!A1:C9`);
  const quoted = address.startsWith("'") && address[bang - 1] === "'";
  const sheet = quoted ? address.slice(1, bang - 1).replace(/''/g, "'") : address.slice(0, bang);
  const [firstColumn, firstRow] = [columnIndex(cells[1]), +cells[2] - 1];
  const [lastColumn, lastRow] = cells[3] ? [columnIndex(cells[3]), +cells[4] - 1] : [firstColumn, firstRow];
  const row = Math.min(firstRow, lastRow);
  const column = Math.min(firstColumn, lastColumn);
  return {
    sheet,
    row,
    column,
    rowCount: Math.max(firstRow, lastRow) - row + 1,
    columnCount: Math.max(firstColumn, lastColumn) - column + 1,
  };
}
