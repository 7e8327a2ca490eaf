import { columnLength } from '../../shared/table/access';
import type { Column, Table } from '../../shared/table/types';

/** Small hand-made Table columns for core tests; null is a missing value. */
export type TestValues = readonly (string | number | null)[];

/** A NUMBER (or DATE, epoch ms) column. */
export const numbers = (name: string, values: TestValues, type: 'NUMBER' | 'DATE' = 'NUMBER'): Column => ({
  name,
  type,
  values: Float64Array.from(values, (v) => (v === null ? NaN : Number(v))),
});

/** A CATEGORY column whose levels are the values in order of first appearance. */
export const category = (name: string, values: TestValues): Column => {
  const levels = [...new Set(values.filter((v) => v !== null).map(String))];
  return {
    name,
    type: 'CATEGORY',
    levels,
    codes: Int32Array.from(values, (v) => (v === null ? -1 : levels.indexOf(String(v)))),
  };
};

/** A Table of the given columns, its row count taken from the first. */
export const table = (...columns: Column[]): Table => ({ rowCount: columnLength(columns[0]), columns });
