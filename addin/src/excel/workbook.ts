/// <reference types="office-js" />
/**
 * Excel access for the pane, behind the small `Workbook` interface: one `Excel.run` per user action, as few
 * `context.sync()` calls as the work allows (each is a round trip and an undo step), plain data in and out.
 */
import type { Cell, TableInput } from '../contract';
import { columnName, parseAddress } from './address';
import { toTableInput } from './mappers';
import { SelectionError } from './selection-error';
import { uniqueSheetName } from './sheet-name';

/** The selection read as a table, with the sheet-qualified address of the block that was read. */
export interface Selection extends TableInput {
  address: string;
}

/** One line of the summary sheet: segment name, member count and share of rows (a fraction, shown as %). */
export interface SummaryRow {
  segment: string;
  size: number;
  share: number;
}

/** What the pane needs from the workbook. */
export interface Workbook {
  /** Reads the selected block (its used part when whole columns or rows are selected); row 1 is the header. */
  readSelection(): Promise<Selection>;
  /**
   * Inserts a sheet column right of the block at `address` and writes `header` then one value per data row (null →
   * empty cell); returns the written address.
   */
  writeColumn(address: string, header: string, values: Cell[]): Promise<string>;
  /** Writes the rows as a table on a new, uniquely named sheet; returns the sheet's name. */
  writeSummarySheet(rows: SummaryRow[]): Promise<string>;
}

/** `Excel.run` narrowed to the one form used here, so tests can pass a mock context. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Most cells Excel returns from one read. */
export const MAX_READ_CELLS = 5_000_000;
const SHEET_COLUMNS = 16384;
export const SUMMARY_SHEET = 'Quadrant segments';
const SUMMARY_HEADER = ['Segment', 'Size', 'Share'];
const TOO_LARGE =
  'The selection is more than Excel can send in one request (5 MB in Excel on the web): select fewer rows or columns.';
const PAYLOAD_LIMIT_CODES = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

/**
 * The `Workbook` over Office.js.
 * @example const workbook = createExcelWorkbook((batch) => Excel.run(batch));
 */
export function createExcelWorkbook(run: ExcelRun): Workbook {
  return {
    async readSelection() {
      try {
        return await run((context) => readSelection(context));
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && PAYLOAD_LIMIT_CODES.has(code)) {
          throw new SelectionError(TOO_LARGE);
        }
        throw error;
      }
    },
    writeColumn: (address, header, values) => run((context) => writeColumn(context, address, header, values)),
    writeSummarySheet: (rows) => run((context) => writeSummarySheet(context, rows)),
  };
}

async function readSelection(context: Excel.RequestContext): Promise<Selection> {
  const selection = context.workbook.getSelectedRange();
  selection.load('address, rowCount, columnCount, isEntireColumn, isEntireRow');
  // Whole columns or rows read as null values: the used part is what the user means.
  const used = selection.getUsedRangeOrNullObject(true);
  used.load('address, rowCount, columnCount');
  await context.sync();

  const unbounded = selection.isEntireColumn || selection.isEntireRow;
  if (unbounded && used.isNullObject) throw new SelectionError(`The selection ${selection.address} is empty.`);
  const range = unbounded ? used : selection;
  const cells = range.rowCount * range.columnCount;
  if (cells > MAX_READ_CELLS) {
    throw new SelectionError(
      `The selection ${range.address} has ${cells} cells; Excel reads at most ${MAX_READ_CELLS} at once.`,
    );
  }
  range.load('values, numberFormat, valueTypes');
  await context.sync();

  const address = range.address;
  const table = toTableInput(
    { values: range.values, numberFormat: range.numberFormat, valueTypes: range.valueTypes },
    parseAddress(address),
  );
  return { address, ...table };
}

async function writeColumn(
  context: Excel.RequestContext,
  address: string,
  header: string,
  values: Cell[],
): Promise<string> {
  const block = parseAddress(address);
  if (values.length !== block.rowCount - 1) {
    throw new Error(`writeColumn: ${values.length} values for the ${block.rowCount - 1} data rows of ${address}`);
  }
  if (block.column + block.columnCount >= SHEET_COLUMNS) {
    throw new SelectionError(
      `The selection ${address} ends at the sheet's last column: there is no room for the segments.`,
    );
  }
  const column = columnName(block.column + block.columnCount);
  const sheet = context.workbook.worksheets.getItem(block.sheet);
  // A fresh column, so nothing to the right of the selection is overwritten.
  sheet.getRange(`${column}:${column}`).insert('Right');
  const target = sheet.getRange(`${column}${block.row + 1}:${column}${block.row + block.rowCount}`);
  target.values = [[header], ...values.map((v) => [v ?? ''])];
  target.load('address');
  await context.sync();
  return target.address;
}

async function writeSummarySheet(context: Excel.RequestContext, rows: SummaryRow[]): Promise<string> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();

  const name = uniqueSheetName(
    sheets.items.map((sheet) => sheet.name),
    SUMMARY_SHEET,
  );
  const sheet = sheets.add(name);
  const range = sheet.getRangeByIndexes(0, 0, rows.length + 1, SUMMARY_HEADER.length);
  range.values = [SUMMARY_HEADER, ...rows.map((r) => [r.segment, r.size, r.share])];
  if (rows.length > 0) sheet.getRangeByIndexes(1, 2, rows.length, 1).numberFormat = rows.map(() => ['0.0%']);
  // After the values: a table over written cells takes their first row as its header.
  sheet.tables.add(range, true);
  range.format.autofitColumns();
  await context.sync();
  return name;
}
