import { InputError } from '../../../shared/errors';
import { tableFromCells } from '../../../shared/table/from-cells';

describe('tableFromCells(header, rows)', () => {
  it('builds typed columns from cells as Excel returns them', () => {
    const t = tableFromCells(
      ['customer', 'region', 'clv', 'active'],
      [
        ['a', 'EU', 120, true],
        ['b', 'US', '1,250.00', false],
        ['c', 'EU', '', true],
        ['d', 'EU', '#N/A', false],
      ],
    );
    expect(t.rowCount).toBe(4);
    expect(t.columns.map((c) => c.type)).toEqual(['TEXT', 'CATEGORY', 'NUMBER', 'BOOLEAN']);
  });

  it('refuses a blank header name, naming its position', () => {
    expect(() => tableFromCells(['a', ' ', 'c'], [[1, 2, 3]])).toThrow('header: column 2 has no name');
  });

  it('refuses a duplicate header name, naming both positions', () => {
    expect(() => tableFromCells(['a', 'b', 'a'], [[1, 2, 3]])).toThrow(
      'header: column name "a" appears twice (columns 1 and 3)',
    );
  });

  it('refuses a header with no rows and a ragged row', () => {
    expect(() => tableFromCells(['a'], [])).toThrow(InputError);
    expect(() => tableFromCells(['a', 'b'], [[1, 2], [3]])).toThrow('rows: row 2 has 1 cells; the header has 2');
  });

  it('refuses a type override for a column that does not exist', () => {
    expect(() => tableFromCells(['a'], [[1]], { types: { b: 'TEXT' } })).toThrow('types: no column "b"');
  });
});
