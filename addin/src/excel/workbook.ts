/// <reference types="office-js" />
/**
 * Excel access for the pane, behind the small `Workbook` interface (plain data in and out, so the panes never touch
 * Office.js): one `Excel.run` to read a selection, one to write a run's results, each with as few `context.sync()`
 * calls as the payload limit allows (each is a round trip and an undo step).
 */
import type { ResultLayout } from '../../../shared/layout/types';
import type { CancelSignal } from './cancel';
import { readBlock, readSelection, stillHolds, type Selection } from './read-selection';
import { SelectionError } from './selection-error';
import { writeResultSheet } from './write-result-sheet';
import { besideBlock, isEmptyBlock, localAddress, writeRowColumns } from './write-row-columns';

export type { Selection } from './read-selection';

export interface Progress {
  signal?: CancelSignal;
  onProgress?(done: number, total: number): void;
}

export interface WrittenResults {
  /** Sheet-qualified address of the per-row columns written beside the data (header included), if any. */
  rowColumns: string | null;
  /** Name of the new results sheet. */
  sheet: string;
}

/** What the panes need from the workbook. */
export interface Workbook {
  /** Reads the selection (its table when one cell is selected, its used part for whole columns) in blocks. */
  readSelection(progress?: Progress): Promise<Selection>;
  /** Reads the block at `address` again (the table a pane was pointed at), for data as it is now. */
  readAddress(address: string, progress?: Progress): Promise<Selection>;
  /** Address of the cells `columnCount` result columns would take beside the selection, and whether they are empty. */
  beside(selection: Selection, columnCount: number): Promise<{ address: string; empty: boolean }>;
  /**
   * Re-checks that the sheet still holds the selection's data, then writes the per-row columns beside it (into
   * empty cells, or into inserted cells when `insert`) and the results sheet.
   */
  writeResults(
    selection: Selection,
    layout: ResultLayout,
    options: Progress & { insert: boolean },
  ): Promise<WrittenResults>;
}

/** `Excel.run` narrowed to the one form used here, so tests can pass a mock context. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * The `Workbook` over Office.js. `supportsCategories` tells whether ExcelApi 1.12 (number format categories) is
 * there: `() => Office.context.requirements.isSetSupported('ExcelApi', '1.12')`.
 */
export function createExcelWorkbook(run: ExcelRun, supportsCategories: () => boolean): Workbook {
  return {
    readSelection: (progress = {}) =>
      run((context) => readSelection(context, { ...progress, categories: supportsCategories() })),
    readAddress: (address, progress = {}) =>
      run((context) => readBlock(context, address, { ...progress, categories: supportsCategories() })),
    async beside(selection, columnCount) {
      const target = besideBlock(selection.block, columnCount);
      const empty = await run((context) => isEmptyBlock(context, target));
      return { address: qualified(selection.address, localAddress(target)), empty };
    },
    writeResults: (selection, layout, options) =>
      run(async (context) => {
        if (!(await stillHolds(context, selection))) {
          throw new SelectionError(
            `The data in ${selection.address} changed while the analysis ran (edited, sorted or moved): nothing was written. Run it again.`,
          );
        }
        let rowColumns: string | null = null;
        if (layout.rowColumns) {
          const target = besideBlock(selection.block, layout.rowColumns.columns.length);
          await writeRowColumns(context, target, layout.rowColumns, options);
          rowColumns = qualified(selection.address, localAddress(target));
        }
        const sheet = await writeResultSheet(context, layout.sheet);
        return { rowColumns, sheet };
      }),
  };
}

/** `local` ("H1:I9") on the sheet of `address` ("'Q1 data'!A1:G9"), keeping Excel's quoting of the sheet name. */
function qualified(address: string, local: string): string {
  return `${address.slice(0, address.lastIndexOf('!'))}!${local}`;
}
