/**
 * Writes a result layout into an ExcelJS workbook: the row columns beside the analysed rows of the data sheet, and a
 * new results sheet with the title, notes, tables (Excel tables with number formats and the profile colour scale)
 * placed by `placeSheet`, then the native charts bound to those cells (added to the package by `addCharts`).
 * The workbook object is changed in memory only; the caller decides where the bytes go.
 */
import type ExcelJS from 'exceljs';
import { cellA1, columnLetters, quoteSheetName, rangeA1 } from '../../shared/layout/a1';
import { placeSheet, type PlacedTable } from '../../shared/layout/place-sheet';
import { COLOR_SCALE_STOPS, NUMBER_FORMATS, type ResultLayout, type RowColumns } from '../../shared/layout/types';
import type { Cell } from '../../shared/table/types';
import { addCharts, type PlacedChartSpec } from './add-charts';
import type { SheetTable } from './sheet-table';

/** Excel's limit on sheet names. */
const MAX_SHEET_NAME = 31;
/** The header look of TableStyleMedium2, written into the cells too: readers that ignore table styles show it. */
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF4472C4' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
const ROW_BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FFD9E1F2' } } };

export interface DataSheet {
  worksheet: ExcelJS.Worksheet;
  table: SheetTable;
}

export interface WrittenResults {
  /** The complete .xlsx package. */
  bytes: Buffer;
  /** The name the results sheet got (unique in the workbook). */
  sheetName: string;
  /** The headers the row columns got (made unique against the data's headers). */
  rowHeaders: string[];
}

/**
 * Adds the layout to the workbook and returns the .xlsx bytes with the charts in them.
 * @throws Error when row columns do not have one entry per data row (a bug, not a user error).
 */
export async function writeResults(
  workbook: ExcelJS.Workbook,
  layout: ResultLayout,
  data: DataSheet | null,
): Promise<WrittenResults> {
  const rowHeaders = data && layout.rowColumns ? writeRowColumns(data, layout.rowColumns) : [];
  const sheetName = uniqueSheetName(
    workbook.worksheets.map((ws) => ws.name),
    layout.sheet.name,
  );
  const worksheet = workbook.addWorksheet(sheetName, {
    views: [{ showGridLines: false }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  const placement = placeSheet(layout.sheet);
  const title = worksheet.getCell(placement.titleRow + 1, 1);
  title.value = layout.sheet.title;
  title.font = { bold: true, size: 14, color: { argb: 'FF1F3864' } };
  layout.sheet.notes.forEach((note, i) => {
    const cell = worksheet.getCell(placement.noteRows[i] + 1, 1);
    cell.value = note;
    cell.font = { italic: true, color: { argb: 'FF595959' } };
  });
  const usedNames = tableNames(workbook);
  const widths: number[] = [];
  for (const placed of placement.tables) writeTable(worksheet, placed, usedNames, widths);
  widths.forEach((width, i) => {
    if (width) worksheet.getColumn(i + 1).width = Math.min(40, Math.max(9, width + 2));
  });

  const charts: PlacedChartSpec[] = placement.charts.map((placed) => {
    const table = placement.tables.find((t) => t.table.name === placed.chart.table)!;
    return {
      type: placed.chart.type,
      title: placed.chart.title,
      xAxisTitle: placed.chart.xAxisTitle,
      yAxisTitle: placed.chart.yAxisTitle,
      row: placed.row,
      column: placed.column,
      width: placed.width,
      height: placed.height,
      series: placed.chart.valueColumns.map((column) =>
        seriesOf(sheetName, table, placed.chart.categoryColumn, column),
      ),
    };
  });
  const bytes = await addCharts(new Uint8Array(await workbook.xlsx.writeBuffer()), sheetName, charts);
  return { bytes, sheetName, rowHeaders };
}

/** Writes the row columns right of the data block, header in the header row; returns the headers used. */
function writeRowColumns({ worksheet, table }: DataSheet, rowColumns: RowColumns): string[] {
  if (rowColumns.values.length !== table.rowNumbers.length) {
    throw new Error(`writeResults: ${rowColumns.values.length} row values for ${table.rowNumbers.length} data rows`);
  }
  const taken = new Set(table.header.map((h) => h.toLowerCase()));
  const headerStyle = worksheet.getCell(table.headerRow, table.lastColumn).style;
  const headers = rowColumns.columns.map((column, j) => {
    const header = uniqueHeader(taken, column.header);
    const sheetColumn = table.lastColumn + 1 + j;
    const cell = worksheet.getCell(table.headerRow, sheetColumn);
    cell.value = header;
    cell.style = { ...headerStyle, font: { ...(headerStyle.font ?? {}), bold: true } };
    const format = NUMBER_FORMATS[column.format];
    let width = header.length;
    table.rowNumbers.forEach((row, i) => {
      const target = worksheet.getCell(row, sheetColumn);
      const value = rowColumns.values[i][j];
      target.value = value;
      if (column.format !== 'text') target.numFmt = format;
      if (value !== null) width = Math.max(width, String(value).length);
    });
    worksheet.getColumn(sheetColumn).width = Math.min(40, Math.max(9, width + 2));
    return header;
  });
  return headers;
}

function writeTable(worksheet: ExcelJS.Worksheet, placed: PlacedTable, usedNames: Set<string>, widths: number[]): void {
  const { table } = placed;
  const title = worksheet.getCell(placed.titleRow + 1, placed.firstColumn + 1);
  title.value = table.title;
  title.font = { bold: true, size: 11 };
  const headers = uniqueColumnHeaders(table.columns.map((c) => c.header));
  let name = table.name;
  for (let n = 2; usedNames.has(name.toLowerCase()); n++) name = `${table.name}_${n}`;
  usedNames.add(name.toLowerCase());
  worksheet.addTable({
    name,
    displayName: name,
    ref: `${columnLetters(placed.firstColumn)}${placed.headerRow + 1}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: headers.map((header) => ({ name: header, filterButton: false })),
    rows: table.rows.map((row) => row.map((cell) => cell)),
  });
  table.columns.forEach((column, j) => {
    const sheetColumn = placed.firstColumn + 1 + j;
    const header = worksheet.getCell(placed.headerRow + 1, sheetColumn);
    header.fill = HEADER_FILL;
    header.font = HEADER_FONT;
    let width = headers[j].length;
    table.rows.forEach((row, i) => {
      const cell = worksheet.getCell(placed.headerRow + 2 + i, sheetColumn);
      if (column.format !== 'text') cell.numFmt = NUMBER_FORMATS[column.format];
      cell.border = ROW_BORDER;
      width = Math.max(width, displayWidth(row[j], column.format));
    });
    widths[sheetColumn - 1] = Math.max(widths[sheetColumn - 1] ?? 0, width);
  });
  if (table.colorScale && table.rows.length > 0) {
    const { firstColumn, lastColumn, kind = 'diverging' } = table.colorScale;
    const stops = COLOR_SCALE_STOPS[kind];
    const ref =
      `${columnLetters(placed.firstColumn + firstColumn)}${placed.headerRow + 2}:` +
      `${columnLetters(placed.firstColumn + lastColumn)}${placed.lastRow + 1}`;
    worksheet.addConditionalFormatting({
      ref,
      rules: [
        {
          type: 'colorScale',
          priority: 1,
          cfvo: stops.map(({ at }): ExcelJS.Cvfo =>
            at === 'lowest' ? { type: 'min' } : at === 'highest' ? { type: 'max' } : { type: 'num', value: at },
          ),
          color: stops.map(({ color }) => ({ argb: `FF${color}` })),
        },
      ],
    });
  }
}

function seriesOf(sheetName: string, placed: PlacedTable, categoryColumn: number, valueColumn: number) {
  const first = placed.headerRow + 1;
  const last = placed.lastRow;
  const categoryAt = placed.firstColumn + categoryColumn;
  const valueAt = placed.firstColumn + valueColumn;
  const column = placed.table.columns[valueColumn];
  return {
    nameRef: `${quoteSheetName(sheetName)}!${cellA1(placed.headerRow, valueAt, true)}`,
    name: column.header,
    categoriesRef: rangeA1(sheetName, first, categoryAt, last, categoryAt),
    categories: placed.table.rows.map((row) => categoryValue(row[categoryColumn])),
    valuesRef: rangeA1(sheetName, first, valueAt, last, valueAt),
    values: placed.table.rows.map((row) =>
      typeof row[valueColumn] === 'number' ? (row[valueColumn] as number) : null,
    ),
    formatCode: NUMBER_FORMATS[column.format],
  };
}

function categoryValue(cell: Cell): string | number | null {
  if (cell === null) return null;
  return typeof cell === 'number' ? cell : String(cell);
}

/** A sheet name not yet in the workbook, within Excel's 31 characters: "Quadrant segments (2)". */
export function uniqueSheetName(existing: readonly string[], base: string): string {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  const clean = base.replace(/[[\]:*?/\\]/g, ' ').slice(0, MAX_SHEET_NAME);
  if (!taken.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = clean.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

function uniqueHeader(taken: Set<string>, header: string): string {
  let name = header;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${header} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

/** Excel table headers must differ (case-insensitively). */
function uniqueColumnHeaders(headers: readonly string[]): string[] {
  const taken = new Set<string>();
  return headers.map((header) => uniqueHeader(taken, header));
}

function tableNames(workbook: ExcelJS.Workbook): Set<string> {
  const names = new Set<string>();
  for (const ws of workbook.worksheets) {
    for (const table of ws.getTables() as unknown as { table?: { name?: string }; name?: string }[]) {
      const name = table.table?.name ?? table.name;
      if (name) names.add(name.toLowerCase());
    }
  }
  return names;
}

function displayWidth(cell: Cell, format: string): number {
  if (cell === null) return 0;
  if (typeof cell === 'number') return format === 'percent' ? 7 : Math.min(14, Math.abs(cell).toFixed(2).length + 3);
  return Math.min(40, String(cell).length);
}
