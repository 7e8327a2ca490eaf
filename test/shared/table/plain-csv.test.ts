import fc from 'fast-check';
import { guessDelimiter, papaCsvTable, tableFromCsv } from '../../../shared/table/from-csv';
import { isPlainCsv, plainCsvTable } from '../../../shared/table/plain-csv';
import type { TableOptions } from '../../../shared/table/from-cells';
import type { Table } from '../../../shared/table/types';

/** The Table, or the error message, of a CSV reader. */
function outcome(read: () => Table): Table | string {
  try {
    return read();
  } catch (error) {
    return (error as Error).message;
  }
}

/** Field texts that exercise every inference path: numbers, booleans, dates, categories, missing, blanks. */
const FIELD = fc.constantFrom(
  '1',
  '0',
  '-2.5',
  '17',
  '3e2',
  '$1200',
  '12%',
  '',
  ' ',
  'NA',
  '#N/A',
  'yes',
  'no',
  '2024-01-03',
  '03/04/2025',
  'basic',
  'pro',
  ' x ',
  'C100',
);

const CSV = fc
  .record({
    width: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(fc.array(FIELD, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 12 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    lineBreak: fc.constantFrom('\n', '\r\n'),
  })
  .map(({ width, rows, delimiter, lineBreak }) => {
    const header = Array.from({ length: width }, (_, j) => `c${j}`).join(delimiter);
    // Mostly full-width rows, some ragged and some blank ones, as real exports have.
    const lines = rows.map((fields, i) =>
      i % 5 === 4
        ? fields.join(delimiter)
        : i % 7 === 6
          ? ''
          : fields.concat(fields, fields).slice(0, width).join(delimiter),
    );
    return [header, ...lines].join(lineBreak);
  });

/** No options, a day order, or a type forced on a column (c9 does not exist: an error both ways). */
const OPTIONS = fc.constantFrom<TableOptions[]>(
  {},
  { dayOrder: 'MDY' },
  { types: { c0: 'TEXT' } },
  { types: { c0: 'NUMBER' } },
  { types: { c1: 'DATE' } },
  { types: { c9: 'NUMBER' } },
);

describe('plainCsvTable(text, delimiter)', () => {
  it('gives exactly the Table (or the error) of the Papa Parse path on unquoted CSV', () => {
    fc.assert(
      fc.property(CSV, OPTIONS, (text, options) => {
        expect(isPlainCsv(text)).toBe(true);
        expect(outcome(() => plainCsvTable(text, guessDelimiter(text), options))).toEqual(
          outcome(() => papaCsvTable(text, options)),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('turns a column to text when a later field is not a number, keeping every earlier field as written', () => {
    const t = tableFromCsv('id,code\n1,007\n2,0.50\n3,x\n4,x\n5,x\n6,x\n');
    expect(t.columns[1]).toMatchObject({ type: 'CATEGORY', levels: ['007', '0.50', 'x'] });
    expect(t.columns[0]).toMatchObject({ type: 'NUMBER', values: Float64Array.from([1, 2, 3, 4, 5, 6]) });
  });

  it('reads forced types through buildColumn, as the Papa Parse path does', () => {
    const text = 'region,v\n0,1\n1,0\n0,1\n1,1\n';
    const options: TableOptions = { types: { region: 'CATEGORY' } };
    expect(plainCsvTable(text, ',', options)).toEqual(papaCsvTable(text, options));
    expect(plainCsvTable(text, ',', options).columns.map((c) => c.type)).toEqual(['CATEGORY', 'BOOLEAN']);
  });

  it('leaves quoted text and mixed line breaks to Papa Parse', () => {
    expect(isPlainCsv('a,b\n"x, y",1\n')).toBe(false);
    expect(isPlainCsv('a,b\r\n1,2\n3,4\r\n')).toBe(false);
    expect(isPlainCsv('a,b\r1,2\r')).toBe(false);
    expect(isPlainCsv('a,b\r\n1,2\r\n')).toBe(true);
  });
});
