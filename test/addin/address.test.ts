import { columnIndex, columnName, parseAddress } from '../../addin/src/excel/address';

describe('columnIndex(letters) and columnName(index)', () => {
  test('columnIndex counts letters in bijective base 26', () => {
    // AA = 1·26 + 1 = 27th column → index 26; XFD = 24·676 + 6·26 + 4 = 16384th, Excel's last.
    expect(['A', 'Z', 'AA', 'az', 'XFD'].map(columnIndex)).toEqual([0, 25, 26, 51, 16383]);
  });

  test('columnName(columnIndex(x)) round-trips every column of a sheet', () => {
    for (let i = 0; i < 16384; i++) expect(columnIndex(columnName(i))).toBe(i);
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});

describe('parseAddress(address)', () => {
  test('parseAddress reads a block as zero-based row, column and size', () => {
    expect(parseAddress('Sheet1!B2:F20')).toEqual({ sheet: 'Sheet1', row: 1, column: 1, rowCount: 19, columnCount: 5 });
  });

  test('parseAddress reads one cell, absolute references and reversed corners', () => {
    expect(parseAddress('Data!$C$3')).toEqual({ sheet: 'Data', row: 2, column: 2, rowCount: 1, columnCount: 1 });
    expect(parseAddress('Data!D5:B2')).toEqual({ sheet: 'Data', row: 1, column: 1, rowCount: 4, columnCount: 3 });
  });

  test("parseAddress unquotes sheet names with spaces, quotes and '!'", () => {
    expect(parseAddress("'Q1 data'!A1:C9").sheet).toBe('Q1 data');
    expect(parseAddress("'It''s done!'!A1").sheet).toBe("It's done!");
  });

  test('parseAddress rejects whole columns, several areas and unqualified addresses', () => {
    for (const address of ['Sheet1!A:F', 'Sheet1!A1:B2,D1:D2', 'A1:B2', '!A1']) {
      expect(() => parseAddress(address)).toThrow(`parseAddress: "${address}" is not a sheet-qualified block`);
    }
  });
});
