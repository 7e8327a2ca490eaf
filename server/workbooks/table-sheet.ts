/**
 * Writes a Table onto a new worksheet as typed cells — numbers as numbers, dates as Excel dates, booleans as
 * TRUE/FALSE, categories and text as text — with a bold header, and returns where it sits so row columns can be
 * written beside it. Used for CSV inputs of the command line and for stored datasets in `exportWorkbook`.
 * With the source cells (a CSV file's text), columns that are neither NUMBER nor DATE keep the file's own spelling,
 * so a 0/1 flag stays 0/1 rather than turning into FALSE/TRUE.
 */
import type ExcelJS from 'exceljs';
import { NUMBER_FORMATS } from '../../shared/layout/types';
import type { Cell, Column, Table } from '../../shared/table/types';
import type { DataSheet } from './write-results';

/** Adds the sheet (its name must be free and valid) and writes header and rows. */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  table: Table,
  fileName: string,
  sourceRows?: readonly (readonly Cell[])[],
): DataSheet {
  const worksheet = workbook.addWorksheet(sheetName);
  const header = table.columns.map((column) => column.name);
  worksheet.addRow(header).font = { bold: true };
  const readers = table.columns.map((column, j) =>
    sourceRows && column.type !== 'NUMBER' && column.type !== 'DATE'
      ? (i: number) => sourceCell(sourceRows[i][j])
      : cellReader(column),
  );
  for (let i = 0; i < table.rowCount; i++) worksheet.addRow(readers.map((read) => read(i)));
  table.columns.forEach((column, j) => {
    const sheetColumn = worksheet.getColumn(j + 1);
    if (column.type === 'DATE') sheetColumn.numFmt = NUMBER_FORMATS.date;
    sheetColumn.width = Math.min(30, Math.max(10, column.name.length + 2));
  });
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  const rowNumbers = Array.from({ length: table.rowCount }, (_, i) => i + 2);
  return {
    worksheet,
    table: {
      fileName,
      sheetName,
      header,
      rows: [],
      headerRow: 1,
      rowNumbers,
      firstColumn: 1,
      lastColumn: header.length,
      warnings: [],
    },
  };
}

/** A source cell as written: plain decimal text as a number (Excel would read it so), other text as it is. */
function sourceCell(cell: Cell): ExcelJS.CellValue {
  if (typeof cell === 'string') {
    if (cell.trim() === '') return null;
    return /^-?\d+(\.\d+)?$/.test(cell.trim()) ? Number(cell) : cell;
  }
  return cell;
}

function cellReader(column: Column): (row: number) => ExcelJS.CellValue {
  switch (column.type) {
    case 'NUMBER':
      return (i) => (Number.isNaN(column.values[i]) ? null : column.values[i]);
    case 'DATE':
      return (i) => (Number.isNaN(column.values[i]) ? null : new Date(column.values[i]));
    case 'BOOLEAN':
      return (i) => (Number.isNaN(column.values[i]) ? null : column.values[i] === 1);
    case 'CATEGORY':
      return (i) => (column.codes[i] < 0 ? null : column.levels[column.codes[i]]);
    case 'TEXT':
      return (i) => column.values[i];
  }
}
