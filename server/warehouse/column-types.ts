import type { ColumnType } from '../../shared/table/types';
import { col } from './relation';

const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const DATE_TYPES = new Set(['date', 'timestamp', 'timestamptz']);
const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar', 'char', 'name', 'uuid', 'citext']);

/** What a PostgreSQL type reads as: a Quadrant type, 'STRING' (CATEGORY or TEXT, decided by counts), or null. */
export function quadrantType(pgType: string): Exclude<ColumnType, 'CATEGORY' | 'TEXT'> | 'STRING' | null {
  if (NUMBER_TYPES.has(pgType)) return 'NUMBER';
  if (DATE_TYPES.has(pgType)) return 'DATE';
  if (pgType === 'bool') return 'BOOLEAN';
  if (TEXT_TYPES.has(pgType)) return 'STRING';
  return null;
}

/** Most distinct values a text column may have and still be a CATEGORY (as for imported CSV). */
export const MAX_CATEGORY_LEVELS = 1000;

/**
 * A text column is a CATEGORY by the rule CSV imports use (shared/table/build-column.ts): at most 1,000 distinct
 * values that repeat (at most half as many distinct values as present ones, or at most 20 distinct values with a
 * repeat); otherwise TEXT.
 */
export function stringType(distinct: number, present: number): 'CATEGORY' | 'TEXT' {
  const category =
    distinct <= MAX_CATEGORY_LEVELS && (distinct * 2 <= present || (distinct <= 20 && distinct < present));
  return category ? 'CATEGORY' : 'TEXT';
}

/**
 * A column's value as the in-memory Table holds it: NUMBER as float8, DATE as epoch milliseconds (a timestamp
 * without time zone read as UTC, a date as its midnight UTC; extract() gives an exact numeric), BOOLEAN as 0/1,
 * CATEGORY and TEXT as text.
 */
export function valueSql(name: string, type: ColumnType): string {
  switch (type) {
    case 'NUMBER':
      return `${col(name)}::float8`;
    case 'DATE':
      return `(extract(epoch FROM ${col(name)}) * 1000)::float8`;
    case 'BOOLEAN':
      return `${col(name)}::int::float8`;
    case 'CATEGORY':
    case 'TEXT':
      return `${col(name)}::text`;
  }
}

/**
 * A column's value as text, as the in-memory path names values (shared/table/access.ts stringValues): numbers in
 * their shortest form, booleans as true/false, dates as ISO text (a date alone at midnight UTC).
 */
export function textSql(expression: string, type: ColumnType): string {
  switch (type) {
    case 'NUMBER':
      return `(${expression})::float8::text`;
    case 'DATE':
      return (
        `CASE WHEN ${expression}::timestamp = date_trunc('day', ${expression}::timestamp) ` +
        `THEN to_char(${expression}::timestamp, 'YYYY-MM-DD') ` +
        `ELSE to_char(${expression}::timestamp, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END`
      );
    default:
      return `(${expression})::text`;
  }
}
