import { InputError } from '../../../shared/errors';
import { conversionValues } from '../../../shared/experiment/conversion-values';
import type { Column } from '../../../shared/table/types';

describe('conversionValues(column)', () => {
  it('reads NUMBER 0/1 and counts blanks as not converted', () => {
    const column: Column = { name: 'bought', type: 'NUMBER', values: Float64Array.of(1, 0, NaN, 1, NaN) };
    const result = conversionValues(column);
    expect([...result.values]).toEqual([1, 0, 0, 1, 0]);
    expect(result.missing).toBe(2);
    expect(result.firstMissingRow).toBe(3);
  });

  it('reads BOOLEAN as it is', () => {
    const column: Column = { name: 'bought', type: 'BOOLEAN', values: Float64Array.of(0, 1, 1) };
    expect([...conversionValues(column).values]).toEqual([0, 1, 1]);
  });

  it('reads CATEGORY yes/no, y/n, true/false, 1/0 in any case, with blank levels as missing', () => {
    const column: Column = {
      name: 'bought',
      type: 'CATEGORY',
      levels: ['Yes', 'no', 'TRUE', 'False', ' y ', 'N', '1', '0', ''],
      codes: Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7, 8, -1),
    };
    const result = conversionValues(column);
    expect([...result.values]).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 0, 0]);
    expect(result.missing).toBe(2);
  });

  it('reads TEXT the same way', () => {
    const column: Column = { name: 'bought', type: 'TEXT', values: ['yes', null, 'No'] };
    expect([...conversionValues(column).values]).toEqual([1, 0, 0]);
  });

  it('names the 1-based row and the value that is not a flag', () => {
    const numbers: Column = { name: 'bought', type: 'NUMBER', values: Float64Array.of(1, 0, 2) };
    expect(() => conversionValues(numbers)).toThrow('conversionColumn: column "bought" row 3 holds 2');
    const words: Column = { name: 'bought', type: 'CATEGORY', levels: ['yes', 'maybe'], codes: Int32Array.of(0, 1) };
    expect(() => conversionValues(words)).toThrow('row 2 holds "maybe"');
    expect(() => conversionValues(words)).toThrow(InputError);
  });

  it('refuses a DATE column', () => {
    const dates: Column = { name: 'when', type: 'DATE', values: Float64Array.of(0) };
    expect(() => conversionValues(dates)).toThrow('is DATE');
  });
});
