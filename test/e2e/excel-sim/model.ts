/**
 * The workbook behind the simulated Excel host: sheets of cells (value, number format, formula, error), tables,
 * charts, conditional formats and add-in settings, with an undo journal so a refused sync can be rolled back.
 * Cell typing follows Excel's documented behaviour when a value is written through `Range.values`: text in a cell
 * formatted "@" stays text; otherwise "=…" becomes a formula, numeric text a number, ISO date text a date serial,
 * "TRUE"/"FALSE" a boolean — as if the user had typed it.
 */

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

export type Scalar = number | string | boolean;

export interface CellData {
  value: Scalar;
  format: string;
  /** Error cells hold their text ("#N/A") in `value`. */
  error?: boolean;
  formula?: string;
}

export interface Box {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export interface TableData {
  name: string;
  sheet: SheetData;
  box: Box;
  headers: string[];
  style: string;
}

export interface SeriesData {
  name: string;
  values: Box;
  xValues: Box | null;
}

export interface ChartData {
  name: string;
  sheet: SheetData;
  type: string;
  title: string;
  categoryAxisTitle: string;
  valueAxisTitle: string;
  legendVisible: boolean;
  series: SeriesData[];
  position: { start: string; end: string } | null;
}

export interface ConditionalFormatData {
  sheet: SheetData;
  box: Box;
  type: string;
  criteria: unknown;
}

export interface SheetData {
  name: string;
  /** rows.get(r).get(c): only cells that hold a value or a format. */
  rows: Map<number, Map<number, CellData>>;
}

export class WorkbookModel {
  sheets: SheetData[] = [];
  tables: TableData[] = [];
  charts: ChartData[] = [];
  conditionalFormats: ConditionalFormatData[] = [];
  activeSheet: SheetData | null = null;
  selection: { sheet: SheetData; box: Box } | null = null;
  settings: Record<string, unknown> = {};
  private journal: (() => void)[] | null = null;

  /** Starts recording inverse operations (one sync). */
  begin(): void {
    this.journal = [];
  }
  /** Undoes everything since `begin`. */
  rollback(): void {
    const journal = this.journal ?? [];
    for (let i = journal.length - 1; i >= 0; i--) journal[i]();
    this.journal = null;
  }
  commit(): void {
    this.journal = null;
  }
  /** Records how to undo a change just made. */
  record(undo: () => void): void {
    this.journal?.push(undo);
  }

  sheet(name: string): SheetData | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): SheetData {
    const sheet: SheetData = { name, rows: new Map() };
    this.sheets.push(sheet);
    this.record(() => this.sheets.splice(this.sheets.indexOf(sheet), 1));
    return sheet;
  }

  cell(sheet: SheetData, row: number, column: number): CellData | undefined {
    return sheet.rows.get(row)?.get(column);
  }

  /** Replaces one cell (undefined = clear it), recording the undo. */
  putCell(sheet: SheetData, row: number, column: number, cell: CellData | undefined): void {
    let line = sheet.rows.get(row);
    const before = line?.get(column);
    if (!line) {
      if (!cell) return;
      line = new Map();
      sheet.rows.set(row, line);
    }
    if (cell) line.set(column, cell);
    else line.delete(column);
    if (this.journal) {
      const target = line;
      this.journal.push(() => {
        if (before) target.set(column, before);
        else target.delete(column);
        if (!sheet.rows.has(row)) sheet.rows.set(row, target);
      });
    }
  }

  /** Writes a value as Excel types user input into a cell with the cell's current number format. */
  writeValue(sheet: SheetData, row: number, column: number, value: Scalar): void {
    const current = this.cell(sheet, row, column);
    const format = current?.format ?? 'General';
    if (value === '') {
      this.putCell(sheet, row, column, format === 'General' ? undefined : { value: '', format });
      return;
    }
    if (typeof value !== 'string' || format === '@') {
      this.putCell(sheet, row, column, { value, format });
      return;
    }
    if (value.startsWith('=')) {
      this.putCell(sheet, row, column, { value: '#NAME?', error: true, formula: value, format });
    } else if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim())) {
      this.putCell(sheet, row, column, { value: Number(value), format });
    } else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const serial = Date.UTC(+value.slice(0, 4), +value.slice(5, 7) - 1, +value.slice(8, 10)) / 86400000 + 25569;
      this.putCell(sheet, row, column, { value: serial, format: format === 'General' ? 'yyyy-mm-dd' : format });
    } else if (/^(true|false)$/i.test(value)) {
      this.putCell(sheet, row, column, { value: value.toLowerCase() === 'true', format });
    } else {
      this.putCell(sheet, row, column, { value, format });
    }
  }

  writeFormat(sheet: SheetData, row: number, column: number, format: string): void {
    const current = this.cell(sheet, row, column);
    if (current) this.putCell(sheet, row, column, { ...current, format });
    else if (format !== 'General') this.putCell(sheet, row, column, { value: '', format });
  }

  /** The bounding box of cells holding a value (or, unless valuesOnly, a format) inside `within`; null if none. */
  usedBox(sheet: SheetData, within: Box, valuesOnly: boolean): Box | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [r, line] of sheet.rows) {
      if (r < within.row || r >= within.row + within.rowCount) continue;
      for (const [c, cell] of line) {
        if (c < within.column || c >= within.column + within.columnCount) continue;
        if (valuesOnly && cell.value === '' && !cell.formula) continue;
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
    return bottom < 0 ? null : { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }

  /** Excel's current region: grows from the cell while any neighbouring row or column segment holds a value. */
  surroundingRegion(sheet: SheetData, row: number, column: number): Box {
    const filled = (r: number, c: number) => {
      const cell = this.cell(sheet, r, c);
      return !!cell && (cell.value !== '' || !!cell.formula);
    };
    let [top, left, bottom, right] = [row, column, row, column];
    for (let grew = true; grew;) {
      grew = false;
      const rowHas = (r: number) => {
        if (r < 0 || r >= MAX_ROWS) return false;
        for (let c = Math.max(0, left - 1); c <= Math.min(MAX_COLUMNS - 1, right + 1); c++)
          if (filled(r, c)) return true;
        return false;
      };
      const columnHas = (c: number) => {
        if (c < 0 || c >= MAX_COLUMNS) return false;
        for (let r = Math.max(0, top - 1); r <= Math.min(MAX_ROWS - 1, bottom + 1); r++) if (filled(r, c)) return true;
        return false;
      };
      while (rowHas(bottom + 1)) [bottom, grew] = [bottom + 1, true];
      while (rowHas(top - 1)) [top, grew] = [top - 1, true];
      while (columnHas(right + 1)) [right, grew] = [right + 1, true];
      while (columnHas(left - 1)) [left, grew] = [left - 1, true];
    }
    return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }
}

export function overlaps(a: Box, b: Box): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.column < b.column + b.columnCount &&
    b.column < a.column + a.columnCount
  );
}

/** Zero-based column index → letters. */
export function columnLetters(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A sheet name as Excel writes it in an address: quoted when it has anything but letters, digits and _. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Excel's address of a box: whole columns as A:C, whole rows as 1:3, else A1:C3 (one cell: A1). */
export function boxAddress(sheet: SheetData, box: Box): string {
  const c1 = columnLetters(box.column);
  const c2 = columnLetters(box.column + box.columnCount - 1);
  let local: string;
  if (box.row === 0 && box.rowCount === MAX_ROWS) local = `${c1}:${c2}`;
  else if (box.column === 0 && box.columnCount === MAX_COLUMNS) local = `${box.row + 1}:${box.row + box.rowCount}`;
  else {
    const first = `${c1}${box.row + 1}`;
    const last = `${c2}${box.row + box.rowCount}`;
    local = first === last ? first : `${first}:${last}`;
  }
  return `${quoteSheet(sheet.name)}!${local}`;
}

/** Parses a local address ("B2", "B2:D9", "A:C", "3:5"); null when it is not one. */
export function parseLocal(address: string): Box | null {
  const cells = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(address);
  if (cells) {
    const [c1, r1] = [columnNumber(cells[1]), +cells[2] - 1];
    const [c2, r2] = cells[3] ? [columnNumber(cells[3]), +cells[4] - 1] : [c1, r1];
    const box = {
      row: Math.min(r1, r2),
      column: Math.min(c1, c2),
      rowCount: Math.abs(r2 - r1) + 1,
      columnCount: Math.abs(c2 - c1) + 1,
    };
    return valid(box) ? box : null;
  }
  const columns = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(address);
  if (columns) {
    const [c1, c2] = [columnNumber(columns[1]), columnNumber(columns[2])];
    const box = { row: 0, column: Math.min(c1, c2), rowCount: MAX_ROWS, columnCount: Math.abs(c2 - c1) + 1 };
    return valid(box) ? box : null;
  }
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(address);
  if (rows) {
    const [r1, r2] = [+rows[1] - 1, +rows[2] - 1];
    const box = { row: Math.min(r1, r2), column: 0, rowCount: Math.abs(r2 - r1) + 1, columnCount: MAX_COLUMNS };
    return valid(box) ? box : null;
  }
  return null;
}

export function valid(box: Box): boolean {
  return (
    box.row >= 0 &&
    box.column >= 0 &&
    box.rowCount >= 1 &&
    box.columnCount >= 1 &&
    box.row + box.rowCount <= MAX_ROWS &&
    box.column + box.columnCount <= MAX_COLUMNS
  );
}
