import { cellValue, excelSerialToIso, isDateCell, isDateFormat, toHeader } from '../../addin/src/excel/mappers';
import { SelectionError } from '../../addin/src/excel/selection-error';

describe('excelSerialToIso(serial)', () => {
  // Serial 25569 is 1970-01-01 (the Unix epoch); 2024-01-01 is 54·365 + 13 leap days = 19723 days later → 45292.
  test.each([
    [25569, '1970-01-01'],
    [45292, '2024-01-01'],
    [45292.75, '2024-01-01T18:00:00'], // 0.75 day = 18 h
    [43831.5, '2020-01-01T12:00:00'],
    [45292 + 1 / 86400, '2024-01-01T00:00:01'], // one second, rounded to the millisecond
    [44197.999999, '2021-01-01T23:59:59.914'], // 0.999999 · 86 400 000 ms = 86 399 913.6 → 913.6 ms rounds to 914
  ])('excelSerialToIso(%p) gives %p', (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  test('excelSerialToIso(serial) follows Excel below serial 61, where 60 is the phantom 1900-02-29', () => {
    // Excel shows 1 as 1900-01-01 and 61 as 1900-03-01; openpyxl maps 60 (no such day) to 1900-02-28.
    expect([1, 59, 60, 61].map(excelSerialToIso)).toEqual(['1900-01-01', '1900-02-28', '1900-02-28', '1900-03-01']);
  });
});

describe('isDateFormat(format)', () => {
  test.each([
    'yyyy-mm-dd',
    'm/d/yyyy',
    'DD.MM.YYYY',
    'dd/mm/yyyy hh:mm',
    '[$-409]mmmm d, yyyy',
    'mmm-yy',
    'd-mmm',
    'mmmm',
  ])('isDateFormat(%p) is true', (format) => expect(isDateFormat(format)).toBe(true));

  test.each([
    'General',
    '0.00',
    '#,##0',
    '0.00%',
    '0.00E+00',
    '@',
    '[Red]0.00',
    'h:mm',
    'hh:mm:ss',
    'mm:ss',
    'h:mm AM/PM',
    '[h]:mm:ss',
    '#,##0 "days"',
    '0\\d',
    '_($* #,##0.00_);_($* (#,##0.00);_($* "-"??_);_(@_)',
  ])('isDateFormat(%p) is false', (format) => expect(isDateFormat(format)).toBe(false));

  test('isDateFormat(format) is false for a missing format', () => {
    expect(isDateFormat(null)).toBe(false);
  });
});

describe('isDateCell(category, numberFormat)', () => {
  test('isDateCell trusts the "Date" category and reads the format only when the category is Custom or unknown', () => {
    expect(isDateCell('Date', undefined)).toBe(true);
    expect(isDateCell('Custom', 'dd.mm.yy')).toBe(true);
    expect(isDateCell('Custom', '0.0 "kg"')).toBe(false);
    expect(isDateCell('Time', 'h:mm')).toBe(false);
    expect(isDateCell('Number', 'yyyy')).toBe(false);
    expect(isDateCell(undefined, 'yyyy-mm-dd')).toBe(true);
    expect(isDateCell(undefined, 'General')).toBe(false);
  });
});

describe('cellValue(value, valueType, isDate)', () => {
  test('cellValue maps real error cells and empty cells to null, but keeps the text "#N/A"', () => {
    expect(cellValue('#N/A', 'Error', false)).toBeNull();
    expect(cellValue('#DIV/0!', 'Error', false)).toBeNull();
    expect(cellValue('', 'Empty', false)).toBeNull();
    expect(cellValue('#N/A', 'String', false)).toBe('#N/A');
  });

  test('cellValue turns date serials into ISO text and leaves other numbers alone', () => {
    expect(cellValue(45292, 'Double', true)).toBe('2024-01-01');
    expect(cellValue(45292.75, 'Double', true)).toBe('2024-01-01T18:00:00');
    expect(cellValue(45292, 'Double', false)).toBe(45292);
    expect(cellValue(-3, 'Double', true)).toBe(-3);
  });

  test('cellValue passes text and booleans through', () => {
    expect(cellValue('North', 'String', false)).toBe('North');
    expect(cellValue(true, 'Boolean', false)).toBe(true);
  });
});

describe('toHeader(row, origin)', () => {
  test('toHeader turns numeric header cells into text', () => {
    expect(toHeader(['region', 2024, true])).toEqual(['region', '2024', 'true']);
  });

  test('toHeader names an empty header cell by its sheet position', () => {
    // Origin C5 (row 4, column 2): the third cell is E5.
    expect(() => toHeader(['a', 'b', null], { row: 4, column: 2 })).toThrow(
      new SelectionError(
        'The selection has no header: cell E5 is empty. Select a table whose first row names every column.',
      ),
    );
  });

  test('toHeader rejects a repeated header naming both cells', () => {
    expect(() => toHeader(['spend', 'region', 'spend'])).toThrow(
      new SelectionError('Header "spend" appears in both A1 and C1: column names must be unique.'),
    );
  });
});
