// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose index also loads an ESM-only
// package (strip-bom 5) that jest.config.js does not transform.
jest.mock('office-addin-manifest', () => jest.requireActual('office-addin-manifest/lib/officeApp'));

import { OfficeMockObject } from 'office-addin-mock';
import type { ResultLayout } from '../../shared/layout/types';
import { CancelledError } from '../../addin/src/excel/cancel';
import { SelectionError } from '../../addin/src/excel/selection-error';
import { createExcelWorkbook, type ExcelRun } from '../../addin/src/excel/workbook';
import { run as simRun, sim } from '../e2e/excel-sim/office-sim';

/** The strict simulated host (test/e2e/excel-sim) as an ExcelRun: collections, payload limits, load rules. */
const simulated = (categories = true) => createExcelWorkbook(simRun as unknown as ExcelRun, () => categories);

const PEOPLE = {
  values: [
    ['name', 'joined', 'spend'],
    ['Ada', 45292, 120.5],
    ['Bob', '', '#N/A'],
  ],
  numberFormat: [
    ['General', 'General', 'General'],
    ['General', 'yyyy-mm-dd', '0.00'],
    ['General', 'yyyy-mm-dd', '0.00'],
  ],
  valueTypes: [
    ['String', 'String', 'String'],
    ['String', 'Double', 'Double'],
    ['String', 'Empty', 'Error'],
  ],
};

/** An office-addin-mock context whose sheet hands out `block` for any getRangeByIndexes call, recorded. */
function mockContext(
  selection: Record<string, unknown>,
  extra: { used?: Record<string, unknown>; region?: Record<string, unknown> } = {},
) {
  const calls: string[] = [];
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        selection: {
          ...selection,
          used: extra.used ?? { address: '' },
          region: extra.region ?? { address: '', rowCount: 1, columnCount: 1 },
        },
        block: { ...PEOPLE },
        getSelectedRange(this: { selection: unknown }) {
          return this.selection;
        },
        worksheets: {
          getItem(this: { sheet: unknown }, name: string) {
            calls.push(`getItem ${name}`);
            return this.sheet;
          },
          sheet: {
            getRangeByIndexes(this: { block: unknown }, ...indexes: number[]) {
              calls.push(`getRangeByIndexes ${indexes.join(',')}`);
              return this.block;
            },
            block: { ...PEOPLE },
          },
        },
      },
    },
  });
  const selectionMock = mock.context.workbook.selection;
  selectionMock.getUsedRangeOrNullObject = () => selectionMock.used;
  selectionMock.getSurroundingRegion = () => selectionMock.region;
  selectionMock.used.isNullObject = !extra.used;
  let syncs = 0;
  const sync = mock.context.sync.bind(mock.context);
  mock.context.sync = async () => {
    syncs++;
    await sync();
  };
  const run: ExcelRun = (batch) => batch(mock.context);
  return { run, calls, syncs: () => syncs };
}

describe('readSelection() on office-addin-mock ranges', () => {
  const bounded = { address: 'Sheet1!B2:D4', rowCount: 3, columnCount: 3, isEntireColumn: false, isEntireRow: false };

  test('readSelection() reads a small selection in one block: values, value types and number formats', async () => {
    const { run, calls, syncs } = mockContext(bounded);
    const selection = await createExcelWorkbook(run, () => false).readSelection();
    expect(selection).toMatchObject({
      address: 'Sheet1!B2:D4',
      block: { sheet: 'Sheet1', row: 1, column: 1, rowCount: 3, columnCount: 3 },
      header: ['name', 'joined', 'spend'],
      rows: [
        ['Ada', '2024-01-01', 120.5],
        ['Bob', null, null],
      ],
    });
    // B2 is row 1, column 1 (zero-based); one sync for the shape, one for the block.
    expect(calls).toEqual(['getItem Sheet1', 'getRangeByIndexes 1,1,3,3']);
    expect(syncs()).toBe(2);
  });

  test('readSelection() reads the surrounding table when one cell is selected', async () => {
    const { run, calls } = mockContext(
      { address: 'Data!C7', rowCount: 1, columnCount: 1, isEntireColumn: false, isEntireRow: false },
      { region: { address: 'Data!A5:C7', rowCount: 3, columnCount: 3 } },
    );
    const selection = await createExcelWorkbook(run, () => false).readSelection();
    expect(selection.address).toBe('Data!A5:C7');
    expect(calls).toEqual(['getItem Data', 'getRangeByIndexes 4,0,3,3']);
  });

  test('readSelection() bounds whole columns by their used range and reports an empty one', async () => {
    const whole = {
      address: 'Sheet1!A:C',
      rowCount: 1048576,
      columnCount: 3,
      isEntireColumn: true,
      isEntireRow: false,
    };
    const { run, calls } = mockContext(whole, { used: { address: 'Sheet1!A1:C3' } });
    expect((await createExcelWorkbook(run, () => false).readSelection()).address).toBe('Sheet1!A1:C3');
    expect(calls).toEqual(['getItem Sheet1', 'getRangeByIndexes 0,0,3,3']);
    const empty = mockContext(whole);
    await expect(createExcelWorkbook(empty.run, () => false).readSelection()).rejects.toThrow(
      new SelectionError('The selection Sheet1!A:C is empty.'),
    );
  });
});

describe('the Excel layer on the strict simulated host', () => {
  beforeEach(() => sim.reset());

  /** n rows × 8 numeric columns on sheet "Big", selected. */
  function bigSheet(n: number) {
    const rows: (string | number)[][] = [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']];
    for (let i = 0; i < n; i++) rows.push([i, i * 0.5, i % 7, i % 11, i * 1.25, (i * 37) % 101, i % 3, 1000 - i]);
    sim.addSheet('Big', rows);
    sim.select('Big', `A1:H${n + 1}`);
    return rows;
  }

  test('readSelection() reads 30,000 rows in blocks of about 2 MB, in order, with progress to the end', async () => {
    const rows = bigSheet(30000);
    const progress: number[] = [];
    const selection = await simulated().readSelection({ onProgress: (done) => progress.push(done) });
    expect(selection.rows).toEqual(rows.slice(1));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe(30001);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(Math.max(...sim.syncs.map((s) => s.responseBytes))).toBeLessThanOrEqual(2.6e6);
    expect(sim.syncs.filter((s) => s.failed)).toEqual([]);
  });

  test('readSelection() halves a block the host refuses and keeps the smaller size', async () => {
    const rows = bigSheet(30000);
    sim.configure({ limitBytes: 400_000 });
    const selection = await simulated().readSelection();
    expect(selection.rows).toEqual(rows.slice(1));
    const refused = sim.syncs.filter((s) => s.failed === 'ResponsePayloadSizeLimitExceeded');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(4); // not once per block: the size that worked is kept
    expect(sim.syncs.every((s) => s.failed !== null || s.responseBytes <= 400_000)).toBe(true);
  });

  test('readSelection() stops between blocks when cancelled', async () => {
    bigSheet(30000);
    const controller = new AbortController();
    await expect(
      simulated().readSelection({ signal: controller.signal, onProgress: () => controller.abort() }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(sim.syncs.length).toBe(2); // the shape and one block
  });

  test('readAddress(address) reads a table chosen earlier again, wherever the selection is now', async () => {
    bigSheet(10);
    sim.setCell('Big', 'B3', 42);
    sim.select('Big', 'K20');
    const again = await simulated().readAddress('Big!A1:H11');
    expect(again.address).toBe('Big!A1:H11');
    expect(again.rows[1][1]).toBe(42);
    expect(again.rows).toHaveLength(10);
  });

  test('readSelection() tells dates by category (ExcelApi 1.12), by custom format, or by format alone (1.7)', async () => {
    const rows = [
      ['day', 'stamp', 'amount'],
      [
        { value: 45292, format: 'yyyy-mm-dd' },
        { value: 45292.5, format: 'dd.mm.yy hh:mm' },
        { value: 3, format: '0.00' },
      ],
    ];
    sim.addSheet('Dates', rows as never);
    sim.select('Dates', 'A1:C2');
    const expected = [['2024-01-01', '2024-01-01T12:00:00', 3]];
    expect((await simulated(true).readSelection()).rows).toEqual(expected);
    sim.configure({ apiVersion: '1.7' });
    expect((await simulated(false).readSelection()).rows).toEqual(expected);
  });

  const layout = (names: string[]): ResultLayout => ({
    rowColumns: {
      columns: [
        { header: 'Segment', format: 'integer' },
        { header: 'Segment name', format: 'text' },
      ],
      values: names.map((name, i) => [i, name]),
    },
    sheet: {
      name: 'Quadrant segments',
      title: 'Segments',
      notes: [],
      tables: [
        {
          name: 'Segments',
          title: 'Profiles',
          columns: [
            { header: 'Name', format: 'text' },
            { header: 'Size', format: 'integer' },
            { header: 'Share', format: 'percent' },
          ],
          rows: [
            ['A', 2, 0.5],
            ['B', 2, 0.5],
          ],
        },
      ],
      charts: [{ type: 'ColumnClustered', title: 'Sizes', table: 'Segments', categoryColumn: 0, valueColumns: [1, 2] }],
    },
  });

  async function fourRows() {
    sim.addSheet('Data', [['x'], [1], [2], [3], [4]]);
    sim.select('Data', 'A1:A5');
    return simulated().readSelection();
  }

  test('writeResults() writes names as text, whatever they look like', async () => {
    const selection = await fourRows();
    const names = ['007', '=1+1', '2024-01-01', 'TRUE'];
    await simulated().writeResults(selection, layout(names), { insert: false });
    const cells = sim.cells('Data', 'C2:C5');
    expect(cells.map((row) => [row[0].value, row[0].type, row[0].format, row[0].formula])).toEqual(
      names.map((name) => [name, 'String', '@', null]),
    );
  });

  test('writeResults() writes 30,000 rows back in blocks, halving one the host refuses', async () => {
    bigSheet(30000);
    const selection = await simulated().readSelection();
    sim.syncs.length = 0;
    sim.configure({ limitBytes: 300_000 });
    const names = Array.from({ length: 30000 }, (_, i) => `segment ${i % 4}`);
    const done: number[] = [];
    await simulated().writeResults(selection, layout(names), {
      insert: false,
      onProgress: (n) => done.push(n),
    });
    expect(sim.values('Big', 'I30001:J30001')).toEqual([[29999, 'segment 3']]);
    expect(sim.syncs.some((s) => s.failed === 'RequestPayloadSizeLimitExceeded')).toBe(true);
    expect(done[done.length - 1]).toBe(30000);
    expect(sim.syncs.every((s) => s.failed !== null || s.requestBytes <= 300_000)).toBe(true);
  });

  /** A results sheet with one 100,000-row table: about 8 MB of values and number formats in all. */
  const memberTable = (): ResultLayout => ({
    rowColumns: null,
    sheet: {
      name: 'Quadrant members',
      title: 'Members',
      notes: [],
      tables: [
        {
          name: 'Members',
          title: 'Every customer with its segment',
          columns: [
            { header: 'Customer', format: 'text' },
            { header: 'Segment', format: 'integer' },
            { header: 'Share of spend', format: 'percent' },
            { header: 'Spend', format: 'currency' },
          ],
          rows: Array.from({ length: 100_000 }, (_, i) => [`customer-${i}`, i % 7, (i % 997) / 997, i * 1.25]),
        },
      ],
      charts: [],
    },
  });
  const LIMIT = 5 * 1024 * 1024;

  test('the simulated host refuses a sync over 5 MB and applies none of it', async () => {
    sim.addSheet('Wide', [['x']]);
    const rows = Array.from({ length: 120_000 }, (_, i) => [`customer-${i}`, i % 7, (i % 997) / 997, i * 1.25]);
    await expect(
      simRun(async (context) => {
        const range = context.workbook.worksheets.getItem('Wide').getRangeByIndexes(0, 0, rows.length, 4);
        range.values = rows as (string | number)[][];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(sim.syncs[sim.syncs.length - 1].requestBytes).toBeGreaterThan(LIMIT);
    expect(sim.usedAddress('Wide')).toBe('Wide!A1');
  });

  test('writeResults() writes a results table over 2 MB in several syncs, none near 5 MB, as one Excel table', async () => {
    const selection = await fourRows();
    sim.syncs.length = 0;
    const layout = memberTable();
    const rows = layout.sheet.tables[0].rows;
    const written = await simulated().writeResults(selection, layout, { insert: false });
    expect(written.sheet).toBe('Quadrant members');
    // Every sync went through (none refused), each well under the limit; the table took several.
    expect(sim.syncs.filter((s) => s.failed !== null)).toEqual([]);
    const total = sim.syncs.reduce((n, s) => n + s.requestBytes, 0);
    expect(total).toBeGreaterThan(2 * LIMIT * 0.7);
    expect(Math.max(...sim.syncs.map((s) => s.requestBytes))).toBeLessThan(3_000_000);
    expect(sim.syncs.filter((s) => s.requestBytes > 1_000_000).length).toBeGreaterThanOrEqual(3);
    // One Excel table over title, header and every row, with the rows' formats.
    expect(sim.tables()).toEqual([
      expect.objectContaining({ name: 'Members', address: "'Quadrant members'!A4:D100004" }),
    ]);
    const last = sim.cells('Quadrant members', 'A100004:D100004')[0];
    expect(last.map((c) => c.value)).toEqual(rows[rows.length - 1]);
    expect(last.map((c) => c.format)).toEqual(['@', '#,##0', '0.0%', '#,##0.00']);
    expect(sim.values('Quadrant members', 'A3:B4')).toEqual([
      ['Every customer with its segment', ''],
      ['Customer', 'Segment'],
    ]);
  });

  test('writeResults() halves a results-table block the host refuses and still writes every row once', async () => {
    const selection = await fourRows();
    sim.syncs.length = 0;
    sim.configure({ limitBytes: 700_000 });
    const layout = memberTable();
    await simulated().writeResults(selection, layout, { insert: false });
    expect(sim.syncs.some((s) => s.failed === 'RequestPayloadSizeLimitExceeded')).toBe(true);
    expect(sim.syncs.every((s) => s.failed !== null || s.requestBytes <= 700_000)).toBe(true);
    const column = sim.values('Quadrant members', 'A5:A100004').map((row) => row[0]);
    expect(column).toEqual(layout.sheet.tables[0].rows.map((row) => row[0]));
    expect(sim.tables().map((t) => t.address)).toEqual(["'Quadrant members'!A4:D100004"]);
  });

  test('writeResults() re-checks the data and writes nothing when it changed meanwhile', async () => {
    const selection = await fourRows();
    sim.setCell('Data', 'A3', 99);
    await expect(simulated().writeResults(selection, layout(['a', 'b', 'c', 'd']), { insert: false })).rejects.toThrow(
      /^The data in Data!A1:A5 changed while the analysis ran/,
    );
    expect(sim.usedAddress('Data')).toBe('Data!A1:A5');
    expect(sim.sheetNames()).toEqual(['Data']);
  });

  test('writeResults() inserts cells beside the rows only when asked, never over the user cells', async () => {
    const selection = await fourRows();
    sim.setCell('Data', 'B3', 'keep');
    sim.setCell('Data', 'B7', 'below');
    const workbook = simulated();
    expect(await workbook.beside(selection, 2)).toEqual({ address: 'Data!B1:C5', empty: false });
    await expect(workbook.writeResults(selection, layout(['a', 'b', 'c', 'd']), { insert: false })).rejects.toThrow(
      'Cells B1:C5 beside the selection are no longer empty; nothing was written.',
    );
    await workbook.writeResults(selection, layout(['a', 'b', 'c', 'd']), { insert: true });
    expect(sim.values('Data', 'B1:D3')).toEqual([
      ['Segment', 'Segment name', ''],
      [0, 'a', ''],
      [1, 'b', 'keep'],
    ]);
    expect(sim.values('Data', 'B7')).toEqual([['below']]);
  });

  test('writeResults() names the sheet and tables apart from existing ones and binds each series to the table', async () => {
    const selection = await fourRows();
    sim.addSheet('Quadrant segments', [['mine']]);
    const first = await simulated().writeResults(selection, layout(['a', 'b', 'c', 'd']), { insert: false });
    expect(first).toEqual({ rowColumns: 'Data!B1:C5', sheet: 'Quadrant segments (2)' });
    sim.select('Data', 'A1:A5');
    const again = await simulated().readSelection();
    const second = await simulated().writeResults(again, layout(['a', 'b', 'c', 'd']), { insert: true });
    expect(second.sheet).toBe('Quadrant segments (3)');
    expect(sim.tables().map((t) => [t.name, t.address])).toEqual([
      // Title in A1, a blank row, the table's title in A3, the table from A4.
      ['Segments', "'Quadrant segments (2)'!A4:C6"],
      ['Segments2', "'Quadrant segments (3)'!A4:C6"],
    ]);
    expect(sim.charts()[0].series).toEqual([
      { name: 'Size', values: "'Quadrant segments (2)'!B5:B6", xValues: "'Quadrant segments (2)'!A5:A6" },
      { name: 'Share', values: "'Quadrant segments (2)'!C5:C6", xValues: "'Quadrant segments (2)'!A5:A6" },
    ]);
    expect(sim.cells('Quadrant segments (2)', 'C5')[0][0].format).toBe('0.0%');
    expect(sim.values('Quadrant segments', 'A1')).toEqual([['mine']]);
  });
});
