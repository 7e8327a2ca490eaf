/**
 * The columnar Table every analysis reads: one type for CSV imports, stored datasets and Excel selections.
 * - NUMBER: Float64Array, NaN = missing.
 * - CATEGORY: Int32Array codes into `levels`, -1 = missing.
 * - DATE: epoch milliseconds (UTC) in a Float64Array, NaN = missing.
 * - BOOLEAN: Float64Array of 0 / 1, NaN = missing.
 * - TEXT: strings, null = missing.
 */
export type ColumnType = 'NUMBER' | 'CATEGORY' | 'DATE' | 'BOOLEAN' | 'TEXT';

export const COLUMN_TYPES: readonly ColumnType[] = ['NUMBER', 'CATEGORY', 'DATE', 'BOOLEAN', 'TEXT'];

export interface NumberColumn {
  readonly name: string;
  readonly type: 'NUMBER';
  readonly values: Float64Array;
}
export interface CategoryColumn {
  readonly name: string;
  readonly type: 'CATEGORY';
  readonly codes: Int32Array;
  readonly levels: readonly string[];
  /** The first value that kept a mostly numeric column from being NUMBER (row is 1-based), for error messages. */
  readonly nonNumeric?: NonNumericValue;
}
export interface DateColumn {
  readonly name: string;
  readonly type: 'DATE';
  readonly values: Float64Array;
}
export interface BooleanColumn {
  readonly name: string;
  readonly type: 'BOOLEAN';
  readonly values: Float64Array;
}
export interface TextColumn {
  readonly name: string;
  readonly type: 'TEXT';
  readonly values: readonly (string | null)[];
  readonly nonNumeric?: NonNumericValue;
}
export interface NonNumericValue {
  readonly row: number;
  readonly value: string;
}
export type Column = NumberColumn | CategoryColumn | DateColumn | BooleanColumn | TextColumn;

export interface Table {
  readonly rowCount: number;
  readonly columns: readonly Column[];
}

/** A spreadsheet cell as Excel hands it over: number, string, boolean or null ("" counts as empty). */
export type Cell = number | string | boolean | null;
