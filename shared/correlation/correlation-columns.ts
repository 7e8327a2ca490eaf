import { InputError, LimitError } from '../errors';
import { getColumn, numericValues, stringValues } from '../table/access';
import type { Column, Table } from '../table/types';

/** A column may expand into at most this many indicators (one per level). */
export const MAX_CORRELATION_LEVELS = 50;
/** At most this many columns after expansion: the matrix has its square of cells. */
export const MAX_CORRELATION_COLUMNS = 200;

/** One column of the correlation matrix: a numeric column, or the 0/1 indicator of one level. NaN = missing. */
export interface CorrelationColumn {
  name: string;
  values: Float64Array;
}

/**
 * The columns a correlation matrix is computed over. NUMBER and DATE columns enter as numbers (dates as epoch ms),
 * BOOLEAN columns as one 0/1 column, as pandas' DataFrame.corr() takes a bool column (two indicators, "churned=false"
 * and "churned=true", would only mirror each other at r = −1); CATEGORY and TEXT columns, and those listed in
 * `categorical` (a BOOLEAN too), expand into one indicator per level, named "region=0" or "channel=Google", as
 * pd.get_dummies names and orders them (levels sorted: numbers ascending, text by code point, false before true). A row whose category is missing is missing in every indicator (not 0), so a
 * pair leaves it out as it does any missing value.
 *
 * @throws InputError for an unknown or repeated column; LimitError beyond MAX_CORRELATION_LEVELS levels in a column
 *   or MAX_CORRELATION_COLUMNS columns in all.
 */
export function correlationColumns(
  table: Table,
  columns: readonly string[],
  categorical: readonly string[] = [],
): CorrelationColumn[] {
  if (columns.length === 0) throw new InputError('columns: no column given; at least two are needed', 'columns');
  const seen = new Set<string>();
  for (const name of columns) {
    if (seen.has(name)) throw new InputError(`columns: column "${name}" is listed twice`, 'columns');
    seen.add(name);
  }
  for (const name of categorical) {
    if (!seen.has(name)) {
      throw new InputError(`categorical: "${name}" is not one of the columns; list it in columns too`, 'categorical');
    }
  }
  const out: CorrelationColumn[] = [];
  for (const name of columns) {
    const column = getColumn(table, name, 'columns');
    const oneHot =
      categorical.includes(name) || (column.type !== 'NUMBER' && column.type !== 'DATE' && column.type !== 'BOOLEAN');
    if (oneHot) out.push(...indicators(column));
    else out.push({ name, values: numericValues(column, 'columns') });
  }
  if (out.length > MAX_CORRELATION_COLUMNS) {
    throw new LimitError(
      `columns: ${out.length} columns after one indicator per level; at most ${MAX_CORRELATION_COLUMNS} can be correlated`,
      'columns',
    );
  }
  return out;
}

function indicators(column: Column): CorrelationColumn[] {
  const strings = stringValues(column);
  const levels = sortedLevels(column, strings);
  if (levels.length === 0) {
    throw new InputError(
      `columns: column "${column.name}" has no value in any of the ${strings.length} rows`,
      column.name,
    );
  }
  if (levels.length > MAX_CORRELATION_LEVELS) {
    throw new LimitError(
      `columns: column "${column.name}" has ${levels.length} distinct values; at most ${MAX_CORRELATION_LEVELS} levels can become indicators`,
      column.name,
    );
  }
  return levels.map((level) => {
    const values = new Float64Array(strings.length);
    for (let i = 0; i < values.length; i++) {
      const v = strings[i];
      values[i] = v === null || v === '' ? NaN : v === level ? 1 : 0;
    }
    return { name: `${column.name}=${level}`, values };
  });
}

function sortedLevels(column: Column, strings: readonly (string | null)[]): string[] {
  const distinct = [...new Set(strings.filter((v): v is string => v !== null && v !== ''))];
  if (column.type === 'BOOLEAN') return ['false', 'true'].filter((l) => distinct.includes(l));
  if (distinct.every((l) => l.trim() !== '' && Number.isFinite(Number(l)))) {
    return distinct.sort((a, b) => Number(a) - Number(b));
  }
  return distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
