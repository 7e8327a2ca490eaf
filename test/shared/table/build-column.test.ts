import { buildColumn, MAX_CATEGORY_LEVELS } from '../../../shared/table/build-column';
import type { Cell } from '../../../shared/table/types';

describe('buildColumn(name, cells) infers the type a user would accept', () => {
  it('reads numeric text with currency signs and separators as NUMBER, missing as NaN', () => {
    const c = buildColumn('ltv', ['$1,200.50', '', '300', '#N/A', 7]);
    expect(c.type).toBe('NUMBER');
    if (c.type !== 'NUMBER') return;
    expect(Array.from(c.values)).toEqual([1200.5, NaN, 300, NaN, 7]);
  });

  it('reads 1/0, true/false and yes/no columns as BOOLEAN', () => {
    for (const cells of [
      [1, 0, 1],
      ['1', '0', ''],
      [true, false, null],
      ['Yes', 'no', 'YES'],
    ] as Cell[][]) {
      const c = buildColumn('converted', cells);
      expect(c.type).toBe('BOOLEAN');
    }
    const c = buildColumn('converted', ['yes', 'no', '']);
    if (c.type === 'BOOLEAN') expect(Array.from(c.values)).toEqual([1, 0, NaN]);
  });

  it('reads ISO and day/month/year dates as DATE, switching to month/day when a value proves it', () => {
    const iso = buildColumn('d', ['2025-01-31', '2025-02-01T12:00:00Z']);
    expect(iso.type).toBe('DATE');
    const dmy = buildColumn('d', ['03/04/2025', '25/12/2025']);
    if (dmy.type !== 'DATE') throw new Error('expected DATE');
    expect(dmy.values[0]).toBe(Date.UTC(2025, 3, 3));
    const mdy = buildColumn('d', ['03/04/2025', '12/25/2025']);
    if (mdy.type !== 'DATE') throw new Error('expected DATE');
    expect(mdy.values[0]).toBe(Date.UTC(2025, 2, 4));
  });

  it('reads repeated strings as CATEGORY with levels in order of appearance', () => {
    const c = buildColumn('channel', ['Google', 'LinkedIn', 'Google ', '', 'Direct', 'LinkedIn']);
    expect(c.type).toBe('CATEGORY');
    if (c.type !== 'CATEGORY') return;
    expect(c.levels).toEqual(['Google', 'LinkedIn', 'Direct']);
    expect(Array.from(c.codes)).toEqual([0, 1, 0, -1, 2, 1]);
  });

  it('reads unique strings as TEXT', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `customer-${i}`);
    expect(buildColumn('id', ids).type).toBe('TEXT');
  });

  it('keeps more than the category limit as TEXT', () => {
    const cells = Array.from({ length: 3 * (MAX_CATEGORY_LEVELS + 1) }, (_, i) => `v${i % (MAX_CATEGORY_LEVELS + 1)}`);
    expect(buildColumn('v', cells).type).toBe('TEXT');
  });

  it('remembers the first non-numeric value of a mostly numeric column, for error messages', () => {
    const c = buildColumn('minutes', ['10', '12', 'Infinity', '9', '10']);
    expect(c.type === 'CATEGORY' || c.type === 'TEXT').toBe(true);
    if (c.type === 'CATEGORY' || c.type === 'TEXT') expect(c.nonNumeric).toEqual({ row: 3, value: 'Infinity' });
  });

  it('reads an all-empty column as NUMBER with every value missing', () => {
    const c = buildColumn('empty', ['', null, '#N/A']);
    expect(c.type).toBe('NUMBER');
  });

  it('forces a type on request and names the first row that does not fit', () => {
    const c = buildColumn('region', [0, 1, 2, 1], { type: 'CATEGORY' });
    expect(c.type).toBe('CATEGORY');
    if (c.type === 'CATEGORY') expect(c.levels).toEqual(['0', '1', '2']);
    expect(() => buildColumn('spend', ['1', 'abc'], { type: 'NUMBER' })).toThrow(
      'types: column "spend" row 2 holds "abc", not a number',
    );
    // Forced, a column of unrepeated levels (too few repeats to be inferred a CATEGORY) still becomes one.
    const tiers = buildColumn('tier', ['gold', 'silver', 'bronze'], { type: 'CATEGORY' });
    expect(tiers.type).toBe('CATEGORY');
    if (tiers.type === 'CATEGORY') expect(Array.from(tiers.codes)).toEqual([0, 1, 2]);
    const many = Array.from({ length: MAX_CATEGORY_LEVELS + 1 }, (_, i) => `id${i}`);
    expect(() => buildColumn('id', many, { type: 'CATEGORY' })).toThrow(
      `types: column "id" has more than ${MAX_CATEGORY_LEVELS} distinct values; it cannot be a CATEGORY (use TEXT)`,
    );
    // Numbers forced to DATE are Excel serial dates.
    const d = buildColumn('day', [45730], { type: 'DATE' });
    if (d.type === 'DATE') expect(d.values[0]).toBe(Date.UTC(2025, 2, 14));
  });
});
