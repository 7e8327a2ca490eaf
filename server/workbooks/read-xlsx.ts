/**
 * Reads the table on one sheet of an .xlsx workbook (ExcelJS): the first non-empty row is the header, the rows below
 * it are data, up to the last row holding a value; fully empty rows are skipped. Every problem is an InputError whose
 * message names the file, the sheet and the row or column: an encrypted or corrupt file, a missing sheet, merged or
 * empty header cells, values in a column without a header. Formulas give their cached values, with a warning.
 */
import ExcelJS from 'exceljs';
import { InputError } from '../../shared/errors';
import { columnLetters } from '../../shared/layout/a1';
import type { Cell } from '../../shared/table/types';
import { readExcelValue } from './excel-cell';
import type { SheetTable } from './sheet-table';

/** An OLE compound file: how Office stores a password-protected workbook (and the old binary .xls). */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

export interface XlsxTable {
  workbook: ExcelJS.Workbook;
  worksheet: ExcelJS.Worksheet;
  table: SheetTable;
}

/**
 * Loads the workbook and reads the table of `sheetName` (the first sheet when omitted).
 * @throws InputError naming the file (and sheet, row or column) when the workbook or its table cannot be read.
 */
export async function readXlsxTable(data: Uint8Array, fileName: string, sheetName?: string | null): Promise<XlsxTable> {
  const workbook = await loadWorkbook(data, fileName);
  const worksheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!worksheet) {
    const names = workbook.worksheets.map((ws) => `"${ws.name}"`).join(', ');
    throw new InputError(
      sheetName
        ? `${fileName}: no sheet "${sheetName}"; its sheets are ${names || 'none'}`
        : `${fileName}: the workbook has no sheets`,
      'sheet',
    );
  }
  return { workbook, worksheet, table: readSheetTable(worksheet, fileName) };
}

/** Loads an .xlsx package, telling an encrypted or old binary file from a corrupt one. */
export async function loadWorkbook(data: Uint8Array, fileName: string): Promise<ExcelJS.Workbook> {
  if (startsWith(data, COMPOUND_FILE)) {
    throw new InputError(
      `${fileName}: the workbook is password-protected (encrypted) or an old binary .xls; ` +
        'save an unprotected copy as .xlsx and try that',
      'xlsx',
    );
  }
  if (!startsWith(data, ZIP))
    throw new InputError(`${fileName}: not an .xlsx workbook (it is not a zip package)`, 'xlsx');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new InputError(`${fileName}: the workbook is corrupt and cannot be read (${firstLine(error)})`, 'xlsx');
  }
  return workbook;
}

/** The table of one worksheet (see the file comment). */
export function readSheetTable(worksheet: ExcelJS.Worksheet, fileName: string): SheetTable {
  const where = `${fileName}, sheet "${worksheet.name}"`;
  let headerRow = 0;
  for (let r = 1; r <= worksheet.rowCount && headerRow === 0; r++) {
    if (worksheet.getRow(r).actualCellCount > 0) headerRow = r;
  }
  if (headerRow === 0) throw new InputError(`${where}: the sheet is empty`, 'sheet');

  const headerCells = worksheet.getRow(headerRow);
  let firstColumn = 0;
  let lastColumn = 0;
  headerCells.eachCell((cell, column) => {
    if (readExcelValue(cell.value).cell === null || String(readExcelValue(cell.value).cell).trim() === '') return;
    if (firstColumn === 0) firstColumn = column;
    lastColumn = column;
  });
  if (firstColumn === 0) throw new InputError(`${where}, row ${headerRow}: the header row has no names`, 'sheet');

  const header: string[] = [];
  for (let c = firstColumn; c <= lastColumn; c++) {
    const cell = worksheet.getCell(headerRow, c);
    const address = `${columnLetters(c - 1)}${headerRow}`;
    if (cell.isMerged) {
      const range = mergeRangeOf(worksheet, cell);
      throw new InputError(
        `${where}, column ${columnLetters(c - 1)}: the header cell ${address} is merged (${range}); ` +
          'unmerge it so every column has its own name',
        'sheet',
      );
    }
    const text = readExcelValue(cell.value).cell;
    if (text === null || String(text).trim() === '') {
      throw new InputError(`${where}, column ${columnLetters(c - 1)}: the header cell ${address} is empty`, 'sheet');
    }
    header.push(String(text).trim());
  }

  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  let formulas = 0;
  let uncalculated = 0;
  let firstFormula = '';
  for (let r = headerRow + 1; r <= worksheet.rowCount; r++) {
    const row = worksheet.getRow(r);
    if (row.actualCellCount === 0) continue;
    const cells: Cell[] = new Array(header.length).fill(null);
    let any = false;
    row.eachCell((cell, column) => {
      const reading = readExcelValue(cell.value);
      if (reading.formula && column >= firstColumn && column <= lastColumn) {
        formulas++;
        if (reading.uncalculated) uncalculated++;
        if (firstFormula === '') firstFormula = `${columnLetters(column - 1)}${r}`;
      }
      if (reading.cell === null || reading.cell === '') return;
      if (column < firstColumn || column > lastColumn) {
        throw new InputError(
          `${where}, column ${columnLetters(column - 1)}: cell ${columnLetters(column - 1)}${r} has a value but ` +
            'its column has no header',
          'sheet',
        );
      }
      cells[column - firstColumn] = reading.cell;
      any = true;
    });
    if (!any) continue;
    rows.push(cells);
    rowNumbers.push(r);
  }
  if (rows.length === 0)
    throw new InputError(`${where}: the header in row ${headerRow} has no data rows below it`, 'sheet');

  const warnings: string[] = [];
  if (formulas > 0) {
    const missing = uncalculated > 0 ? `; ${uncalculated} had none and count as empty` : '';
    warnings.push(
      `${where}: ${formulas} data cells hold formulas (first ${firstFormula}); their cached values were used${missing}`,
    );
  }
  return {
    fileName,
    sheetName: worksheet.name,
    header,
    rows,
    headerRow,
    rowNumbers,
    firstColumn,
    lastColumn,
    warnings,
  };
}

function mergeRangeOf(worksheet: ExcelJS.Worksheet, cell: ExcelJS.Cell): string {
  const merges = (worksheet.model as { merges?: string[] }).merges ?? [];
  const master = cell.master.address;
  return merges.find((range) => range.split(':')[0] === master) ?? master;
}

function startsWith(data: Uint8Array, magic: readonly number[]): boolean {
  return data.length >= magic.length && magic.every((byte, i) => data[i] === byte);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
}
