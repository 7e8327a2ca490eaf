import { placeSheet } from '../../../shared/layout/place-sheet';
import type { ResultLayout } from '../../../shared/layout/types';

interface Box {
  what: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * What every layout must satisfy for both writers to render it: table names unique and Excel-valid, every row as
 * wide as its header, charts bound to existing non-empty tables and numeric columns, row columns one per data row,
 * and no placed table or chart overlapping another. Returns the problems found (none = []).
 */
export function layoutProblems(layout: ResultLayout, dataRows?: number): string[] {
  const problems: string[] = [];
  const { sheet, rowColumns } = layout;
  const names = sheet.tables.map((t) => t.name);
  if (new Set(names).size !== names.length) problems.push(`duplicate table names ${names.join(',')}`);
  for (const table of sheet.tables) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(table.name)) problems.push(`bad table name ${table.name}`);
    if (table.rows.length === 0) problems.push(`table ${table.name} has no rows`);
    table.rows.forEach((row, i) => {
      if (row.length !== table.columns.length) problems.push(`${table.name} row ${i} has ${row.length} cells`);
    });
  }
  for (const chart of sheet.charts) {
    const table = sheet.tables.find((t) => t.name === chart.table);
    if (!table) {
      problems.push(`chart ${chart.title} has no table`);
      continue;
    }
    for (const column of chart.valueColumns) {
      const format = table.columns[column]?.format;
      if (format === undefined || format === 'text') problems.push(`chart ${chart.title} plots column ${column}`);
    }
    if (!table.columns[chart.categoryColumn]) problems.push(`chart ${chart.title} has no category column`);
  }
  if (rowColumns) {
    if (dataRows !== undefined && rowColumns.values.length !== dataRows) {
      problems.push(`${rowColumns.values.length} row values for ${dataRows} rows`);
    }
    rowColumns.values.forEach((row, i) => {
      if (row.length !== rowColumns.columns.length) problems.push(`row column values ${i} has ${row.length} cells`);
    });
  }
  const placed = placeSheet(sheet);
  const boxes: Box[] = [
    ...placed.tables.map((t) => ({
      what: `table ${t.table.name}`,
      top: t.titleRow,
      left: t.firstColumn,
      bottom: t.lastRow,
      right: t.lastColumn,
    })),
    ...placed.charts.map((c) => ({
      what: `chart ${c.chart.title}`,
      top: c.row,
      left: c.column,
      bottom: c.row + c.height - 1,
      right: c.column + c.width - 1,
    })),
  ];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right) {
        problems.push(`${a.what} overlaps ${b.what}`);
      }
    }
  }
  const firstTableRow = Math.min(...placed.tables.map((t) => t.titleRow));
  if (placed.noteRows.some((row) => row >= firstTableRow)) problems.push('notes run into the first table');
  return problems;
}
