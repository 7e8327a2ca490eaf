/**
 * Reads the file a command analyses: an .xlsx workbook (the first sheet unless --sheet names one) or a .csv file
 * (a one-sheet workbook named after the file). Every failure is an InputError naming the file.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type ExcelJS from 'exceljs';
import { InputError } from '../shared/errors';
import { droppedPartsWarning } from '../server/workbooks/dropped-parts';
import { readCsvTable } from '../server/workbooks/read-csv';
import { readSheetTable, readXlsxTable } from '../server/workbooks/read-xlsx';
import type { SheetTable } from '../server/workbooks/sheet-table';

export interface InputFile {
  path: string;
  kind: 'xlsx' | 'csv';
  /** The loaded workbook (xlsx only): the output is a copy of it. */
  workbook: ExcelJS.Workbook | null;
  worksheet: ExcelJS.Worksheet | null;
  table: SheetTable;
}

const XLSX = new Set(['.xlsx', '.xlsm']);
const CSV = new Set(['.csv', '.txt', '.tsv']);

/** @throws InputError naming the file for an unknown extension, an unreadable file or a bad table. */
export async function readInputFile(path: string, sheet?: string): Promise<InputFile> {
  const extension = extname(path).toLowerCase();
  if (!XLSX.has(extension) && !CSV.has(extension)) {
    const hint = extension === '.xls' ? ' (an old binary .xls: save it as .xlsx)' : '';
    throw new InputError(`${path}: not an .xlsx or .csv file${hint}`);
  }
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: cannot read the file (${error.code === 'ENOENT' ? 'no such file' : error.message})`);
  });
  if (XLSX.has(extension)) {
    const { workbook, worksheet, table } = await readXlsxTable(bytes, path, sheet);
    const dropped = await droppedPartsWarning(bytes, path);
    if (dropped) table.warnings.push(dropped);
    return { path, kind: 'xlsx', workbook, worksheet, table };
  }
  if (sheet) throw new InputError(`${path}: --sheet applies to .xlsx workbooks; a CSV file has one table`);
  const table = readCsvTable(decodeText(bytes, path), path, csvSheetName(path));
  return { path, kind: 'csv', workbook: null, worksheet: null, table };
}

/** The table of another sheet of the same workbook (a costs or attributes table). */
export function readOtherSheet(input: InputFile, sheet: string): SheetTable {
  if (!input.workbook) throw new InputError(`${input.path}: a CSV file has no sheet "${sheet}"; use a --…-file option`);
  const worksheet = input.workbook.getWorksheet(sheet);
  if (!worksheet) {
    const names = input.workbook.worksheets.map((ws) => `"${ws.name}"`).join(', ');
    throw new InputError(`${input.path}: no sheet "${sheet}"; its sheets are ${names}`);
  }
  return readSheetTable(worksheet, input.path);
}

/** A CSV file's name as a sheet name: without extension, Excel's forbidden characters and 31-character limit. */
export function csvSheetName(path: string): string {
  const name = basename(path, extname(path))
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim();
  return (name || 'Data').slice(0, 31);
}

function decodeText(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel on Windows saves "CSV" in the ANSI code page; Windows-1252 is what those files nearly always are.
    if (bytes.includes(0)) throw new InputError(`${path}: not a text file`);
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
