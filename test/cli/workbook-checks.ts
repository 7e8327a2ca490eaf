import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { rangeA1, quoteSheetName, cellA1 } from '../../shared/layout/a1';
import { placeSheet } from '../../shared/layout/place-sheet';
import { NUMBER_FORMATS, type ResultLayout } from '../../shared/layout/types';

/** Opens a written workbook with ExcelJS. */
export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** A number read back from a cell, or the cell's text / boolean / null. */
function cellOf(worksheet: ExcelJS.Worksheet, row: number, column: number): unknown {
  const value = worksheet.getCell(row + 1, column + 1).value;
  return value === undefined ? null : value;
}

/**
 * Every title, header, value and number format of the layout's tables is on the results sheet where placeSheet put
 * it. Returns the number of cells checked.
 */
export function expectSheetMatchesLayout(worksheet: ExcelJS.Worksheet, layout: ResultLayout): number {
  const placement = placeSheet(layout.sheet);
  expect(cellOf(worksheet, 0, 0)).toBe(layout.sheet.title);
  layout.sheet.notes.forEach((note, i) => expect(cellOf(worksheet, placement.noteRows[i], 0)).toBe(note));
  let checked = 0;
  for (const placed of placement.tables) {
    const { table } = placed;
    expect(cellOf(worksheet, placed.titleRow, placed.firstColumn)).toBe(table.title);
    table.columns.forEach((column, j) => {
      expect(cellOf(worksheet, placed.headerRow, placed.firstColumn + j)).toBe(column.header);
      table.rows.forEach((row, i) => {
        const cell = worksheet.getCell(placed.headerRow + 2 + i, placed.firstColumn + j + 1);
        const expected = row[j];
        const actual = cell.value ?? null;
        if (typeof expected === 'number') expect(actual).toBeCloseTo(expected, 10);
        else expect(actual).toEqual(expected);
        if (column.format !== 'text') expect(cell.numFmt).toBe(NUMBER_FORMATS[column.format]);
        checked++;
      });
    });
  }
  return checked;
}

/** The cell formulas (`c:f`) of every chart part, in part order, and the drawing's anchors. */
export async function chartParts(
  path: string,
): Promise<{ formulas: string[][]; anchors: number[][]; types: string[] }> {
  const zip = await JSZip.loadAsync(await import('node:fs/promises').then((fs) => fs.readFile(path)));
  const names = Object.keys(zip.files)
    .filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const formulas: string[][] = [];
  const types: string[] = [];
  for (const name of names) {
    const xml = await zip.file(name)!.async('string');
    formulas.push([...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1].replace(/&apos;/g, "'")));
    types.push(/<c:(barChart|lineChart|scatterChart)>/.exec(xml)?.[1] ?? 'none');
  }
  const drawings = Object.keys(zip.files).filter((name) => /^xl\/drawings\/drawing\d+\.xml$/.test(name));
  const anchors: number[][] = [];
  for (const name of drawings) {
    const xml = await zip.file(name)!.async('string');
    for (const m of xml.matchAll(
      /<xdr:from><xdr:col>(\d+)<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>(\d+)<\/xdr:row>.*?<xdr:to><xdr:col>(\d+)<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>(\d+)<\/xdr:row>/g,
    )) {
      anchors.push(m.slice(1, 5).map(Number));
    }
  }
  const contentTypes = await zip.file('[Content_Types].xml')!.async('string');
  for (const name of [...names, ...drawings]) expect(contentTypes).toContain(`PartName="/${name}"`);
  return { formulas, anchors, types };
}

/** What the chart formulas must be: series name, categories and values of each chart, bound to its table. */
export function expectedChartFormulas(
  layout: ResultLayout,
  sheetName: string,
): { formulas: string[][]; anchors: number[][] } {
  const placement = placeSheet(layout.sheet);
  const formulas = placement.charts.map((placed) => {
    const table = placement.tables.find((t) => t.table.name === placed.chart.table)!;
    const first = table.headerRow + 1;
    return placed.chart.valueColumns.flatMap((column) => [
      `${quoteSheetName(sheetName)}!${cellA1(table.headerRow, table.firstColumn + column, true)}`,
      rangeA1(
        sheetName,
        first,
        table.firstColumn + placed.chart.categoryColumn,
        table.lastRow,
        table.firstColumn + placed.chart.categoryColumn,
      ),
      rangeA1(sheetName, first, table.firstColumn + column, table.lastRow, table.firstColumn + column),
    ]);
  });
  const anchors = placement.charts.map((c) => [c.column, c.row, c.column + c.width, c.row + c.height]);
  return { formulas, anchors };
}
