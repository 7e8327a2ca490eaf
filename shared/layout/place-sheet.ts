/**
 * Where everything of a ResultSheet goes, in zero-based cells, so every writer (Office.js, ExcelJS) draws the same
 * sheet: the title in A1, one note per row below it, then the tables from column A down, each under its bold title
 * line with a blank row after it, and the charts in a column to the right of the widest table, one below the other.
 */
import type { ResultSheet } from './types';

export interface PlacedTable {
  /** Row of the title line; the table's header row is the next one. */
  titleRow: number;
  headerRow: number;
  column: number;
  /** Header row included. */
  rowCount: number;
  columnCount: number;
}

export interface PlacedChart {
  /** Top-left and bottom-right cells the chart covers. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetPlacement {
  titleRow: number;
  noteRows: number[];
  tables: PlacedTable[];
  charts: PlacedChart[];
}

/** A chart's size in cells: about 480 × 300 px at Excel's default column width and row height. */
export const CHART_COLUMNS = 8;
export const CHART_ROWS = 15;

/**
 * @example placeSheet({ name: 'S', title: 'T', notes: ['n'], tables: [t3x2], charts: [c] })
 * // { titleRow: 0, noteRows: [1], tables: [{ titleRow: 3, headerRow: 4, column: 0, rowCount: 3, columnCount: 2 }],
 * //   charts: [{ top: 3, left: 3, bottom: 18, right: 11 }] }
 */
export function placeSheet(sheet: ResultSheet): SheetPlacement {
  const noteRows = sheet.notes.map((_, i) => 1 + i);
  let row = 2 + sheet.notes.length;
  const tables = sheet.tables.map((table): PlacedTable => {
    const placed = {
      titleRow: row,
      headerRow: row + 1,
      column: 0,
      rowCount: table.rows.length + 1,
      columnCount: table.columns.length,
    };
    row += table.rows.length + 3;
    return placed;
  });
  const left = Math.max(0, ...sheet.tables.map((t) => t.columns.length)) + 1;
  const top = 2 + sheet.notes.length;
  const charts = sheet.charts.map((_, i): PlacedChart => ({
    top: top + i * (CHART_ROWS + 1),
    left,
    bottom: top + i * (CHART_ROWS + 1) + CHART_ROWS,
    right: left + CHART_COLUMNS,
  }));
  return { titleRow: 0, noteRows, tables, charts };
}
