import { InputError } from '../errors';
import {
  excelSerialToEpochMs,
  isMissingText,
  parseBooleanText,
  parseDateText,
  parseNumberText,
  possibleDayOrders,
  type DayOrder,
} from './parse-value';
import type { Cell, Column, ColumnType, NonNumericValue } from './types';

/** Most distinct values a column may have and still be read as CATEGORY. */
export const MAX_CATEGORY_LEVELS = 1000;

export interface BuildColumnOptions {
  /** Force the column's type instead of inferring it. */
  type?: ColumnType;
  /** How to read "03/04/2025" when the data itself does not tell (default DMY). */
  dayOrder?: DayOrder;
}

/**
 * Builds one typed column from raw cells (CSV text or spreadsheet values), inferring its type unless forced:
 * 1. every non-missing value numeric → NUMBER, unless all are 0/1 → BOOLEAN;
 * 2. every value true/false, yes/no, y/n, t/f → BOOLEAN;
 * 3. every value a date (ISO, YYYY/MM/DD, DD/MM/YYYY or MM/DD/YYYY) → DATE;
 * 4. few distinct strings (≤ 1,000 and repeated: at most half as many levels as values, or ≤ 20 levels that repeat)
 *    → CATEGORY; otherwise TEXT.
 * Missing: null, "", whitespace, NA/N/A/null/none/-, and Excel error values such as #N/A. A column with no values at
 * all is NUMBER (all NaN), so analyses report it as all-missing rather than failing on its type.
 * Forced types fail with an InputError naming the first row (1-based, after the header) that does not fit.
 */
export function buildColumn(name: string, cells: ArrayLike<Cell>, options: BuildColumnOptions = {}): Column {
  const n = cells.length;
  if (options.type) return forceColumn(name, cells, options.type, options.dayOrder);

  const numbers = new Float64Array(n);
  let numeric = true;
  let binary = true;
  let present = 0;
  let numericSeen = 0;
  let nonNumeric: NonNumericValue | undefined;
  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    let v: number;
    if (typeof cell === 'number') v = Number.isFinite(cell) ? cell : NaN;
    else if (typeof cell === 'boolean') v = cell ? 1 : 0;
    else if (cell === null || isMissingText(cell)) {
      numbers[i] = NaN;
      continue;
    } else v = parseNumberText(cell);
    present++;
    if (v !== v) {
      // One non-numeric value settles it; the column's earlier numbers make it worth naming in error messages.
      numeric = false;
      nonNumeric = { row: i + 1, value: String(cell) };
      break;
    }
    numericSeen++;
    if (v !== 0 && v !== 1) binary = false;
    numbers[i] = v;
  }
  if (numeric)
    return binary && present > 0
      ? { name, type: 'BOOLEAN', values: numbers }
      : { name, type: 'NUMBER', values: numbers };

  const booleans = tryParse(cells, (s) => parseBooleanText(s));
  if (booleans) return { name, type: 'BOOLEAN', values: booleans };

  if (looksLikeDates(cells)) {
    const order = options.dayOrder ?? inferDayOrder(cells);
    const dates = order && tryParse(cells, cachedDateParser(order));
    if (dates) return { name, type: 'DATE', values: dates };
  }
  return stringColumn(name, cells, numericSeen > 0 ? nonNumeric : undefined);
}

/** Parses every non-missing cell as text with `parse`; null as soon as one does not parse. */
function tryParse(cells: ArrayLike<Cell>, parse: (s: string) => number): Float64Array | null {
  const out = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || (typeof cell === 'string' && isMissingText(cell))) {
      out[i] = NaN;
      continue;
    }
    if (typeof cell !== 'string') return null;
    const v = parse(cell);
    if (v !== v) return null;
    out[i] = v;
  }
  return out;
}

/** Whether the first non-missing cell reads as a date: cheap, and spares text columns a full date scan. */
function looksLikeDates(cells: ArrayLike<Cell>): boolean {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || (typeof cell === 'string' && isMissingText(cell))) continue;
    return (
      typeof cell === 'string' &&
      !Number.isNaN(parseDateText(cell, possibleDayOrders(cell)?.dmy === false ? 'MDY' : 'DMY'))
    );
  }
  return false;
}

/** Dates repeat (a day per row, many rows a day): remember parsed text, up to a bound. */
function cachedDateParser(order: DayOrder): (s: string) => number {
  const cache = new Map<string, number>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = parseDateText(s, order);
      if (cache.size < 100000) cache.set(s, v);
    }
    return v;
  };
}

/** DMY unless a value proves month-first (second part over 12); null when values contradict each other. */
function inferDayOrder(cells: ArrayLike<Cell>): DayOrder | null {
  let dmy = true;
  let mdy = true;
  for (let i = 0; i < cells.length && (dmy || mdy); i++) {
    const cell = cells[i];
    if (typeof cell !== 'string') continue;
    const orders = possibleDayOrders(cell);
    if (!orders) continue;
    dmy &&= orders.dmy;
    mdy &&= orders.mdy;
  }
  if (dmy) return 'DMY';
  return mdy ? 'MDY' : null;
}

/**
 * CATEGORY when the strings have few, repeated levels (or any number up to MAX_CATEGORY_LEVELS when `forced`), TEXT
 * otherwise.
 */
function stringColumn(name: string, cells: ArrayLike<Cell>, nonNumeric?: NonNumericValue, forced = false): Column {
  const n = cells.length;
  const texts: (string | null)[] = new Array(n);
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = new Int32Array(n);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const text = cellText(cells[i]);
    texts[i] = text;
    if (text === null) {
      codes[i] = -1;
      continue;
    }
    present++;
    let code = index.get(text);
    if (code === undefined) {
      if (levels.length <= MAX_CATEGORY_LEVELS) {
        code = levels.length;
        levels.push(text);
        index.set(text, code);
      } else code = -1;
    }
    codes[i] = code;
  }
  const distinct = levels.length;
  const category =
    distinct <= MAX_CATEGORY_LEVELS && (forced || distinct * 2 <= present || (distinct <= 20 && distinct < present));
  if (category) return { name, type: 'CATEGORY', codes, levels, ...(nonNumeric ? { nonNumeric } : {}) };
  return { name, type: 'TEXT', values: texts, ...(nonNumeric ? { nonNumeric } : {}) };
}

/** A cell as trimmed text; null when missing. */
export function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'string') return isMissingText(cell) ? null : cell.trim();
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  return cell ? 'true' : 'false';
}

function forceColumn(name: string, cells: ArrayLike<Cell>, type: ColumnType, dayOrder?: DayOrder): Column {
  const n = cells.length;
  if (type === 'CATEGORY' || type === 'TEXT') {
    const column = stringColumn(name, cells, undefined, type === 'CATEGORY');
    if (type === 'TEXT') {
      return column.type === 'TEXT' ? column : { name, type: 'TEXT', values: Array.from(cells, cellText) };
    }
    if (column.type === 'CATEGORY') return column;
    throw new InputError(
      `types: column "${name}" has more than ${MAX_CATEGORY_LEVELS} distinct values; it cannot be a CATEGORY (use TEXT)`,
      'types',
    );
  }
  const order = dayOrder ?? inferDayOrder(cells) ?? 'DMY';
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    if (cell === null || (typeof cell === 'string' && isMissingText(cell))) {
      values[i] = NaN;
      continue;
    }
    let v: number;
    if (type === 'NUMBER') v = typeof cell === 'string' ? parseNumberText(cell) : +cell;
    else if (type === 'BOOLEAN') {
      v = typeof cell === 'string' ? parseBooleanText(cell) : +cell;
      if (v !== 0 && v !== 1) v = NaN;
    } else {
      // DATE: numbers are Excel serial dates, as a spreadsheet hands them over.
      v =
        typeof cell === 'number'
          ? excelSerialToEpochMs(cell)
          : typeof cell === 'string'
            ? parseDateText(cell, order)
            : NaN;
    }
    if (!Number.isFinite(v)) {
      const expected = { NUMBER: 'a number', BOOLEAN: 'a boolean (true/false, yes/no, 1/0)', DATE: 'a date' }[type];
      throw new InputError(`types: column "${name}" row ${i + 1} holds "${String(cell)}", not ${expected}`, 'types');
    }
    values[i] = v;
  }
  return { name, type, values };
}
