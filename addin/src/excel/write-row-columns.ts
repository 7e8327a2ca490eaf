/// <reference types="office-js" />
/**
 * Writes per-row result columns (segment number and name, scores) right of the analysed block, in row blocks under
 * the payload limit, never over the user's cells: the target cells must be empty, or the user agreed to insert
 * fresh cells there — only the cells beside the block, shifted right in those rows, never a whole sheet column
 * (which would shift every row of the sheet and widen tables crossing it). Text columns get the text format "@"
 * before their values, so a name that looks like a number, a date or a formula stays the text it is.
 */
import { NUMBER_FORMATS, type RowColumns } from '../../../shared/layout/types';
import type { Cell } from '../contract';
import { columnName, type RangeAddress } from './address';
import type { CancelSignal } from './cancel';
import { jsonBytes } from './payload';
import { writeRowBlocks } from './row-blocks';
import { SelectionError } from './selection-error';

/** Excel's last column is XFD. */
export const SHEET_COLUMNS = 16384;

/** The cells that per-row columns of `columnCount` columns take beside `block` (header row included). */
export function besideBlock(block: RangeAddress, columnCount: number): RangeAddress {
  if (block.column + block.columnCount + columnCount > SHEET_COLUMNS) {
    throw new SelectionError(
      `The selection ends too near the sheet's last column: there is no room for ${columnCount} result columns.`,
    );
  }
  return { ...block, column: block.column + block.columnCount, columnCount };
}

/** A block's A1 address without its sheet ("H1:I3001"). */
export function localAddress(block: RangeAddress): string {
  const first = `${columnName(block.column)}${block.row + 1}`;
  const last = `${columnName(block.column + block.columnCount - 1)}${block.row + block.rowCount}`;
  return first === last ? first : `${first}:${last}`;
}

/** Whether every cell of `block` is empty (one sync). */
export async function isEmptyBlock(context: Excel.RequestContext, block: RangeAddress): Promise<boolean> {
  const range = context.workbook.worksheets
    .getItem(block.sheet)
    .getRangeByIndexes(block.row, block.column, block.rowCount, block.columnCount);
  const used = range.getUsedRangeOrNullObject(true);
  used.load('address');
  await context.sync();
  return used.isNullObject;
}

export interface WriteRowColumnsOptions {
  /** Insert fresh cells at `target` (shifting those rows' cells right) instead of requiring it empty. */
  insert: boolean;
  signal?: CancelSignal;
  onProgress?(done: number, total: number): void;
}

/**
 * Writes the header row and one row of values per data row into `target` (its first row is the header).
 * @throws SelectionError when `target` is not empty and `insert` is false.
 */
export async function writeRowColumns(
  context: Excel.RequestContext,
  target: RangeAddress,
  columns: RowColumns,
  options: WriteRowColumnsOptions,
): Promise<void> {
  if (columns.values.length !== target.rowCount - 1) {
    throw new Error(`writeRowColumns: ${columns.values.length} rows of values for ${target.rowCount - 1} data rows`);
  }
  const sheet = context.workbook.worksheets.getItem(target.sheet);
  if (options.insert) {
    sheet.getRangeByIndexes(target.row, target.column, target.rowCount, target.columnCount).insert('Right');
    await context.sync();
  } else if (!(await isEmptyBlock(context, target))) {
    throw new SelectionError(
      `Cells ${localAddress(target)} beside the selection are no longer empty; nothing was written.`,
    );
  }

  const formats = columns.columns.map((c) => NUMBER_FORMATS[c.format]);
  await writeRowBlocks(context, {
    total: columns.values.length,
    rowBytes: (start, count) => rowBytes(columns.values.slice(start, start + count), formats),
    queue(start, count) {
      if (start === 0) {
        // Queued with the first block (and again if that sync is refused: a failed sync applies nothing).
        const header = sheet.getRangeByIndexes(target.row, target.column, 1, target.columnCount);
        header.numberFormat = [formats.map(() => NUMBER_FORMATS.text)];
        header.values = [columns.columns.map((c) => c.header)];
        header.format.font.bold = true;
      }
      const rows = columns.values.slice(start, start + count);
      const range = sheet.getRangeByIndexes(target.row + 1 + start, target.column, count, target.columnCount);
      // The format first: a text cell keeps "007" and "=1+1" as typed; numbers get their display format.
      range.numberFormat = rows.map(() => formats);
      range.values = rows.map((row) => row.map(toExcelValue));
      if (start === 0) range.format.autofitColumns();
    },
    signal: options.signal,
    onProgress: options.onProgress,
  });
}

/** Bytes per row of a block write: its values and its number formats. */
export function rowBytes(rows: Cell[][], formats: string[]): number {
  if (rows.length === 0) return 1;
  return jsonBytes(rows) / rows.length + jsonBytes(formats);
}

/** Excel writes "" for an empty cell; null in a values array means "leave unchanged", not "empty". */
export function toExcelValue(cell: Cell): string | number | boolean {
  return cell === null ? '' : cell;
}
