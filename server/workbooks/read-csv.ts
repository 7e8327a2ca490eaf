/**
 * Reads a CSV file as a sheet table, so the command line treats .csv like a one-sheet workbook: Papa Parse with the
 * delimiter detected (comma, semicolon, tab or pipe), text cells left for the table parser to type, exactly as the
 * GraphQL `csv` import does.
 */
import Papa from 'papaparse';
import { InputError } from '../../shared/errors';
import type { Cell } from '../../shared/table/types';
import type { SheetTable } from './sheet-table';

/**
 * @throws InputError naming the file and row for an empty file, malformed quoting or a ragged row.
 */
export function readCsvTable(text: string, fileName: string, sheetName: string): SheetTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError(`${fileName}: the file is empty`, 'csv');
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote)
    throw new InputError(`${fileName}, row ${(quote.row ?? 0) + 1}: malformed quoting (${quote.message})`, 'csv');
  const [header, ...data] = parsed.data;
  header.forEach((name, j) => {
    if (name.trim() === '') throw new InputError(`${fileName}, column ${j + 1}: the header is empty`, 'csv');
  });
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  data.forEach((fields, i) => {
    if (fields.length !== header.length) {
      throw new InputError(
        `${fileName}, row ${i + 2}: ${fields.length} fields; the header has ${header.length}`,
        'csv',
      );
    }
    rows.push(fields);
    rowNumbers.push(i + 2);
  });
  if (rows.length === 0) throw new InputError(`${fileName}: the header has no data rows below it`, 'csv');
  return {
    fileName,
    sheetName,
    header: header.map((name) => name.trim()),
    rows,
    headerRow: 1,
    rowNumbers,
    firstColumn: 1,
    lastColumn: header.length,
    warnings: [],
  };
}
