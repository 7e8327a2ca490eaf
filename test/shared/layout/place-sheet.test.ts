import { CHART_HEIGHT, CHART_WIDTH, GAP_ROWS, placeSheet } from '../../../shared/layout/place-sheet';
import type { LayoutTable, ResultSheet } from '../../../shared/layout/types';

function table(name: string, columns: number, rows: number): LayoutTable {
  return {
    name,
    title: name,
    columns: Array.from({ length: columns }, (_, i) => ({ header: `c${i}`, format: 'number' as const })),
    rows: Array.from({ length: rows }, () => Array.from({ length: columns }, () => 1)),
  };
}

describe('placeSheet', () => {
  it('placeSheet(sheet) puts the title in row 0, notes below, then each table with its title line above the header', () => {
    const sheet: ResultSheet = {
      name: 'S',
      title: 'T',
      notes: ['n1', 'n2'],
      tables: [table('A', 3, 4), table('B', 2, 1)],
      charts: [],
    };
    const placed = placeSheet(sheet);
    expect(placed.titleRow).toBe(0);
    expect(placed.noteRows).toEqual([1, 2]);
    // Title row 0, notes 1–2, blank row 3: table A's title on 4, header 5, data 6..9.
    expect(placed.tables[0]).toMatchObject({ titleRow: 4, headerRow: 5, firstColumn: 0, lastRow: 9, lastColumn: 2 });
    // Two blank rows (10, 11) after A's last row: B's title on 12.
    expect(placed.tables[1]).toMatchObject({ titleRow: 9 + 1 + GAP_ROWS, headerRow: 13, lastRow: 14, lastColumn: 1 });
  });

  it('placeSheet puts a narrow table’s charts beside it, side by side, and the next table below the charts', () => {
    const sheet: ResultSheet = {
      name: 'S',
      title: 'T',
      notes: [],
      tables: [table('K', 3, 9), table('Z', 4, 2)],
      charts: [
        { type: 'LineMarkers', title: 'one', table: 'K', categoryColumn: 0, valueColumns: [1] },
        { type: 'LineMarkers', title: 'two', table: 'K', categoryColumn: 0, valueColumns: [2] },
      ],
    };
    const placed = placeSheet(sheet);
    // K: title row 2, data to row 12; charts start on row 2, one blank column after K's 3 columns.
    expect(placed.charts.map(({ row, column, width, height }) => ({ row, column, width, height }))).toEqual([
      { row: 2, column: 4, width: CHART_WIDTH, height: CHART_HEIGHT },
      { row: 2, column: 4 + CHART_WIDTH + 1, width: CHART_WIDTH, height: CHART_HEIGHT },
    ]);
    // The charts end on row 2 + 15 − 1 = 16, below K's last row 12: Z's title after the gap.
    expect(placed.tables[1].titleRow).toBe(16 + 1 + GAP_ROWS);
  });

  it('placeSheet puts a wide table’s chart below it, from column A', () => {
    const sheet: ResultSheet = {
      name: 'S',
      title: 'T',
      notes: [],
      tables: [table('W', 12, 3)],
      charts: [{ type: 'BarClustered', title: 'w', table: 'W', categoryColumn: 0, valueColumns: [5] }],
    };
    const placed = placeSheet(sheet);
    expect(placed.tables[0].lastRow).toBe(6);
    expect(placed.charts[0]).toMatchObject({ row: 8, column: 0 });
  });

  it('placeSheet throws naming a chart whose table is not on the sheet', () => {
    const sheet: ResultSheet = {
      name: 'S',
      title: 'T',
      notes: [],
      tables: [],
      charts: [{ type: 'BarClustered', title: 'lost', table: 'Nope', categoryColumn: 0, valueColumns: [1] }],
    };
    expect(() => placeSheet(sheet)).toThrow('chart "lost" plots unknown table "Nope"');
  });
});
