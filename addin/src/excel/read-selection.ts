/// <reference types="office-js" />
/**
 * Reads the user's selection as a table (header row + data rows) in row blocks sized by bytes, so that no response
 * exceeds Excel on the web's 5 MB limit: a first block sized by cells measures the bytes per row, later blocks aim
 * at 2 MB, and a block refused with a payload error is halved and read again. Between blocks the pane yields (Cancel
 * stays clickable; desktop Excel restarts add-ins that block for 5 s) and reports progress.
 *
 * What is read: one cell selected → its surrounding region (the table the cursor is in); whole columns or rows →
 * their used part (`getUsedRangeOrNullObject`, since whole-column ranges read as null); else the selection itself.
 * Each cell's `values` and `valueTypes` (an error cell and the text "#N/A" look alike in `values`), and its date-ness
 * from `numberFormatCategories` where ExcelApi 1.12 is supported, else from `numberFormat`.
 */
import type { Cell } from '../contract';
import { parseAddress, type RangeAddress } from './address';
import { throwIfCancelled, yieldToHost, type CancelSignal } from './cancel';
import { cellValue, isDateCell, toHeader } from './mappers';
import { isPayloadLimitError, jsonBytes, PROBE_CELLS, rowsForBytes } from './payload';
import { SelectionError } from './selection-error';

/** The selection read as a table, with where it was read from and a sample to re-check before writing back. */
export interface Selection {
  /** Sheet-qualified address of the block read (header row included), as Excel reported it. */
  address: string;
  block: RangeAddress;
  header: string[];
  rows: Cell[][];
  /** Raw values of a few rows (0 = header), to tell later whether the sheet still holds the same data. */
  sample: { rows: number[]; values: string[] };
}

export interface ReadOptions {
  /** `Office.context.requirements.isSetSupported('ExcelApi', '1.12')`: read number format categories. */
  categories: boolean;
  signal?: CancelSignal;
  /** Called after each block with the sheet rows read so far and in all (header included). */
  onProgress?(done: number, total: number): void;
}

/** Rows kept in the re-check sample: the header, the last row and evenly spaced rows between. */
const SAMPLE_ROWS = 24;

/**
 * @throws SelectionError for an empty selection, a missing header, no data rows, or a single row over the limit.
 * @throws CancelledError when `options.signal` is aborted between blocks.
 */
export async function readSelection(context: Excel.RequestContext, options: ReadOptions): Promise<Selection> {
  const selection = context.workbook.getSelectedRange();
  selection.load('address, rowCount, columnCount, isEntireColumn, isEntireRow');
  const used = selection.getUsedRangeOrNullObject(true);
  used.load('address');
  await context.sync();

  let address: string;
  if (selection.isEntireColumn || selection.isEntireRow) {
    if (used.isNullObject) throw new SelectionError(`The selection ${selection.address} is empty.`);
    address = used.address;
  } else if (selection.rowCount === 1 && selection.columnCount === 1) {
    const region = selection.getSurroundingRegion();
    region.load('address');
    await context.sync();
    address = region.address;
  } else {
    address = selection.address;
  }
  return readBlock(context, address, options);
}

/**
 * Reads the block at a sheet-qualified address (a table chosen earlier, read again for fresh data), in blocks as
 * `readSelection` does.
 * @throws SelectionError when the block has no data rows or no header, or the sheet is gone (Excel's ItemNotFound).
 */
export async function readBlock(
  context: Excel.RequestContext,
  address: string,
  options: ReadOptions,
): Promise<Selection> {
  const block = parseAddress(address);
  if (block.rowCount < 2) {
    throw new SelectionError(
      `The selection ${address} has no data rows: select a header row and the rows below it (or one cell of the table).`,
    );
  }
  const sheet = context.workbook.worksheets.getItem(block.sheet);
  const fields = options.categories ? 'values, valueTypes, numberFormatCategories' : 'values, valueTypes, numberFormat';
  const sampleRows = sampleRowIndexes(block.rowCount);
  const sampleValues = new Map<number, string>();
  const cells: Cell[][] = [];

  let start = 0;
  let size = Math.max(1, Math.floor(PROBE_CELLS / block.columnCount));
  let bytesPerRow = 0;
  // After a refusal, blocks stay at most the size that worked: the host's limit is lower than our estimate thinks.
  let cap = Infinity;
  while (start < block.rowCount) {
    throwIfCancelled(options.signal);
    const count = Math.min(size, block.rowCount - start);
    const range = sheet.getRangeByIndexes(block.row + start, block.column, count, block.columnCount);
    range.load(fields);
    try {
      await context.sync();
    } catch (error) {
      if (!isPayloadLimitError(error)) throw error;
      if (count === 1) {
        throw new SelectionError(
          `Row ${block.row + start + 1} of the selection alone is more than Excel can send at once (5 MB).`,
        );
      }
      size = cap = Math.ceil(count / 2);
      continue;
    }
    const values = range.values;
    const types = range.valueTypes as string[][];
    const formats = options.categories ? null : range.numberFormat;
    const categories = options.categories ? (range.numberFormatCategories as string[][]) : null;
    const customFormats = categories ? await customDateFormats(context, range, categories, types) : null;
    bytesPerRow = Math.max(bytesPerRow, jsonBytes([values, types, formats ?? categories]) / count);
    for (let i = 0; i < count; i++) {
      const row: Cell[] = new Array(block.columnCount);
      for (let j = 0; j < block.columnCount; j++) {
        const isDate = categories
          ? isDateCell(categories[i][j], customFormats?.[i]?.[j])
          : isDateCell(undefined, formats![i][j]);
        row[j] = cellValue(values[i][j], types[i][j], isDate);
      }
      cells.push(row);
      if (sampleRows.includes(start + i)) sampleValues.set(start + i, JSON.stringify(values[i]));
    }
    start += count;
    options.onProgress?.(start, block.rowCount);
    size = Math.min(cap, rowsForBytes(bytesPerRow * 1.25, block.rowCount - start));
    if (start < block.rowCount) await yieldToHost();
  }

  const header = toHeader(cells[0], block);
  return {
    address,
    block,
    header,
    rows: cells.slice(1),
    sample: { rows: sampleRows, values: sampleRows.map((i) => sampleValues.get(i)!) },
  };
}

/**
 * The number formats of a block's numeric cells whose category is "Custom" (a custom date such as `dd.mm.yy` is
 * one), read only when there are any; null otherwise.
 */
async function customDateFormats(
  context: Excel.RequestContext,
  range: Excel.Range,
  categories: string[][],
  types: string[][],
): Promise<unknown[][] | null> {
  const needed = categories.some((row, i) => row.some((c, j) => c === 'Custom' && types[i][j] === 'Double'));
  if (!needed) return null;
  range.load('numberFormat');
  await context.sync();
  return range.numberFormat;
}

/** Zero-based rows of a block of `rowCount` rows kept for the re-check: the header, evenly spaced rows, the last. */
export function sampleRowIndexes(rowCount: number): number[] {
  if (rowCount <= SAMPLE_ROWS) return Array.from({ length: rowCount }, (_, i) => i);
  const step = (rowCount - 1) / (SAMPLE_ROWS - 1);
  return Array.from({ length: SAMPLE_ROWS }, (_, i) => Math.round(i * step));
}

/**
 * Whether the sheet still holds what was read: the sampled rows' raw values are unchanged (one sync).
 * Called right before writing back, after the server round trip, when the user may have edited or sorted the data.
 */
export async function stillHolds(context: Excel.RequestContext, selection: Selection): Promise<boolean> {
  const { block, sample } = selection;
  const sheet = context.workbook.worksheets.getItemOrNullObject(block.sheet);
  await context.sync();
  if (sheet.isNullObject) return false;
  const ranges = sample.rows.map((i) => {
    const range = sheet.getRangeByIndexes(block.row + i, block.column, 1, block.columnCount);
    range.load('values');
    return range;
  });
  await context.sync();
  return ranges.every((range, k) => JSON.stringify(range.values[0]) === sample.values[k]);
}
