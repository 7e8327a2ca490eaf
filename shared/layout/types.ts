/**
 * The layout of an analysis's results, independent of how a workbook is written: the Excel task pane writes it
 * with Office.js, the command line and `exportWorkbook` write it into an .xlsx. One description, so a run looks the
 * same in Excel, in a downloaded workbook and in a CLI output file (GUIDE §8).
 *
 * Builders (one per analysis, in this folder) take the analysis's result as the GraphQL contract shapes it (GUIDE
 * §2), so the pane can pass its query's answer straight in and the CLI maps the core's result to the same shape.
 * `placeSheet` (in this folder) decides where each table and chart goes; writers only follow it.
 */
import type { Cell } from '../table/types';

/** How a column's cells are shown: rates and shares are fractions shown as percentages (GUIDE §2). */
export type CellFormat = 'text' | 'integer' | 'number' | 'decimal3' | 'pvalue' | 'percent' | 'currency' | 'date';

/** Excel's number format for each CellFormat (en-US codes; Excel localises them). `text` is "@". */
export const NUMBER_FORMATS: Readonly<Record<CellFormat, string>> = {
  text: '@',
  integer: '#,##0',
  number: '#,##0.00',
  decimal3: '0.000',
  /** p-values: four decimals, so 0.0004 does not read as zero. */
  pvalue: '0.0000',
  percent: '0.0%',
  currency: '#,##0.00',
  date: 'yyyy-mm-dd',
};

export interface LayoutColumn {
  header: string;
  format: CellFormat;
}

/**
 * How a heat map colours: `diverging` (default) blue at the lowest value, white at 0, red at the highest (profile
 * z-scores); `correlation` the same with fixed ends at −1 and +1, so a weak r never looks strong; `sequential` white
 * at the lowest value to green at the highest (retention, counts).
 */
export type ColorScaleKind = 'diverging' | 'correlation' | 'sequential';

/** One stop of a colour scale: at the coloured range's lowest or highest value, or at a fixed number; `RRGGBB`. */
export interface ColorScaleStop {
  at: 'lowest' | 'highest' | number;
  color: string;
}

/** The stops of each ColorScaleKind, low to high (two or three), which both writers (pane and .xlsx) apply. */
export const COLOR_SCALE_STOPS: Record<ColorScaleKind, readonly ColorScaleStop[]> = {
  diverging: [
    { at: 'lowest', color: '5A8AC6' },
    { at: 0, color: 'FFFFFF' },
    { at: 'highest', color: 'F8696B' },
  ],
  correlation: [
    { at: -1, color: '5A8AC6' },
    { at: 0, color: 'FFFFFF' },
    { at: 1, color: 'F8696B' },
  ],
  sequential: [
    { at: 'lowest', color: 'FFFFFF' },
    { at: 'highest', color: '63BE7B' },
  ],
};

/** One Excel table (ListObject) on a results sheet, header row first. */
export interface LayoutTable {
  /** Excel table name: letters, digits and underscores, unique within the sheet's builder (writers suffix it). */
  name: string;
  /** A line written above the table in bold. */
  title: string;
  columns: LayoutColumn[];
  /** One array per row, in column order; null = empty cell. */
  rows: Cell[][];
  /** A colour scale over these 0-based columns of every row: a heat map. */
  colorScale?: { firstColumn: number; lastColumn: number; kind?: ColorScaleKind };
}

/** The native chart types both writers support (Office.js `Excel.ChartType` names). */
export type LayoutChartType = 'ColumnClustered' | 'BarClustered' | 'LineMarkers' | 'XYScatter';

/** A native chart bound to a table's cells: categories from one column, one series per value column. */
export interface LayoutChart {
  type: LayoutChartType;
  title: string;
  /** The `name` of the LayoutTable on the same sheet whose cells the chart plots. */
  table: string;
  /** 0-based column of the table holding the categories (x values for XYScatter). */
  categoryColumn: number;
  /** 0-based columns of the table plotted as series, each named by its header. */
  valueColumns: number[];
  xAxisTitle?: string;
  yAxisTitle?: string;
}

/** A results sheet: its (base) name, a title line, notes (warnings), tables and charts. */
export interface ResultSheet {
  /** Base name; a writer makes it unique in the workbook (" (2)", …) and within Excel's 31 characters. */
  name: string;
  title: string;
  notes: string[];
  tables: LayoutTable[];
  charts: LayoutChart[];
}

/** Per-row columns written beside the analysed rows (segment label and name, metrics), one value per data row. */
export interface RowColumns {
  columns: LayoutColumn[];
  /** values[i] holds the cells of data row i, in column order. */
  values: Cell[][];
}

/** Everything one run writes: columns beside the data and one results sheet. */
export interface ResultLayout {
  rowColumns: RowColumns | null;
  sheet: ResultSheet;
}
