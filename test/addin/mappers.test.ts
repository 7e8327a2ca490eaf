import { cellValue, excelSerialToIso, isDateFormat, numericColumns, toTableInput } from '../../addin/src/excel/mappers';
import { SelectionError } from '../../addin/src/excel/selection-error';
import { createRng } from '../../shared/random';

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

describe('cellValue(value, numberFormat, valueType)', () => {
  test('cellValue maps error cells and empty cells to null', () => {
    expect(cellValue('#N/A', 'General', 'Error')).toBeNull();
    expect(cellValue('#DIV/0!', '0.00', 'Error')).toBeNull();
    expect(cellValue('', 'General', 'Empty')).toBeNull();
  });

  test('cellValue turns date-formatted serials into ISO text and leaves other numbers alone', () => {
    expect(cellValue(45292, 'yyyy-mm-dd', 'Double')).toBe('2024-01-01');
    expect(cellValue(45292.75, 'm/d/yyyy h:mm', 'Double')).toBe('2024-01-01T18:00:00');
    expect(cellValue(0.75, 'h:mm', 'Double')).toBe(0.75);
    expect(cellValue(-3, 'yyyy-mm-dd', 'Integer')).toBe(-3);
    expect(cellValue(1234.5, '#,##0.00', 'Double')).toBe(1234.5);
  });

  test('cellValue passes text and booleans through, text that looks like an error included', () => {
    expect(cellValue('north', 'General', 'String')).toBe('north');
    expect(cellValue('#N/A', '@', 'String')).toBe('#N/A');
    expect(cellValue(true, 'General', 'Boolean')).toBe(true);
  });
});

describe('toTableInput(cells, origin)', () => {
  test('toTableInput takes the first row as header and maps every other cell', () => {
    const table = toTableInput({
      values: [
        ['customer', 'joined', 'spend', 'active'],
        ['a', 45292, 12.5, true],
        ['b', '', '#N/A', false],
      ],
      numberFormat: [
        ['General', 'General', 'General', 'General'],
        ['General', 'yyyy-mm-dd', '0.00', 'General'],
        ['General', 'yyyy-mm-dd', '0.00', 'General'],
      ],
      valueTypes: [
        ['String', 'String', 'String', 'String'],
        ['String', 'Double', 'Double', 'Boolean'],
        ['String', 'Empty', 'Error', 'Boolean'],
      ],
    });
    expect(table).toEqual({
      header: ['customer', 'joined', 'spend', 'active'],
      rows: [
        ['a', '2024-01-01', 12.5, true],
        ['b', null, null, false],
      ],
    });
  });

  test('toTableInput turns numeric header cells into text', () => {
    const table = toTableInput({
      values: [
        [2023, 2024],
        [1, 2],
      ],
      numberFormat: [
        ['General', 'General'],
        ['General', 'General'],
      ],
      valueTypes: [
        ['Double', 'Double'],
        ['Double', 'Double'],
      ],
    });
    expect(table.header).toEqual(['2023', '2024']);
  });

  test('toTableInput names an empty header cell by its sheet position', () => {
    const cells = {
      values: [
        ['a', '', 'c'],
        [1, 2, 3],
      ],
      numberFormat: [
        ['General', 'General', 'General'],
        ['General', 'General', 'General'],
      ],
      valueTypes: [
        ['String', 'Empty', 'String'],
        ['Double', 'Double', 'Double'],
      ],
    };
    // Origin row 4, column 2 (zero-based) is C5, so the second header cell is D5.
    expect(() => toTableInput(cells, { row: 4, column: 2 })).toThrow(
      new SelectionError('Header cell D5 is empty: name every column in the first row of the selection.'),
    );
  });

  test('toTableInput rejects a repeated header naming both cells', () => {
    const cells = {
      values: [
        ['spend', 'visits', 'spend'],
        [1, 2, 3],
      ],
      numberFormat: [
        ['General', 'General', 'General'],
        ['General', 'General', 'General'],
      ],
      valueTypes: [
        ['String', 'String', 'String'],
        ['Double', 'Double', 'Double'],
      ],
    };
    expect(() => toTableInput(cells)).toThrow('Header "spend" appears in both A1 and C1: column names must be unique.');
  });

  test('toTableInput rejects a selection without data rows', () => {
    expect(() => toTableInput({ values: [['spend']], numberFormat: [['General']], valueTypes: [['String']] })).toThrow(
      SelectionError,
    );
  });

  test('toTableInput keeps one row per sheet row, empty rows included, for random grids', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 50; trial++) {
      const rows = 2 + rng.int(20);
      const columns = 1 + rng.int(6);
      const kinds = ['', 1.5, 'x', true, '#N/A'];
      const values = Array.from({ length: rows }, (_, i) =>
        Array.from({ length: columns }, (_, j) => (i === 0 ? `c${j}` : kinds[rng.int(kinds.length)])),
      );
      const valueTypes = values.map((row) => row.map((v) => (v === '#N/A' ? 'Error' : v === '' ? 'Empty' : 'String')));
      const table = toTableInput({ values, numberFormat: values.map((row) => row.map(() => 'General')), valueTypes });
      expect(table.rows).toHaveLength(rows - 1);
      expect(table.rows.every((row) => row.length === columns)).toBe(true);
      expect(table.rows.flat().filter((c) => c === null)).toHaveLength(
        values
          .slice(1)
          .flat()
          .filter((v) => v === '' || v === '#N/A').length,
      );
    }
  });
});

describe('numericColumns(table)', () => {
  test('numericColumns keeps columns of numbers and nulls, with at least one number', () => {
    const table = {
      header: ['id', 'spend', 'region', 'joined', 'active', 'blank', 'mixed'],
      rows: [
        [1, 10.5, 'north', '2024-01-01', true, null, 3],
        [2, null, 'south', '2024-02-01', false, null, 'n/a'],
      ],
    };
    expect(numericColumns(table)).toEqual(['id', 'spend']);
  });
});
