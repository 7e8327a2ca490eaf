/**
 * The columns of a selection with their types (the server's inference rules, `buildColumn` from shared/table) and
 * the default choice of segmentation features: numeric, yes/no and low-cardinality columns, leaving out ID-like
 * columns (a name such as `id`, `customer_id`, `CustomerID`, `email`, or one distinct value per row: text or whole
 * numbers), constant columns and dates.
 */
import { buildColumn } from '../../../shared/table/build-column';
import type { ColumnType } from '../../../shared/table/types';
import type { Cell } from '../contract';

export interface DetectedColumn {
  name: string;
  type: ColumnType;
  /** Distinct non-missing values. */
  distinct: number;
  missing: number;
  /** Picked as a feature by default. */
  feature: boolean;
  /** Why it is or is not picked, for the column list ("ID-like", "12 levels", …). */
  note: string;
}

/** Most levels a text column may have to be a default feature: more would add a column per level. */
export const MAX_FEATURE_LEVELS = 12;
const ID_NAME = /^(id|uuid|guid|key)$|[_\s.-](id|uuid|key)$|^id[_\s.-]|[a-z]I[dD]$|e-?mail/i;

/**
 * @example detectColumns(['customer_id', 'region', 'spend'], [['c1', 'EU', 12], ['c2', 'US', 30]])
 * // customer_id TEXT (ID-like, not picked), region CATEGORY (picked), spend NUMBER (picked)
 */
export function detectColumns(header: readonly string[], rows: readonly (readonly Cell[])[]): DetectedColumn[] {
  return header.map((name, j) => {
    const cells = rows.map((row) => row[j]);
    const column = buildColumn(name, cells);
    const present: Cell[] = cells.filter((c) => c !== null && c !== '');
    const distinct = new Set(present.map((c) => (typeof c === 'string' ? c.trim() : c))).size;
    const missing = cells.length - present.length;
    const base = { name, type: column.type, distinct, missing };
    const allDistinct = distinct === present.length && present.length >= 10;
    const wholeNumbers = column.type === 'NUMBER' && present.every((c) => Number.isInteger(Number(c)));
    if (ID_NAME.test(name) || (allDistinct && (column.type !== 'NUMBER' || wholeNumbers))) {
      return { ...base, feature: false, note: 'ID-like' };
    }
    if (present.length === 0) return { ...base, feature: false, note: 'empty' };
    if (distinct === 1) return { ...base, feature: false, note: 'one value' };
    switch (column.type) {
      case 'NUMBER':
        return { ...base, feature: true, note: '' };
      case 'BOOLEAN':
        return { ...base, feature: true, note: 'yes/no' };
      case 'CATEGORY':
        return distinct <= MAX_FEATURE_LEVELS
          ? { ...base, feature: true, note: `${distinct} levels` }
          : { ...base, feature: false, note: `${distinct} levels` };
      case 'DATE':
        return { ...base, feature: false, note: 'left out by default' };
      default:
        return { ...base, feature: false, note: 'free text' };
    }
  });
}
