/**
 * Where everything on a results sheet goes, decided once so the Excel pane and the .xlsx writer place tables and
 * charts identically. Rows and columns are 0-based.
 *
 * The sheet reads top to bottom: the title in A1, one note per row below it, a blank row, then each table with its
 * bold title line above the header. A table's charts sit to its right, side by side, when the table is narrow
 * (at most SIDE_BY_SIDE_MAX_COLUMNS columns), otherwise below it; the next table starts after both, past a gap.
 */
import type { LayoutChart, LayoutTable, ResultSheet } from './types';

/** A chart's size in cells: about 480 × 300 pixels at Excel's default column width and row height. */
export const CHART_WIDTH = 8;
export const CHART_HEIGHT = 15;
/** Tables this narrow get their charts beside them; wider ones get them below. */
export const SIDE_BY_SIDE_MAX_COLUMNS = 8;
/** Blank rows between one table (or its charts) and the next table's title. */
export const GAP_ROWS = 2;

export interface PlacedTable {
  table: LayoutTable;
  /** Row of the bold title line. */
  titleRow: number;
  /** Row of the header; data rows follow it. */
  headerRow: number;
  firstColumn: number;
  /** Last data row (the header row itself when the table has no rows). */
  lastRow: number;
  lastColumn: number;
}

export interface PlacedChart {
  chart: LayoutChart;
  /** Top-left cell of the chart's frame. */
  row: number;
  column: number;
  /** Size of the frame in cells. */
  width: number;
  height: number;
}

export interface SheetPlacement {
  titleRow: number;
  /** One row per note, in order. */
  noteRows: number[];
  tables: PlacedTable[];
  charts: PlacedChart[];
}

/**
 * Places a results sheet's title, notes, tables and charts.
 * @throws Error naming the chart when it refers to a table that is not on the sheet.
 * @example With two notes and a 3-column table of 4 rows: the table's title is on row 4, its header on row 5, its
 *   data on rows 6–9 (columns 0–2), and its charts start on row 4 at columns 4, 13, 22, …
 */
export function placeSheet(sheet: ResultSheet): SheetPlacement {
  const names = new Set(sheet.tables.map((table) => table.name));
  for (const chart of sheet.charts) {
    if (!names.has(chart.table))
      throw new Error(`placeSheet: chart "${chart.title}" plots unknown table "${chart.table}"`);
  }
  const noteRows = sheet.notes.map((_, i) => 1 + i);
  const tables: PlacedTable[] = [];
  const charts: PlacedChart[] = [];
  let row = 1 + sheet.notes.length + 1;
  for (const table of sheet.tables) {
    const placed: PlacedTable = {
      table,
      titleRow: row,
      headerRow: row + 1,
      firstColumn: 0,
      lastRow: row + 1 + table.rows.length,
      lastColumn: table.columns.length - 1,
    };
    tables.push(placed);
    let bottom = placed.lastRow;
    const own = sheet.charts.filter((chart) => chart.table === table.name);
    const beside = table.columns.length <= SIDE_BY_SIDE_MAX_COLUMNS;
    const chartRow = beside ? placed.titleRow : placed.lastRow + 2;
    own.forEach((chart, i) => {
      const column = (beside ? table.columns.length + 1 : 0) + i * (CHART_WIDTH + 1);
      charts.push({ chart, row: chartRow, column, width: CHART_WIDTH, height: CHART_HEIGHT });
      bottom = Math.max(bottom, chartRow + CHART_HEIGHT - 1);
    });
    row = bottom + 1 + GAP_ROWS;
  }
  return { titleRow: 0, noteRows, tables, charts };
}
