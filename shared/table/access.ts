import { InputError } from '../errors';
import type { Column, ColumnType, Table } from './types';

/**
 * Looks a column up by name. Throws an InputError that names the column, the argument it came from and the
 * columns that do exist, so a typo is fixed at a glance.
 */
export function getColumn(table: Table, name: string, argument = 'column'): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    const names = table.columns.map((c) => `"${c.name}"`).join(', ');
    throw new InputError(`${argument}: no column "${name}"; the columns are ${names}`, argument);
  }
  return column;
}

/**
 * A column's values as numbers, one per row (NaN = missing): NUMBER, DATE (epoch ms) and BOOLEAN (0/1) as they
 * are; CATEGORY only when every level is numeric text (a region coded "0", "1", "2"). TEXT is refused.
 */
export function numericValues(column: Column, argument = 'column'): Float64Array {
  switch (column.type) {
    case 'NUMBER':
    case 'DATE':
    case 'BOOLEAN':
      return column.values;
    case 'CATEGORY': {
      const levelValues = column.levels.map((l) => (l.trim() === '' ? NaN : Number(l)));
      const bad = column.levels.find((_, i) => Number.isNaN(levelValues[i]));
      if (bad !== undefined) {
        const row = column.nonNumeric
          ? `row ${column.nonNumeric.row} holds "${column.nonNumeric.value}"`
          : `it holds "${bad}"`;
        throw new InputError(
          `${argument}: column "${column.name}" is not numeric (${row}); a numeric column was expected`,
          argument,
        );
      }
      const out = new Float64Array(column.codes.length);
      for (let i = 0; i < out.length; i++) out[i] = column.codes[i] < 0 ? NaN : levelValues[column.codes[i]];
      return out;
    }
    case 'TEXT': {
      const where = column.nonNumeric ? ` (row ${column.nonNumeric.row} holds "${column.nonNumeric.value}")` : '';
      throw new InputError(
        `${argument}: column "${column.name}" holds text${where}; a numeric column was expected`,
        argument,
      );
    }
  }
}

/**
 * A column's values as strings, one per row (null = missing), for grouping and joining: user ids, step names,
 * channels. Numbers print without trailing zeros ("42", not "42.0"); dates as ISO dates; booleans as "true"/"false".
 */
export function stringValues(column: Column): (string | null)[] {
  const out: (string | null)[] = new Array(columnLength(column));
  switch (column.type) {
    case 'TEXT':
      for (let i = 0; i < out.length; i++) out[i] = column.values[i];
      break;
    case 'CATEGORY':
      for (let i = 0; i < out.length; i++) out[i] = column.codes[i] < 0 ? null : column.levels[column.codes[i]];
      break;
    case 'NUMBER':
      for (let i = 0; i < out.length; i++) out[i] = Number.isNaN(column.values[i]) ? null : String(column.values[i]);
      break;
    case 'BOOLEAN':
      for (let i = 0; i < out.length; i++)
        out[i] = Number.isNaN(column.values[i]) ? null : column.values[i] === 1 ? 'true' : 'false';
      break;
    case 'DATE':
      for (let i = 0; i < out.length; i++) out[i] = Number.isNaN(column.values[i]) ? null : isoDate(column.values[i]);
      break;
  }
  return out;
}

/**
 * Dictionary-encodes a column: Int32Array codes (-1 = missing) into `levels` in order of first appearance
 * (CATEGORY keeps its own levels). The cheap way to group 1M rows by a key.
 */
export function encodeColumn(column: Column): { codes: Int32Array; levels: string[] } {
  if (column.type === 'CATEGORY') return { codes: column.codes, levels: [...column.levels] };
  const values = stringValues(column);
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = levels.length;
      index.set(v, code);
      levels.push(v);
    }
    codes[i] = code;
  }
  return { codes, levels };
}

export function columnLength(column: Column): number {
  return column.type === 'CATEGORY' ? column.codes.length : column.values.length;
}

/** Throws unless the column has one of the given types. */
export function expectType(column: Column, types: readonly ColumnType[], argument = 'column'): void {
  if (!types.includes(column.type)) {
    throw new InputError(
      `${argument}: column "${column.name}" is ${column.type}; expected ${types.join(' or ')}`,
      argument,
    );
  }
}

function isoDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
