// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose index also loads an ESM-only
// package (strip-bom 5) that jest.config.js does not transform.
jest.mock('office-addin-manifest', () => jest.requireActual('office-addin-manifest/lib/officeApp'));

import { OfficeMockObject } from 'office-addin-mock';
import { SelectionError } from '../../addin/src/excel/selection-error';
import { createExcelWorkbook, MAX_READ_CELLS, type ExcelRun } from '../../addin/src/excel/workbook';

/** An ExcelRun over an office-addin-mock context that counts context.sync() calls. */
function mockRun(data: Record<string, unknown>) {
  const mock = new OfficeMockObject({ context: data });
  const counter = { syncs: 0 };
  const sync = mock.context.sync.bind(mock.context);
  mock.context.sync = async () => {
    counter.syncs++;
    await sync();
  };
  const run: ExcelRun = (batch) => batch(mock.context);
  return { mock, run, counter };
}

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

/** A selection whose used range is `used`; office-addin-mock cannot load isNullObject, so it is set directly. */
function selectionData(selection: Record<string, unknown>, used: Record<string, unknown>, usedIsNull = false) {
  const setup = mockRun({
    workbook: {
      selection: {
        ...selection,
        used,
        getUsedRangeOrNullObject(this: { used: unknown }, valuesOnly: boolean) {
          if (!valuesOnly) throw new Error('expected the used range of values only');
          return this.used;
        },
      },
      getSelectedRange(this: { selection: unknown }) {
        return this.selection;
      },
    },
  });
  setup.mock.context.workbook.selection.used.isNullObject = usedIsNull;
  return setup;
}

describe('createExcelWorkbook(run).readSelection()', () => {
  test('readSelection() maps a bounded selection in two syncs: shape, then values, formats and types', async () => {
    const { run, counter } = selectionData(
      { address: 'Sheet1!B2:D4', rowCount: 3, columnCount: 3, isEntireColumn: false, isEntireRow: false, ...PEOPLE },
      { address: 'Sheet1!B2:D4', rowCount: 3, columnCount: 3 },
    );
    const selection = await createExcelWorkbook(run).readSelection();
    expect(selection).toEqual({
      address: 'Sheet1!B2:D4',
      header: ['name', 'joined', 'spend'],
      rows: [
        ['Ada', '2024-01-01', 120.5],
        ['Bob', null, null],
      ],
    });
    expect(counter.syncs).toBe(2);
  });

  test('readSelection() reads whole columns through their used range, never the columns themselves', async () => {
    // No values on the selection itself: loading them would make the mock throw.
    const { run, counter } = selectionData(
      { address: 'Sheet1!A:C', rowCount: 1048576, columnCount: 3, isEntireColumn: true, isEntireRow: false },
      { address: 'Sheet1!A1:C3', rowCount: 3, columnCount: 3, ...PEOPLE },
    );
    const selection = await createExcelWorkbook(run).readSelection();
    expect(selection.address).toBe('Sheet1!A1:C3');
    expect(selection.rows).toHaveLength(2);
    expect(counter.syncs).toBe(2);
  });

  test('readSelection() reports an empty whole-column selection', async () => {
    const { run } = selectionData(
      { address: 'Sheet1!A:C', rowCount: 1048576, columnCount: 3, isEntireColumn: true, isEntireRow: false },
      { address: '', rowCount: 0, columnCount: 0 },
      true,
    );
    await expect(createExcelWorkbook(run).readSelection()).rejects.toThrow(
      new SelectionError('The selection Sheet1!A:C is empty.'),
    );
  });

  test('readSelection() refuses more cells than Excel reads at once, before loading any value', async () => {
    // 1,000,000 rows × 6 columns = 6,000,000 > 5,000,000 cells.
    const { run, counter } = selectionData(
      { address: 'Sheet1!A1:F1000000', rowCount: 1000000, columnCount: 6, isEntireColumn: false, isEntireRow: false },
      { address: 'Sheet1!A1:F1000000', rowCount: 1000000, columnCount: 6 },
    );
    await expect(createExcelWorkbook(run).readSelection()).rejects.toThrow(
      `The selection Sheet1!A1:F1000000 has 6000000 cells; Excel reads at most ${MAX_READ_CELLS} at once.`,
    );
    expect(counter.syncs).toBe(1);
  });

  test('readSelection() turns Excel payload-limit errors into a SelectionError and passes others on', async () => {
    const failing =
      (code: string): ExcelRun =>
      () =>
        Promise.reject(Object.assign(new Error(code), { code }));
    await expect(createExcelWorkbook(failing('ResponsePayloadSizeLimitExceeded')).readSelection()).rejects.toThrow(
      /more than Excel can send in one request/,
    );
    await expect(createExcelWorkbook(failing('InvalidSelection')).readSelection()).rejects.toThrow('InvalidSelection');
  });
});

describe('createExcelWorkbook(run).writeColumn(address, header, values)', () => {
  function columnData() {
    const calls: string[] = [];
    const setup = mockRun({
      workbook: {
        worksheets: {
          sheet: {
            column: {
              insert(this: unknown, shift: string) {
                calls.push(`insert ${shift}`);
                return this;
              },
            },
            target: { address: "'Q1 data'!G2:G5", values: [] },
            getRange(this: { column: unknown; target: unknown }, address: string) {
              calls.push(`getRange ${address}`);
              return /^[A-Z]+:[A-Z]+$/.test(address) ? this.column : this.target;
            },
          },
          getItem(this: { sheet: unknown }, name: string) {
            calls.push(`getItem ${name}`);
            return this.sheet;
          },
        },
      },
    });
    return { ...setup, calls };
  }

  test('writeColumn inserts a sheet column right of the block and fills it in one sync', async () => {
    const { mock, run, counter, calls } = columnData();
    const written = await createExcelWorkbook(run).writeColumn("'Q1 data'!B2:F5", 'Quadrant segment', [
      'Loyal',
      null,
      'New',
    ]);
    // B..F is five columns, so the next one is G; rows 2..5 hold the header and three data rows.
    expect(calls).toEqual(['getItem Q1 data', 'getRange G:G', 'insert Right', 'getRange G2:G5']);
    expect(mock.context.workbook.worksheets.sheet.target.values).toEqual([
      ['Quadrant segment'],
      ['Loyal'],
      [''],
      ['New'],
    ]);
    expect(written).toBe("'Q1 data'!G2:G5");
    expect(counter.syncs).toBe(1);
  });

  test('writeColumn refuses a value count that does not match the data rows', async () => {
    const { run, calls } = columnData();
    await expect(createExcelWorkbook(run).writeColumn('Sheet1!A1:B4', 'segment', ['a'])).rejects.toThrow(
      'writeColumn: 1 values for the 3 data rows of Sheet1!A1:B4',
    );
    expect(calls).toEqual([]);
  });

  test("writeColumn reports a block that ends at the sheet's last column", async () => {
    const { run } = columnData();
    await expect(createExcelWorkbook(run).writeColumn('Sheet1!XFC1:XFD2', 'segment', ['a'])).rejects.toThrow(
      SelectionError,
    );
  });
});

/**
 * office-addin-mock has no collections, so the summary sheet is checked against this hand-written fake: a worksheet
 * collection whose `items` can only be read after `load` and `sync`, and ranges that log what is written to them.
 */
function summaryFake(existing: string[]) {
  const log: string[] = [];
  let requested = false;
  let loaded = false;
  const rangeAt = (row: number, column: number, rows: number, columns: number) => {
    const name = `(${row},${column} ${rows}x${columns})`;
    return {
      name,
      set values(v: unknown[][]) {
        log.push(`values ${name} ${JSON.stringify(v)}`);
      },
      set numberFormat(v: unknown[][]) {
        log.push(`numberFormat ${name} ${JSON.stringify(v)}`);
      },
      format: { autofitColumns: () => log.push(`autofit ${name}`) },
    };
  };
  const context = {
    sync: async () => {
      log.push('sync');
      loaded = requested;
    },
    workbook: {
      worksheets: {
        load: (what: string) => {
          log.push(`load ${what}`);
          requested = true;
        },
        get items() {
          if (!loaded) throw new Error('items read before load and sync');
          return existing.map((name) => ({ name }));
        },
        add: (name: string) => {
          log.push(`add ${name}`);
          return {
            getRangeByIndexes: rangeAt,
            tables: {
              add: (range: { name: string }, hasHeaders: boolean) => log.push(`table ${range.name} ${hasHeaders}`),
            },
          };
        },
      },
    },
  };
  const run: ExcelRun = (batch) => batch(context as never);
  return { run, log };
}

describe('createExcelWorkbook(run).writeSummarySheet(rows)', () => {
  test('writeSummarySheet writes values, then the table, on a new uniquely named sheet in two syncs', async () => {
    const { run, log } = summaryFake(['Data', 'Quadrant segments']);
    const name = await createExcelWorkbook(run).writeSummarySheet([
      { segment: 'Loyal', size: 3, share: 0.75 },
      { segment: 'New', size: 1, share: 0.25 },
    ]);
    expect(name).toBe('Quadrant segments (2)');
    expect(log).toEqual([
      'load items/name',
      'sync',
      'add Quadrant segments (2)',
      'values (0,0 3x3) [["Segment","Size","Share"],["Loyal",3,0.75],["New",1,0.25]]',
      'numberFormat (1,2 2x1) [["0.0%"],["0.0%"]]',
      'table (0,0 3x3) true',
      'autofit (0,0 3x3)',
      'sync',
    ]);
  });
});
