import { cellA1, columnLetters, quoteSheetName, rangeA1 } from '../../../shared/layout/a1';

describe('columnLetters', () => {
  it('columnLetters(i) counts A..Z, then AA.., up to XFD (Excel’s last column)', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });
  it('columnLetters(-1) throws naming the column', () => {
    expect(() => columnLetters(-1)).toThrow('columnLetters: column=-1');
  });
});

describe('cellA1 and rangeA1', () => {
  it('cellA1(row, column) is 1-based, with $ when absolute', () => {
    expect(cellA1(0, 0)).toBe('A1');
    expect(cellA1(2, 1, true)).toBe('$B$3');
  });
  it('rangeA1 quotes the sheet name and doubles inner quotes', () => {
    expect(rangeA1('Results', 3, 1, 7, 1)).toBe("'Results'!$B$4:$B$8");
    expect(quoteSheetName("Bob's data")).toBe("'Bob''s data'");
  });
});
