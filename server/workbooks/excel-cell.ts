/**
 * An ExcelJS cell value as a `Cell` of the table parser: numbers, text and booleans as they are; dates as ISO text
 * (the parser reads them back as DATE); rich text and hyperlinks as their text; error values as their text ("#N/A"
 * reads as missing); formulas as their cached result, which is what Excel shows and what a saved file records.
 */
import type ExcelJS from 'exceljs';
import type { Cell } from '../../shared/table/types';

export interface CellReading {
  cell: Cell;
  /** The cell holds a formula (its cached result was used). */
  formula: boolean;
  /** A formula without a cached result (the file was saved without calculating it). */
  uncalculated: boolean;
}

/** Reads one ExcelJS value. */
export function readExcelValue(value: ExcelJS.CellValue): CellReading {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined) return { cell: null, formula: true, uncalculated: true };
      return { cell: readExcelValue(result as ExcelJS.CellValue).cell, formula: true, uncalculated: false };
    }
  }
  return { cell: plainValue(value), formula: false, uncalculated: false };
}

function plainValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value)
    return typeof value.text === 'string' ? value.text : plainValue(value.text as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return null;
}

/** Date-only text when the instant is a UTC midnight (how Excel dates without a time arrive), ISO date-time otherwise. */
export function isoDate(date: Date): string | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  const iso = date.toISOString();
  return ms % 86_400_000 === 0 ? iso.slice(0, 10) : iso.replace(/\.000Z$/, 'Z');
}
