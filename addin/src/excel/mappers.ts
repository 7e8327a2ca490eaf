/**
 * Pure mappers from what Excel returns for a range (values, number formats, value types) to the `TableInput` the
 * GraphQL API takes. No Office.js here, so every rule is unit-tested without a host.
 */
import type { Cell } from '../contract';
import { columnName } from './address';
import { SelectionError } from './selection-error';

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
 * Whether a numeric cell holds a date: Excel's number format category says so (`numberFormatCategories`, ExcelApi
 * 1.12) or, where that is unknown or "Custom", the number format shows a calendar date (see `isDateFormat`).
 * @example isDateCell('Date', undefined) // true; isDateCell('Custom', 'dd/mm/yyyy') // true; isDateCell('Time', 'h:mm') // false
 */
export function isDateCell(category: string | undefined, numberFormat: unknown): boolean {
  if (category === 'Date') return true;
  if (category !== undefined && category !== 'Custom') return false;
  return isDateFormat(numberFormat);
}

/**
 * One cell as the API's `Cell`: error values (`#N/A`, `#DIV/0!`, … by `valueTypes`, as opposed to the text "#N/A")
 * and empty cells become null, dates (serials in a date-formatted cell) become ISO text (see `excelSerialToIso`),
 * numbers, text and booleans pass through.
 * @example cellValue(45292, 'Double', true) // '2024-01-01'; cellValue('#N/A', 'Error', false) // null
 */
export function cellValue(value: unknown, valueType: string, isDate: boolean): Cell {
  if (valueType === 'Error' || valueType === 'Empty' || value === '') return null;
  if (typeof value === 'number') return isDate && value >= 0 ? excelSerialToIso(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return null;
}

/**
 * The header row of a selection: every cell named, names unique. `origin` is the zero-based sheet position of the
 * top-left cell, used only to name cells in messages.
 * @throws SelectionError when a header cell is empty or two header cells are equal.
 * @example toHeader(['spend', 'region']) // ['spend', 'region']
 */
export function toHeader(row: readonly Cell[], origin = { row: 0, column: 0 }): string[] {
  const cellName = (j: number) => `${columnName(origin.column + j)}${origin.row + 1}`;
  const seen = new Map<string, number>();
  return row.map((cell, j) => {
    if (cell === null || String(cell).trim() === '') {
      throw new SelectionError(
        `The selection has no header: cell ${cellName(j)} is empty. Select a table whose first row names every column.`,
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
}
