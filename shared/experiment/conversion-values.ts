import { InputError } from '../errors';
import { expectType } from '../table/access';
import type { Column } from '../table/types';

const CONVERTED = new Map<string, 0 | 1>([
  ['1', 1],
  ['true', 1],
  ['yes', 1],
  ['y', 1],
  ['0', 0],
  ['false', 0],
  ['no', 0],
  ['n', 0],
]);

export interface ConversionValues {
  /** 1 = converted, 0 = not (blanks included). */
  values: Uint8Array;
  /** Number of blank cells, counted as not converted. */
  missing: number;
  /** 1-based data row of the first blank, or 0. */
  firstMissingRow: number;
}

/**
 * Reads a conversion flag column: BOOLEAN as it is, NUMBER as 0/1, CATEGORY or TEXT as yes/no, y/n, true/false or
 * 1/0 in any case. Blank cells count as not converted (the spreadsheet habit of marking only the converters) and
 * are counted so the report can say so.
 *
 * @throws InputError naming the 1-based data row and the value when a cell is anything else.
 * @example
 * conversionValues({ name: 'bought', type: 'NUMBER', values: Float64Array.of(1, 0, NaN) }).values; // [1, 0, 0]
 */
export function conversionValues(column: Column, argument = 'conversionColumn'): ConversionValues {
  expectType(column, ['BOOLEAN', 'NUMBER', 'CATEGORY', 'TEXT'], argument);
  const rows = column.type === 'CATEGORY' ? column.codes.length : column.values.length;
  const values = new Uint8Array(rows);
  let missing = 0;
  let firstMissingRow = 0;
  const fail = (row: number, shown: string): never => {
    throw new InputError(
      `${argument}: column "${column.name}" row ${row + 1} holds ${shown}; expected 0/1, true/false or yes/no`,
      argument,
    );
  };
  const blank = (row: number) => {
    if (missing++ === 0) firstMissingRow = row + 1;
  };
  switch (column.type) {
    case 'BOOLEAN':
    case 'NUMBER':
      for (let i = 0; i < rows; i++) {
        const x = column.values[i];
        if (x === 1) values[i] = 1;
        else if (x !== x) blank(i);
        else if (x !== 0) fail(i, String(x));
      }
      break;
    case 'CATEGORY': {
      const levels = column.levels.map((level) => flag(level));
      for (let i = 0; i < rows; i++) {
        const code = column.codes[i];
        const value = code < 0 ? null : levels[code];
        if (value === undefined) fail(i, `"${column.levels[code]}"`);
        else if (value === null) blank(i);
        else values[i] = value;
      }
      break;
    }
    case 'TEXT':
      for (let i = 0; i < rows; i++) {
        const text = column.values[i];
        const value = text === null ? null : flag(text);
        if (value === undefined) fail(i, `"${text}"`);
        else if (value === null) blank(i);
        else values[i] = value;
      }
      break;
  }
  return { values, missing, firstMissingRow };
}

/** 1 / 0 for a recognized flag, null for a blank, undefined for anything else. */
function flag(text: string): 0 | 1 | null | undefined {
  const key = text.trim().toLowerCase();
  return key === '' ? null : CONVERTED.get(key);
}
