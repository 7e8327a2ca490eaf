/// <reference types="office-js" />
/**
 * Writes a ResultSheet (shared/layout) on a new worksheet, placed by `placeSheet`: a bold title, the notes, each
 * table as an Excel table (values first, then `tables.add(range, true)`) with its columns' number formats (small
 * tables several to a sync, a table over BLOCK_TARGET_BYTES in row blocks of its own through writeRowBlocks, so no
 * sync nears the 5 MB limit) and, where asked, a colour scale; each chart as a native Excel chart whose series are bound to the table's cells (so it
 * follows any edit). Only ExcelApi 1.7 calls. The sheet gets a name no sheet has yet, and no existing sheet is
 * renamed or deleted: either would wipe the user's undo history.
 */
import { placeSheet } from '../../../shared/layout/place-sheet';
import {
  COLOR_SCALE_STOPS,
  NUMBER_FORMATS,
  type ColorScaleKind,
  type ColorScaleStop,
  type ResultSheet,
} from '../../../shared/layout/types';
import { columnName } from './address';
import { BLOCK_TARGET_BYTES, jsonBytes } from './payload';
import { uniqueSheetName } from './sheet-name';
import { writeRowBlocks } from './row-blocks';
import { rowBytes, toExcelValue } from './write-row-columns';

/** Excel's limit on a sheet name's length. */
const SHEET_NAME_LIMIT = 31;

/** Office.js criteria for shared/layout's colour scale of `kind`: its first stop the minimum, its last the maximum. */
function colorScaleCriteria(kind: ColorScaleKind): Excel.ConditionalColorScaleCriteria {
  const stops = COLOR_SCALE_STOPS[kind];
  const criterion = ({ at, color }: ColorScaleStop): Excel.ConditionalColorScaleCriterion =>
    at === 'lowest'
      ? { type: 'LowestValue', color: `#${color}` }
      : at === 'highest'
        ? { type: 'HighestValue', color: `#${color}` }
        : { formula: String(at), type: 'Number', color: `#${color}` };
  return {
    minimum: criterion(stops[0]),
    ...(stops.length === 3 ? { midpoint: criterion(stops[1]) } : {}),
    maximum: criterion(stops[stops.length - 1]),
  };
}

/** Writes the sheet; returns its name. */
export async function writeResultSheet(context: Excel.RequestContext, layout: ResultSheet): Promise<string> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  const existingTables = context.workbook.tables;
  existingTables.load('items/name');
  await context.sync();

  const name = uniqueSheetName(
    worksheets.items.map((s) => s.name),
    layout.name.slice(0, SHEET_NAME_LIMIT - 5),
  );
  const tableNames = new Set(existingTables.items.map((t) => t.name.toLowerCase()));
  const sheet = worksheets.add(name);
  const place = placeSheet(layout);
  const cell = (row: number, column: number) => sheet.getRangeByIndexes(row, column, 1, 1);
  const text = (row: number, value: string) => {
    const range = cell(row, 0);
    range.numberFormat = [[NUMBER_FORMATS.text]];
    range.values = [[value]];
    return range;
  };

  const title = text(place.titleRow, layout.title);
  title.format.font.bold = true;
  title.format.font.size = 14;
  layout.notes.forEach((note, i) => {
    text(place.noteRows[i], note).format.font.italic = true;
  });

  const excelNames = new Map<string, string>();
  let queued = 0;
  for (const at of place.tables) {
    const { table } = at;
    const formats = table.columns.map((c) => NUMBER_FORMATS[c.format]);
    const bytes = jsonBytes(table.rows) + (table.rows.length + 1) * jsonBytes(formats);
    if (queued > 0 && queued + bytes > BLOCK_TARGET_BYTES) {
      await context.sync();
      queued = 0;
    }
    const header = () => {
      text(at.titleRow, table.title).format.font.bold = true;
      const range = sheet.getRangeByIndexes(at.headerRow, at.firstColumn, 1, table.columns.length);
      range.numberFormat = [table.columns.map(() => NUMBER_FORMATS.text)];
      range.values = [table.columns.map((c) => c.header)];
    };
    const body = (start: number, count: number) => {
      const rows = table.rows.slice(start, start + count);
      const range = sheet.getRangeByIndexes(at.headerRow + 1 + start, at.firstColumn, count, table.columns.length);
      range.numberFormat = rows.map(() => formats);
      range.values = rows.map((row) => row.map(toExcelValue));
    };
    if (bytes <= BLOCK_TARGET_BYTES) {
      queued += bytes;
      header();
      if (table.rows.length > 0) body(0, table.rows.length);
    } else {
      // A large table (a member list, a wide matrix) goes in row blocks, each its own sync. What is queued goes
      // first, so a block refused and queued again never loses the sheet or the title queued before it.
      await context.sync();
      await writeRowBlocks(context, {
        total: table.rows.length,
        rowBytes: (start, count) => rowBytes(table.rows.slice(start, start + count), formats),
        queue(start, count) {
          if (start === 0) header();
          body(start, count);
        },
      });
      queued = 0;
    }
    // Values first, then the table over them (tables.add on cells already written).
    const range = sheet.getRangeByIndexes(at.headerRow, at.firstColumn, table.rows.length + 1, table.columns.length);
    const excelTable = sheet.tables.add(range, true);
    const tableName = uniqueTableName(tableNames, table.name);
    excelTable.name = tableName;
    excelNames.set(table.name, tableName);
    if (table.colorScale && table.rows.length > 0) {
      const { firstColumn, lastColumn, kind = 'diverging' } = table.colorScale;
      const scaled = sheet.getRangeByIndexes(
        at.headerRow + 1,
        at.firstColumn + firstColumn,
        table.rows.length,
        lastColumn - firstColumn + 1,
      );
      scaled.conditionalFormats.add('ColorScale').colorScale.criteria = colorScaleCriteria(kind);
    }
    range.format.autofitColumns();
  }

  for (const [i, { chart, row, column: left, width, height }] of place.charts.entries()) {
    const at = place.tables.find((t) => t.table.name === chart.table)!;
    const rows = at.table.rows.length;
    if (rows === 0) continue;
    const column = (j: number) => sheet.getRangeByIndexes(at.headerRow + 1, at.firstColumn + j, rows, 1);
    const categories = column(chart.categoryColumn);
    const excelChart = sheet.charts.add(chart.type, column(chart.valueColumns[0]), 'Columns');
    excelChart.title.text = chart.title;
    chart.valueColumns.forEach((j, k) => {
      const series = k === 0 ? excelChart.series.getItemAt(0) : excelChart.series.add(at.table.columns[j].header);
      if (k === 0) series.name = at.table.columns[j].header;
      else series.setValues(column(j));
      series.setXAxisValues(categories);
    });
    if (chart.xAxisTitle) excelChart.axes.categoryAxis.title.text = chart.xAxisTitle;
    if (chart.yAxisTitle) excelChart.axes.valueAxis.title.text = chart.yAxisTitle;
    excelChart.legend.visible = chart.valueColumns.length > 1;
    excelChart.setPosition(`${columnName(left)}${row + 1}`, `${columnName(left + width - 1)}${row + height}`);
    excelChart.name = `${excelNames.get(chart.table)}Chart${i + 1}`;
  }
  sheet.activate();
  await context.sync();
  return name;
}

/** A table name no table of the workbook has (Excel compares them without case): `base`, `base2`, `base3`, … */
function uniqueTableName(taken: Set<string>, base: string): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
  taken.add(name.toLowerCase());
  return name;
}
