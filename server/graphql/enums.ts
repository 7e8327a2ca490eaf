import { registerEnumType } from 'type-graphql';
import type { ColumnType as CoreColumnType } from '../../shared/table/types';

export enum ColumnType {
  NUMBER = 'NUMBER',
  CATEGORY = 'CATEGORY',
  DATE = 'DATE',
  BOOLEAN = 'BOOLEAN',
  TEXT = 'TEXT',
}
registerEnumType(ColumnType, {
  name: 'ColumnType',
  description: 'NUMBER (numeric), CATEGORY (few distinct values), DATE, BOOLEAN (true/false, yes/no, 1/0) or TEXT.',
});

export enum DayOrder {
  DMY = 'DMY',
  MDY = 'MDY',
}
registerEnumType(DayOrder, {
  name: 'DayOrder',
  description: 'How to read 03/04/2025: day first (DMY) or month first (MDY).',
});

/** Both enums carry the same names as the core's string unions. */
export const toCoreColumnType = (t: ColumnType): CoreColumnType => t;
