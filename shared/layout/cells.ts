/**
 * Small conversions the builders share: contract values (null, undefined, NaN) into cells, and names into the
 * letters Excel allows in a table name.
 */
import type { Cell } from '../table/types';

/** A number as a cell: null, undefined and non-finite values are empty cells. */
export function numberCell(value: number | null | undefined): Cell {
  return value == null || !Number.isFinite(value) ? null : value;
}

/** "Yes" / "No", as a report reads (TRUE / FALSE looks like a formula result). */
export function yesNo(value: boolean): Cell {
  return value ? 'Yes' : 'No';
}

/**
 * An Excel table name made of a base: letters, digits and underscores, starting with a letter.
 * @example tableName('Growth by region=1') === 'Growth_by_region_1'
 */
export function tableName(base: string): string {
  const cleaned = base.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `T_${cleaned}`;
}
