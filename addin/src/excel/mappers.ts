/**
 * Pure mappers from what Excel returns for a range (values, number formats, value types) to the `TableInput` the
 * GraphQL API takes. No Office.js here, so every rule is unit-tested without a host.
 */
import type { Cell, TableInput } from '../contract';
import { columnName } from './address';
import { SelectionError } from './selection-error';

/** One read of a range: `values`, `numberFormat` and `valueTypes` (Excel.RangeValueType names), all the same shape. */
export interface RangeCells {
  values: unknown[][];
  numberFormat: unknown[][];
  valueTypes: string[][];
}

const DAY_MS = 86400000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Excel serial date (1900 date system) → ISO 8601 text: `YYYY-MM-DD` at midnight, else `YYYY-MM-DDTHH:MM:SS`
 * (with `.sss` when there are milliseconds). Counts days from 1899-12-30 and rounds the time of day to the
 * millisecond, as openpyxl's `from_excel` does, including its shift by one day below serial 60 where Excel keeps
 * Lotus 1-2-3's phantom 29 February 1900.
 * @example excelSerialToIso(45292) // '2024-01-01'; excelSerialToIso(45292.75) // '2024-01-01T18:00:00'
 */
export function excelSerialToIso(serial: number): string {
  const adjusted = serial > 0 && serial < 60 ? serial + 1 : serial;
  const day = Math.floor(adjusted);
  const ms = Math.round((adjusted - day) * DAY_MS);
  const iso = new Date(EXCEL_EPOCH_MS + day * DAY_MS + ms).toISOString();
  if (ms === 0) return iso.slice(0, 10);
  return ms % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}

/**
 * Whether an Excel number format shows a calendar date: its first section, once quoted text, escapes, `[...]`
 * modifiers, fill/padding characters and `General` are removed, has a day or year code, or a month code `m` in a
 * format without hours or seconds (there `m` means minutes). Time-only and elapsed formats (`h:mm`, `[h]:mm:ss`)
 * stay numbers: they are durations in days.
 * @example isDateFormat('dd/mm/yyyy') // true; isDateFormat('h:mm') // false; isDateFormat('#,##0 "days"') // false
 */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string') return false;
  const codes = format
    .replace(/"[^"]*"|\\.|\[[^\]]*\]|[_*]./g, '')
    .split(';')[0]
    .replace(/general/gi, '');
  return /[dy]/i.test(codes) || (/m/i.test(codes) && !/[hs]/i.test(codes));
}

/**
 * One cell as the API's `Cell`: error values (`#N/A`, `#DIV/0!`, … by `valueTypes`) and empty cells (`""`) become
 * null, date-formatted serials become ISO text (see `excelSerialToIso`), numbers, text and booleans pass through.
 * @example cellValue(45292, 'yyyy-mm-dd', 'Double') // '2024-01-01'; cellValue('#N/A', 'General', 'Error') // null
 */
export function cellValue(value: unknown, numberFormat: unknown, valueType: string): Cell {
  if (valueType === 'Error' || value === '') return null;
  if (typeof value === 'number') return value >= 0 && isDateFormat(numberFormat) ? excelSerialToIso(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return null;
}

/**
 * A range read → `TableInput`: the first row is the header (every cell named, names unique), the rest are rows in
 * sheet order, one per sheet row even when empty, so results map back row for row. `origin` is the zero-based
 * sheet position of the top-left cell, used only to name cells in messages.
 * @throws SelectionError when there is no data row, a header cell is empty or two header cells are equal.
 * @example toTableInput({ values: [['spend'], [12]], numberFormat: [['General'], ['0.00']],
 *   valueTypes: [['String'], ['Double']] }) // { header: ['spend'], rows: [[12]] }
 */
export function toTableInput(cells: RangeCells, origin = { row: 0, column: 0 }): TableInput {
  const mapped = cells.values.map((row, i) =>
    row.map((v, j) => cellValue(v, cells.numberFormat[i][j], cells.valueTypes[i][j])),
  );
  const cellName = (j: number) => `${columnName(origin.column + j)}${origin.row + 1}`;
  if (mapped.length < 2) {
    throw new SelectionError('The selection has no data rows: select a header row and the rows below it.');
  }
  const seen = new Map<string, number>();
  const header = mapped[0].map((cell, j) => {
    if (cell === null) {
      throw new SelectionError(
        `Header cell ${cellName(j)} is empty: name every column in the first row of the selection.`,
      );
    }
    const name = String(cell);
    const first = seen.get(name);
    if (first !== undefined) {
      throw new SelectionError(
        `Header "${name}" appears in both ${cellName(first)} and ${cellName(j)}: column names must be unique.`,
      );
    }
    seen.set(name, j);
    return name;
  });
  return { header, rows: mapped.slice(1) };
}

/**
 * Names of the columns that hold numbers only (at least one, nulls allowed), in header order: the features a
 * segmentation can use as they are. Dates (ISO text), booleans and text columns are left out.
 * @example numericColumns({ header: ['id', 'name'], rows: [[1, 'a'], [null, 'b']] }) // ['id']
 */
export function numericColumns(table: TableInput): string[] {
  return table.header.filter((_, j) => {
    let numbers = 0;
    for (const row of table.rows) {
      const cell = row[j];
      if (typeof cell === 'number') numbers++;
      else if (cell !== null) return false;
    }
    return numbers > 0;
  });
}
