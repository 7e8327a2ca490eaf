import { InputError } from '../errors';
import { buildColumn } from './build-column';
import { checkTypeNames, validateHeader, type TableOptions } from './from-cells';
import { isMissingText, parseNumberText } from './parse-value';
import type { Column, Table } from './types';

/**
 * Whether `plainCsvTable` can read the text: no quote character anywhere (so a field never holds a delimiter or a
 * line break), and lines that all end in \n or all in \r\n (Papa Parse settles on one line break per file; mixed
 * or lone \r endings are left to it).
 */
export function isPlainCsv(text: string): boolean {
  if (text.indexOf('"') !== -1) return false;
  if (text.indexOf('\r') === -1) return true;
  let lineFeeds = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) !== 13) return false;
    lineFeeds++;
  }
  let returns = 0;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) returns++;
  return returns === lineFeeds;
}

/**
 * Reads unquoted CSV text (see `isPlainCsv`) into a Table exactly as `tableFromCsv`'s Papa Parse path does — same
 * rows, types, values and errors — but faster: fields go straight from the text into their column, and a column
 * whose every field so far is a number or missing keeps numbers in a Float64Array instead of millions of strings
 * (which is most of a large import's time, in garbage collection). A column that meets a field that is not a number
 * turns into text from there on: its earlier fields are cut again from the text, by the offsets of their lines, and
 * typed by `buildColumn` as any text column is. Blank lines are skipped; a line of empty fields only, with the
 * wrong number of fields, is skipped as blank; any other ragged line is an error naming its row.
 *
 * @throws InputError as tableFromCsv: a header with no data rows, bad header names, a ragged row.
 */
export function plainCsvTable(text: string, delimiter: string, options: TableOptions = {}): Table {
  const forced = options.types ?? {};
  let names: string[] | null = null;
  let columns: PlainColumn[] = [];
  let lineStarts = new Int32Array(1024);
  let row = 0;
  const fields: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (end === start) {
      start = next;
      continue;
    }
    splitLine(text, start, end, delimiter, fields);
    if (names === null) {
      names = validateHeader(fields);
      columns = names.map((name) => new PlainColumn(name, forced[name] === undefined));
    } else if (fields.length !== names.length) {
      if (!fields.every((f) => f.trim() === '')) {
        throw new InputError(`csv: row ${row + 1} has ${fields.length} fields; the header has ${names.length}`, 'csv');
      }
    } else {
      if (row === lineStarts.length) lineStarts = grow(lineStarts);
      lineStarts[row] = start;
      for (let j = 0; j < fields.length; j++) {
        const column = columns[j];
        if (!column.add(row, fields[j])) column.toText(text, lineStarts, row, j, delimiter);
      }
      row++;
    }
    start = next;
  }
  if (names === null || row === 0) throw new InputError('csv: the CSV has a header but no data rows', 'csv');
  checkTypeNames(names, forced);
  return {
    rowCount: row,
    columns: columns.map((c) => c.finish(row, { type: forced[c.name], dayOrder: options.dayOrder })),
  };
}

/** A column being read: numbers while every field is numeric or missing, its fields' text once one is not. */
class PlainColumn {
  private numbers: Float64Array | null = new Float64Array(1024);
  private present = 0;
  private binary = true;
  private texts: string[] = [];
  /**
   * One string per distinct value while there are few (categories, dates): a million rows then hold a handful of
   * strings instead of a million copies that the garbage collector must carry and promote. Dropped past
   * INTERNED_VALUES distinct values (an id column), where it would only cost.
   */
  private interned: Map<string, string> | null = new Map();

  /** `numeric` false: keep the text (the column's type is forced, so buildColumn reads it). */
  constructor(
    readonly name: string,
    numeric: boolean,
  ) {
    if (!numeric) this.numbers = null;
  }

  /** Adds the field of `row`; false when the column must turn to text first (the field is not a number). */
  add(row: number, field: string): boolean {
    const numbers = this.numbers;
    if (numbers === null) {
      this.texts.push(this.intern(field));
      return true;
    }
    let v: number;
    if (isMissingText(field)) v = NaN;
    else {
      v = parseNumberText(field);
      if (v !== v) return false;
      this.present++;
      if (v !== 0 && v !== 1) this.binary = false;
    }
    if (row === numbers.length) this.numbers = grow(numbers);
    this.numbers![row] = v;
    return true;
  }

  /** Turns the column to text: cuts its fields of rows [0, row) again from their lines, then adds `row`'s. */
  toText(text: string, lineStarts: Int32Array, row: number, index: number, delimiter: string): void {
    this.numbers = null;
    const texts: string[] = new Array(row);
    for (let i = 0; i < row; i++) texts[i] = this.intern(fieldAt(text, lineStarts[i], index, delimiter));
    texts.push(this.intern(fieldAt(text, lineStarts[row], index, delimiter)));
    this.texts = texts;
  }

  private intern(field: string): string {
    const interned = this.interned;
    if (interned === null) return field;
    const known = interned.get(field);
    if (known !== undefined) return known;
    if (interned.size === INTERNED_VALUES) this.interned = null;
    else interned.set(field, field);
    return field;
  }

  /** The typed column: NUMBER (BOOLEAN when all values are 0/1), as buildColumn decides, or buildColumn's. */
  finish(rows: number, options: { type?: Column['type']; dayOrder?: TableOptions['dayOrder'] }): Column {
    if (this.numbers === null) return buildColumn(this.name, this.texts, options);
    const values = this.numbers.length === rows ? this.numbers : this.numbers.slice(0, rows);
    return this.binary && this.present > 0
      ? { name: this.name, type: 'BOOLEAN', values }
      : { name: this.name, type: 'NUMBER', values };
  }
}

/** Distinct values a text column interns before it stops (more than CATEGORY's 1,000 levels, fewer than ids). */
const INTERNED_VALUES = 4096;

/** The fields of the line [start, end) into `out` (reused: no array per line). */
function splitLine(text: string, start: number, end: number, delimiter: string, out: string[]): void {
  out.length = 0;
  for (let from = start; ;) {
    let cut = text.indexOf(delimiter, from);
    if (cut === -1 || cut > end) cut = end;
    out.push(text.substring(from, cut));
    if (cut === end) return;
    from = cut + delimiter.length;
  }
}

/** Field `index` of the line starting at `start`. */
function fieldAt(text: string, start: number, index: number, delimiter: string): string {
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let from = start;
  for (let j = 0; j < index; j++) from = text.indexOf(delimiter, from) + delimiter.length;
  let cut = text.indexOf(delimiter, from);
  if (cut === -1 || cut > end) cut = end;
  return text.substring(from, cut);
}

function grow<T extends Float64Array | Int32Array>(values: T): T {
  const bigger = new (values.constructor as new (n: number) => T)(values.length * 2);
  bigger.set(values);
  return bigger;
}
