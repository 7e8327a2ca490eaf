import { CHART_COLUMNS, CHART_ROWS, placeSheet } from '../../../shared/layout/place-sheet';
import type { LayoutTable } from '../../../shared/layout/types';

const table = (name: string, rows: number, columns: number): LayoutTable => ({
  name,
  title: name,
  columns: Array.from({ length: columns }, (_, j) => ({ header: `c${j}`, format: 'number' as const })),
  rows: Array.from({ length: rows }, () => Array.from({ length: columns }, () => 1)),
});

describe('placeSheet(sheet)', () => {
  test('placeSheet stacks the tables under the title and notes, charts right of the widest table', () => {
    const placed = placeSheet({
      name: 'S',
      title: 'T',
      notes: ['n1', 'n2'],
      tables: [table('A', 3, 2), table('B', 1, 5)],
      charts: [
        { type: 'LineMarkers', title: 'x', table: 'A', categoryColumn: 0, valueColumns: [1] },
        { type: 'BarClustered', title: 'y', table: 'B', categoryColumn: 0, valueColumns: [1] },
      ],
    });
    // Title row 0, notes rows 1–2, blank row 3; A: title 4, header 5, rows 6–8, blank 9; B: title 10, header 11.
    expect(placed.noteRows).toEqual([1, 2]);
    expect(placed.tables).toEqual([
      { titleRow: 4, headerRow: 5, column: 0, rowCount: 4, columnCount: 2 },
      { titleRow: 10, headerRow: 11, column: 0, rowCount: 2, columnCount: 5 },
    ]);
    expect(placed.charts).toEqual([
      { top: 4, left: 6, bottom: 4 + CHART_ROWS, right: 6 + CHART_COLUMNS },
      { top: 5 + CHART_ROWS, left: 6, bottom: 5 + 2 * CHART_ROWS, right: 6 + CHART_COLUMNS },
    ]);
  });
});
