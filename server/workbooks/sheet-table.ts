/**
 * The table found on a worksheet or in a CSV file: header and data rows as cells, where they sit on the sheet (so
 * row columns can be written beside them), and warnings about how it was read.
 */
import type { Cell } from '../../shared/table/types';

export interface SheetTable {
  /** The file's name as the user gave it, for messages. */
  fileName: string;
  sheetName: string;
  header: string[];
  rows: Cell[][];
  /** 1-based sheet row of the header. */
  headerRow: number;
  /** 1-based sheet row of each data row (empty rows in between are skipped). */
  rowNumbers: number[];
  /** 1-based sheet column of the first and last header cell. */
  firstColumn: number;
  lastColumn: number;
  warnings: string[];
}
