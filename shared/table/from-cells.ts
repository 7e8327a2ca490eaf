import { InputError } from '../errors';
import { buildColumn } from './build-column';
import type { DayOrder } from './parse-value';
import type { Cell, ColumnType, Table } from './types';

export interface TableOptions {
  /** Column types to force instead of inferring, by column name. */
  types?: Readonly<Record<string, ColumnType>>;
  /** How to read "03/04/2025" when the data does not tell (default DMY). */
  dayOrder?: DayOrder;
}

/**
 * Builds a Table from a header and rows of spreadsheet cells (numbers, strings, booleans, null; "" and error text
 * such as "#N/A" read as missing), inferring each column's type (see buildColumn).
 * Rows count from 1 after the header in every message.
 *
 * @throws InputError for a blank or duplicate header name, no data rows, a row whose length differs from the
 *   header's, or a forced type that does not fit.
 * @example
 * tableFromCells(['region', 'clv'], [['EU', 120], ['US', '1,250.00']]).columns[1].type; // 'NUMBER'
 */
export function tableFromCells(
  header: readonly Cell[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): Table {
  const names = validateHeader(header);
  if (rows.length === 0) throw new InputError('rows: the table has a header but no data rows', 'rows');
  const width = names.length;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].length !== width) {
      throw new InputError(`rows: row ${i + 1} has ${rows[i].length} cells; the header has ${width}`, 'rows');
    }
  }
  return tableFromColumnCells(
    names,
    (j) => {
      const cells: Cell[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) cells[i] = rows[i][j];
      return cells;
    },
    rows.length,
    options,
  );
}

/** Builds a Table from per-column cell arrays produced by `columnCells(j)`; names are already validated. */
export function tableFromColumnCells(
  names: readonly string[],
  columnCells: (j: number) => ArrayLike<Cell>,
  rowCount: number,
  options: TableOptions = {},
): Table {
  const types = options.types ?? {};
  checkTypeNames(names, types);
  const columns = names.map((name, j) =>
    buildColumn(name, columnCells(j), { type: types[name], dayOrder: options.dayOrder }),
  );
  return { rowCount, columns };
}

/** Every column named in `types` exists; an InputError listing the columns otherwise. */
export function checkTypeNames(names: readonly string[], types: Readonly<Record<string, unknown>>): void {
  for (const name of Object.keys(types)) {
    if (!names.includes(name)) {
      throw new InputError(
        `types: no column "${name}"; the columns are ${names.map((n) => `"${n}"`).join(', ')}`,
        'types',
      );
    }
  }
}

/** Header names, trimmed; a blank or repeated name is an InputError naming the column positions (1-based). */
export function validateHeader(header: readonly Cell[]): string[] {
  if (header.length === 0) throw new InputError('header: the table has no columns', 'header');
  const seen = new Map<string, number>();
  return header.map((cell, j) => {
    const name = cell === null ? '' : String(cell).trim();
    if (name === '') throw new InputError(`header: column ${j + 1} has no name`, 'header');
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new InputError(
        `header: column name "${name}" appears twice (columns ${earlier + 1} and ${j + 1})`,
        'header',
      );
    }
    seen.set(name, j);
    return name;
  });
}
