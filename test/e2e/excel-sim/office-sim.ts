/**
 * A simulated Excel host for the task pane's browser tests: `Office` and `Excel` globals with the Office.js surface
 * the pane uses, following Microsoft's documented behaviour strictly:
 * - calls are queued on proxy objects and run at `context.sync()`; a property cannot be read until it was loaded and
 *   synced (`PropertyNotLoaded`); `*OrNullObject` objects tell `isNullObject` after a sync;
 * - a 2-D array whose size does not match its range is refused (`InvalidArgument`); whole-column or whole-row
 *   ranges load `values`/`valueTypes`/number formats as null;
 * - a sync whose request or response JSON exceeds 5 MB fails with `RequestPayloadSizeLimitExceeded` /
 *   `ResponsePayloadSizeLimitExceeded` and applies nothing; any other failing call stops the batch there (what
 *   came before it stays applied, as in Excel);
 * - a table overlapping another is refused; table and sheet names must be valid and unique; charts need a known
 *   `Excel.ChartType`; `numberFormatCategories` exists only when the host supports ExcelApi 1.12;
 * - inserting cells that would move part of a table is refused.
 * `window.__excelSim` lets the test set up sheets and the selection, and inspect the workbook and every sync.
 */
import {
  boxAddress,
  columnLetters,
  MAX_COLUMNS,
  MAX_ROWS,
  overlaps,
  parseLocal,
  valid,
  WorkbookModel,
  type Box,
  type CellData,
  type ChartData,
  type Scalar,
  type SheetData,
  type TableData,
} from './model';

const LIMIT = 5 * 1024 * 1024;

class SimError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
  get debugInfo() {
    return { code: this.code, message: this.message };
  }
}

const CHART_TYPES = [
  'ColumnClustered',
  'ColumnStacked',
  'BarClustered',
  'BarStacked',
  'Line',
  'LineMarkers',
  'Pie',
  'XYScatter',
  'Area',
  'Doughnut',
];

interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  operations: number;
  failed: string | null;
}

interface SimOptions {
  /** The payload limit of one request or response (Excel on the web: 5 MB). */
  limitBytes: number;
  /** Highest ExcelApi version supported (default 1.12). */
  apiVersion: string;
  /** Delay of each sync, like a round trip to Excel on the web. */
  latencyMs: number;
}

let model = new WorkbookModel();
const syncs: SyncRecord[] = [];
const DEFAULTS: SimOptions = { limitBytes: LIMIT, apiVersion: '1.12', latencyMs: 0 };
const options: SimOptions = { ...DEFAULTS };

const supports = (version: string) => {
  const [a, b] = options.apiVersion.split('.').map(Number);
  const [c, d] = version.split('.').map(Number);
  return a > c || (a === c && b >= d);
};

// ---------------------------------------------------------------- request context and proxies

type Op = { kind: 'load'; target: ClientObject; props: string[] } | { kind: 'do'; describe: unknown; run: () => void };

class Context {
  queue: Op[] = [];
  nullables: ClientObject[] = [];
  workbook: WorkbookProxy;
  constructor() {
    this.workbook = new WorkbookProxy(this);
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    const nullables = this.nullables;
    this.queue = [];
    this.nullables = [];
    if (options.latencyMs > 0) await new Promise((r) => setTimeout(r, options.latencyMs));
    const request = JSON.stringify(queue.map((op) => (op.kind === 'load' ? ['load', op.props] : op.describe)));
    const record: SyncRecord = {
      requestBytes: request.length,
      responseBytes: 0,
      operations: queue.length,
      failed: null,
    };
    syncs.push(record);
    if (request.length > options.limitBytes) {
      record.failed = 'RequestPayloadSizeLimitExceeded';
      throw new SimError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    const loaded: [ClientObject, Record<string, unknown>][] = [];
    model.begin();
    try {
      for (const op of queue) {
        if (op.kind === 'do') op.run();
        else loaded.push([op.target, op.target.read(op.props)]);
      }
    } catch (error) {
      model.commit();
      record.failed = (error as SimError).code ?? 'GeneralException';
      throw error;
    }
    for (const proxy of nullables) proxy.resolveForNull();
    const response = JSON.stringify(loaded.map(([, values]) => values));
    record.responseBytes = response.length;
    if (response.length > options.limitBytes) {
      model.rollback();
      record.failed = 'ResponsePayloadSizeLimitExceeded';
      throw new SimError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    model.commit();
    for (const [proxy, values] of loaded) Object.assign(proxy.loaded, values);
  }
}

/** A client object: readable properties come from `loaded`; unloaded ones throw PropertyNotLoaded. */
abstract class ClientObject {
  loaded: Record<string, unknown> = {};
  private nullState: boolean | undefined;

  constructor(
    readonly context: Context,
    readonly nullable = false,
  ) {
    if (nullable) context.nullables.push(this);
  }

  /** The properties `load()` may name. */
  abstract readonly loadable: string[];
  /** Computes the named properties from the model (at sync time). */
  abstract read(props: string[]): Record<string, unknown>;
  /** Whether the object exists (at sync time), for *OrNullObject proxies. */
  exists(): boolean {
    return true;
  }

  resolveForNull(): void {
    this.nullState = !this.exists();
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }

  load(what?: string | string[] | { select?: string }): this {
    const text = typeof what === 'string' ? what : Array.isArray(what) ? what.join(',') : (what?.select ?? '');
    const props = text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    this.context.queue.push({ kind: 'load', target: this, props: props.length ? props : this.loadable });
    if (this.nullable) this.context.nullables.push(this);
    return this;
  }

  protected get(prop: string): unknown {
    if (!(prop in this.loaded)) throw notLoaded(prop);
    return this.loaded[prop];
  }

  /** Queues a change that runs at sync. */
  protected queue(describe: unknown, run: () => void): void {
    this.context.queue.push({ kind: 'do', describe, run });
  }
}

function notLoaded(prop: string): SimError {
  return new SimError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function invalid(message: string): SimError {
  return new SimError('InvalidArgument', message);
}

class WorkbookProxy extends ClientObject {
  readonly loadable = [];
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  constructor(context: Context) {
    super(context);
    this.worksheets = new WorksheetCollection(context);
    this.tables = new TableCollection(context, null);
  }
  read() {
    return {};
  }
  getSelectedRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      if (!model.selection) throw new SimError('InvalidSelection', 'There is no selection.');
      return { sheet: model.selection.sheet, box: model.selection.box };
    });
  }
}

class WorksheetCollection extends ClientObject {
  readonly loadable = ['items'];
  items_: WorksheetProxy[] | null = null;
  read(props: string[]) {
    const names = model.sheets.map((s) => s.name);
    this.items_ = model.sheets.map((s) => {
      const proxy = new WorksheetProxy(this.context, () => s);
      return proxy;
    });
    const wantsName = props.some((p) => p === 'items' || p === 'items/name' || p === 'name');
    return { items: names.map((name) => (wantsName ? { name } : {})) };
  }
  get items(): WorksheetProxy[] {
    const items = this.get('items') as { name?: string }[];
    return items.map((data, i) => {
      const proxy = this.items_![i];
      Object.assign(proxy.loaded, data);
      return proxy;
    });
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => {
      const sheet = model.sheet(name);
      if (!sheet) throw new SimError('ItemNotFound', `The requested resource doesn't exist: worksheet "${name}".`);
      return sheet;
    });
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => model.sheet(name) ?? null, true);
  }
  add(name: string): WorksheetProxy {
    let created: SheetData | null = null;
    this.queue(['worksheets.add', name], () => {
      if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
        throw invalid(`The sheet name "${name}" is not valid.`);
      }
      if (model.sheet(name)) throw new SimError('ItemAlreadyExists', `A worksheet named "${name}" already exists.`);
      created = model.addSheet(name);
    });
    return new WorksheetProxy(this.context, () => {
      if (!created) throw new SimError('ItemNotFound', 'The worksheet was not created.');
      return created;
    });
  }
}

class WorksheetProxy extends ClientObject {
  readonly loadable = ['name'];
  readonly tables: TableCollection;
  readonly charts: ChartCollection;
  constructor(
    context: Context,
    readonly resolve: () => SheetData | null,
    nullable = false,
  ) {
    super(context, nullable);
    this.tables = new TableCollection(context, this);
    this.charts = new ChartCollection(context, this);
  }
  sheet(): SheetData {
    const sheet = this.resolve();
    if (!sheet) throw new SimError('ItemNotFound', 'The worksheet does not exist.');
    return sheet;
  }
  override exists() {
    return this.resolve() !== null;
  }
  read(props: string[]) {
    const sheet = this.resolve();
    if (!sheet) return {};
    return Object.fromEntries(props.map((p) => [p, p === 'name' ? sheet.name : unknownProperty(p)]));
  }
  get name(): string {
    return this.get('name') as string;
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const sheet = this.sheet();
      if (address === undefined)
        return { sheet, box: { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS } };
      const box = parseLocal(address);
      if (!box) throw invalid(`The address "${address}" is not valid.`);
      return { sheet, box };
    });
  }
  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const box = { row, column, rowCount, columnCount };
      if (![row, column, rowCount, columnCount].every(Number.isInteger) || !valid(box)) {
        throw invalid(`getRangeByIndexes(${row}, ${column}, ${rowCount}, ${columnCount}) is outside the sheet.`);
      }
      return { sheet: this.sheet(), box };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const sheet = this.sheet();
        const box = model.usedBox(
          sheet,
          { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS },
          valuesOnly,
        );
        return box ? { sheet, box } : null;
      },
      true,
    );
  }
  activate(): void {
    this.queue(['activate'], () => {
      model.activeSheet = this.sheet();
    });
  }
}

interface RangeRef {
  sheet: SheetData;
  box: Box;
}

function unknownProperty(prop: string): never {
  throw new SimError('InvalidArgument', `The property '${prop}' does not exist on this object.`);
}

const CELL_PROPS = ['values', 'valueTypes', 'numberFormat', 'numberFormatCategories', 'text'];

class RangeProxy extends ClientObject {
  readonly loadable = ['address', 'rowCount', 'columnCount', 'values', 'numberFormat', 'valueTypes'];
  private cached: RangeRef | null | undefined;
  readonly format: RangeFormatProxy;
  readonly conditionalFormats: ConditionalFormatCollection;
  constructor(
    context: Context,
    private readonly resolver: () => RangeRef | null,
    nullable = false,
  ) {
    super(context, nullable);
    this.format = new RangeFormatProxy(this);
    this.conditionalFormats = new ConditionalFormatCollection(this);
  }
  /** Resolved once, at the first operation that needs it (in queue order). */
  ref(): RangeRef | null {
    if (this.cached === undefined) this.cached = this.resolver();
    return this.cached;
  }
  target(): RangeRef {
    const ref = this.ref();
    if (!ref)
      throw new SimError('InvalidReference', 'This reference is not valid for the current operation (null object).');
    return ref;
  }
  override exists() {
    return this.ref() !== null;
  }
  read(props: string[]) {
    const ref = this.ref();
    if (!ref) return {};
    const { sheet, box } = ref;
    const whole = box.rowCount === MAX_ROWS || box.columnCount === MAX_COLUMNS;
    const out: Record<string, unknown> = {};
    for (const prop of props) {
      if (prop === 'numberFormatCategories' && !supports('1.12')) {
        throw new SimError(
          'ApiNotFound',
          "The API you are trying to use could not be found: 'numberFormatCategories' needs ExcelApi 1.12.",
        );
      }
      switch (prop) {
        case 'address':
          out.address = boxAddress(sheet, box);
          break;
        case 'rowCount':
          out.rowCount = box.rowCount;
          break;
        case 'columnCount':
          out.columnCount = box.columnCount;
          break;
        case 'rowIndex':
          out.rowIndex = box.row;
          break;
        case 'columnIndex':
          out.columnIndex = box.column;
          break;
        case 'isEntireColumn':
          out.isEntireColumn = box.row === 0 && box.rowCount === MAX_ROWS;
          break;
        case 'isEntireRow':
          out.isEntireRow = box.column === 0 && box.columnCount === MAX_COLUMNS;
          break;
        default:
          if (!CELL_PROPS.includes(prop)) unknownProperty(prop);
          out[prop] = whole ? null : grid(box, (r, c) => cellProperty(model.cell(sheet, r, c), prop));
      }
    }
    return out;
  }
  get address() {
    return this.get('address') as string;
  }
  get rowCount() {
    return this.get('rowCount') as number;
  }
  get columnCount() {
    return this.get('columnCount') as number;
  }
  get rowIndex() {
    return this.get('rowIndex') as number;
  }
  get columnIndex() {
    return this.get('columnIndex') as number;
  }
  get isEntireColumn() {
    return this.get('isEntireColumn') as boolean;
  }
  get isEntireRow() {
    return this.get('isEntireRow') as boolean;
  }
  get values() {
    return this.get('values');
  }
  set values(values: unknown) {
    this.setCells('values', values, (sheet, r, c, v) => {
      if (v === null || v === undefined) return;
      if (!['number', 'string', 'boolean'].includes(typeof v))
        throw invalid('A value must be a number, text or boolean.');
      model.writeValue(sheet, r, c, v as Scalar);
    });
  }
  get valueTypes() {
    return this.get('valueTypes');
  }
  get numberFormat() {
    return this.get('numberFormat');
  }
  set numberFormat(formats: unknown) {
    this.setCells('numberFormat', formats, (sheet, r, c, f) => {
      if (f === null || f === undefined) return;
      if (typeof f !== 'string') throw invalid('A number format must be text.');
      model.writeFormat(sheet, r, c, f);
    });
  }
  get numberFormatCategories() {
    return this.get('numberFormatCategories');
  }
  get text() {
    return this.get('text');
  }
  /** Queues a write of a single value (to every cell) or of a 2-D array of exactly the range's size. */
  private setCells(prop: string, input: unknown, write: (sheet: SheetData, r: number, c: number, v: unknown) => void) {
    this.queue(['set', prop, input], () => {
      const { sheet, box } = this.target();
      if (Array.isArray(input)) {
        const rows = input as unknown[];
        if (rows.length !== box.rowCount || rows.some((row) => !Array.isArray(row) || row.length !== box.columnCount)) {
          const width = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : 0;
          throw invalid(
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows.length}×${width} for ${box.rowCount}×${box.columnCount}).`,
          );
        }
        for (let i = 0; i < box.rowCount; i++) {
          for (let j = 0; j < box.columnCount; j++)
            write(sheet, box.row + i, box.column + j, (rows[i] as unknown[])[j]);
        }
      } else {
        if (box.rowCount * box.columnCount > 5_000_000) throw invalid('The range is too large to set at once.');
        for (let i = 0; i < box.rowCount; i++)
          for (let j = 0; j < box.columnCount; j++) write(sheet, box.row + i, box.column + j, input);
      }
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const { sheet, box } = this.target();
        const used = model.usedBox(sheet, box, valuesOnly);
        return used ? { sheet, box: used } : null;
      },
      true,
    );
  }
  getSurroundingRegion(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { sheet, box } = this.target();
      return { sheet, box: model.surroundingRegion(sheet, box.row, box.column) };
    });
  }
  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { sheet, box } = this.target();
      return { sheet, box: { row: box.row + row, column: box.column + column, rowCount: 1, columnCount: 1 } };
    });
  }
  insert(shift: string): RangeProxy {
    this.queue(['insert', shift], () => insertCells(this.target(), shift));
    return new RangeProxy(this.context, () => this.target());
  }
}

function grid<T>(box: Box, f: (r: number, c: number) => T): T[][] {
  const out: T[][] = new Array(box.rowCount);
  for (let i = 0; i < box.rowCount; i++) {
    const row: T[] = new Array(box.columnCount);
    for (let j = 0; j < box.columnCount; j++) row[j] = f(box.row + i, box.column + j);
    out[i] = row;
  }
  return out;
}

function cellProperty(cell: CellData | undefined, prop: string): unknown {
  const value = cell?.value ?? '';
  const format = cell?.format ?? 'General';
  switch (prop) {
    case 'values':
      return value;
    case 'text':
      return String(value);
    case 'numberFormat':
      return format;
    case 'numberFormatCategories':
      return formatCategory(format);
    default:
      if (cell?.error) return 'Error';
      if (value === '') return 'Empty';
      return typeof value === 'number' ? 'Double' : typeof value === 'boolean' ? 'Boolean' : 'String';
  }
}

/** Excel's category of a number format; custom date formats outside Excel's built-in list read "Custom". */
function formatCategory(format: string): string {
  if (format === 'General') return 'General';
  if (format === '@') return 'Text';
  if (['m/d/yyyy', 'yyyy-mm-dd', 'd-mmm-yy', 'mm/dd/yyyy', 'dd/mm/yyyy', 'mmmm d, yyyy'].includes(format))
    return 'Date';
  if (/^\[?h+\]?:mm(:ss)?$/.test(format)) return 'Time';
  if (/%$/.test(format)) return 'Percentage';
  if (/^[#0,.]+$/.test(format)) return 'Number';
  if (/^\$/.test(format)) return 'Currency';
  return 'Custom';
}

/** Shifts the cells of the box's rows right (or its columns down) to make room; refuses to split a table. */
function insertCells({ sheet, box }: RangeRef, shift: string): void {
  if (shift !== 'Right')
    throw new SimError('NotImplemented', `The simulated host inserts with "Right" only, not "${shift}".`);
  for (const table of model.tables) {
    if (table.sheet !== sheet) continue;
    const sameRows = table.box.row >= box.row && table.box.row + table.box.rowCount <= box.row + box.rowCount;
    const touched =
      table.box.row < box.row + box.rowCount &&
      box.row < table.box.row + table.box.rowCount &&
      table.box.column + table.box.columnCount > box.column;
    if (touched && !sameRows) {
      throw new SimError(
        'InvalidOperation',
        "This operation isn't allowed because it would move cells in a table on your worksheet.",
      );
    }
  }
  for (let r = box.row; r < box.row + box.rowCount; r++) {
    const line = sheet.rows.get(r);
    if (!line) continue;
    const moved = [...line.entries()].filter(([c]) => c >= box.column).sort((a, b) => b[0] - a[0]);
    if (moved.some(([c]) => c + box.columnCount >= MAX_COLUMNS)) {
      throw new SimError('InvalidOperation', 'Cells would be pushed off the end of the worksheet.');
    }
    for (const [c, cell] of moved) {
      model.putCell(sheet, r, c + box.columnCount, cell);
      model.putCell(sheet, r, c, undefined);
    }
  }
  for (const table of model.tables) {
    if (table.sheet === sheet && overlaps(table.box, { ...box, columnCount: MAX_COLUMNS - box.column })) {
      const before = table.box;
      table.box = { ...before, column: before.column + box.columnCount };
      model.record(() => (table.box = before));
    }
  }
}

/** `range.format` and its font: settable properties queue writes on the range. */
class RangeFormatProxy {
  readonly font: Record<string, unknown>;
  constructor(private readonly range: RangeProxy) {
    const fontProps: Record<string, unknown> = {};
    for (const prop of ['bold', 'italic', 'size', 'color', 'name']) {
      Object.defineProperty(fontProps, prop, {
        get: () => {
          throw notLoaded(`font.${prop}`);
        },
        set: (value: unknown) =>
          range.context.queue.push({ kind: 'do', describe: ['font', prop, value], run: () => void range.target() }),
      });
    }
    this.font = fontProps;
  }
  autofitColumns(): void {
    this.range.context.queue.push({ kind: 'do', describe: ['autofitColumns'], run: () => void this.range.target() });
  }
}

class ConditionalFormatCollection {
  constructor(private readonly range: RangeProxy) {}
  add(type: string) {
    const state = { criteria: null as unknown };
    if (
      ![
        'ColorScale',
        'DataBar',
        'IconSet',
        'CellValue',
        'Custom',
        'TopBottom',
        'PresetCriteria',
        'ContainsText',
      ].includes(type)
    ) {
      throw invalid(`Unknown conditional format type "${type}".`);
    }
    this.range.context.queue.push({
      kind: 'do',
      describe: ['conditionalFormats.add', type],
      run: () => {
        const { sheet, box } = this.range.target();
        const format = { sheet, box, type, criteria: null as unknown };
        model.conditionalFormats.push(format);
        model.record(() => model.conditionalFormats.splice(model.conditionalFormats.indexOf(format), 1));
        Object.defineProperty(state, 'model', { value: format, configurable: true });
      },
    });
    const context = this.range.context;
    const colorScale = {};
    Object.defineProperty(colorScale, 'criteria', {
      get: () => {
        throw notLoaded('criteria');
      },
      set: (criteria: unknown) =>
        context.queue.push({
          kind: 'do',
          describe: ['colorScale.criteria', criteria],
          run: () => {
            if (type !== 'ColorScale') throw invalid('criteria of a colour scale set on another kind of format.');
            const c = criteria as Record<string, { type?: string; color?: string; formula?: string | null }>;
            if (!c?.minimum?.type || !c?.maximum?.type)
              throw invalid('A colour scale needs minimum and maximum criteria.');
            // Excel.ConditionalFormatColorCriterionType; `formula` is "a number, a formula, or null (if type is
            // lowestValue)" — so the value-based types need one.
            for (const [at, criterion] of Object.entries(c)) {
              if (
                !['LowestValue', 'HighestValue', 'Number', 'Percent', 'Formula', 'Percentile'].includes(criterion.type!)
              )
                throw invalid(`Colour scale ${at}: unknown criterion type "${criterion.type}".`);
              const needsFormula = !['LowestValue', 'HighestValue'].includes(criterion.type!);
              if (
                needsFormula &&
                (criterion.formula === null || criterion.formula === undefined || criterion.formula === '')
              )
                throw invalid(`Colour scale ${at}: a ${criterion.type} criterion needs a formula.`);
            }
            (state as unknown as { model: { criteria: unknown } }).model.criteria = criteria;
          },
        }),
    });
    return { colorScale, type };
  }
}

class TableCollection extends ClientObject {
  readonly loadable = ['items'];
  constructor(
    context: Context,
    private readonly worksheet: WorksheetProxy | null,
  ) {
    super(context);
  }
  read(props: string[]) {
    const tables = this.worksheet ? model.tables.filter((t) => t.sheet === this.worksheet!.sheet()) : model.tables;
    const wantsName = props.some((p) => p.startsWith('items') || p === 'name');
    return { items: tables.map((t) => (wantsName ? { name: t.name } : {})) };
  }
  get items(): { name: string }[] {
    return (this.get('items') as { name: string }[]).map((data) => ({
      get name() {
        if (data.name === undefined) throw notLoaded('name');
        return data.name;
      },
    }));
  }
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    let created: TableData | null = null;
    this.queue(['tables.add', typeof address === 'string' ? address : 'range', hasHeaders], () => {
      let ref: RangeRef;
      if (typeof address === 'string') {
        const bang = address.lastIndexOf('!');
        const sheetName = bang > 0 ? address.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'") : null;
        const sheet = sheetName ? model.sheet(sheetName) : this.worksheet?.sheet();
        const box = parseLocal(address.slice(bang + 1));
        if (!sheet || !box) throw invalid(`The address "${address}" is not valid.`);
        ref = { sheet, box };
      } else ref = address.target();
      if (ref.box.rowCount === MAX_ROWS || ref.box.columnCount === MAX_COLUMNS)
        throw invalid('A table cannot span whole columns or rows.');
      if (model.tables.some((t) => t.sheet === ref.sheet && overlaps(t.box, ref.box))) {
        throw invalid("A table can't overlap another table.");
      }
      const headers: string[] = [];
      for (let j = 0; j < ref.box.columnCount; j++) {
        const cell = hasHeaders ? model.cell(ref.sheet, ref.box.row, ref.box.column + j) : undefined;
        let header = cell && cell.value !== '' ? String(cell.value) : `Column${j + 1}`;
        for (let n = 2; headers.includes(header); n++) header = `${header}${n}`;
        headers.push(header);
      }
      let n = 1;
      while (model.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
      const table: TableData = {
        name: `Table${n}`,
        sheet: ref.sheet,
        box: ref.box,
        headers,
        style: 'TableStyleMedium2',
      };
      model.tables.push(table);
      model.record(() => model.tables.splice(model.tables.indexOf(table), 1));
      created = table;
    });
    return new TableProxy(this.context, () => created);
  }
}

class TableProxy extends ClientObject {
  readonly loadable = ['name', 'style'];
  constructor(
    context: Context,
    private readonly resolve: () => TableData | null,
  ) {
    super(context);
  }
  table(): TableData {
    const table = this.resolve();
    if (!table) throw new SimError('ItemNotFound', 'The table does not exist.');
    return table;
  }
  read(props: string[]) {
    const table = this.table();
    return Object.fromEntries(
      props.map((p) => [p, p === 'name' ? table.name : p === 'style' ? table.style : unknownProperty(p)]),
    );
  }
  get name() {
    return this.get('name') as string;
  }
  set name(name: string) {
    this.queue(['table.name', name], () => {
      const table = this.table();
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rc]$/i.test(name)) {
        throw invalid(`The table name "${name}" is not valid.`);
      }
      if (model.tables.some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase())) {
        throw invalid(`A table named "${name}" already exists.`);
      }
      const before = table.name;
      table.name = name;
      model.record(() => (table.name = before));
    });
  }
  set style(style: string) {
    this.queue(['table.style', style], () => {
      this.table().style = style;
    });
  }
}

class ChartCollection extends ClientObject {
  readonly loadable = ['items', 'count'];
  constructor(
    context: Context,
    private readonly worksheet: WorksheetProxy,
  ) {
    super(context);
  }
  read(props: string[]) {
    const charts = model.charts.filter((c) => c.sheet === this.worksheet.sheet());
    return Object.fromEntries(
      props.map((p) => [
        p,
        p === 'count'
          ? charts.length
          : p.startsWith('items')
            ? charts.map((c) => ({ name: c.name }))
            : unknownProperty(p),
      ]),
    );
  }
  add(type: string, source: RangeProxy, seriesBy: string = 'Auto'): ChartProxy {
    let created: ChartData | null = null;
    this.queue(['charts.add', type, seriesBy], () => {
      if (!CHART_TYPES.includes(type)) throw invalid(`"${type}" is not a valid Excel.ChartType.`);
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy))
        throw invalid(`"${seriesBy}" is not a valid Excel.ChartSeriesBy.`);
      const { sheet, box } = source.target();
      const sheetOfChart = this.worksheet.sheet();
      const byRows = seriesBy === 'Rows';
      const count = byRows ? box.rowCount : box.columnCount;
      const series = Array.from({ length: count }, (_, i) => ({
        name: `Series${i + 1}`,
        values: byRows ? { ...box, row: box.row + i, rowCount: 1 } : { ...box, column: box.column + i, columnCount: 1 },
        xValues: null,
      }));
      const chart: ChartData = {
        name: `Chart ${model.charts.length + 1}`,
        sheet: sheetOfChart,
        type,
        title: '',
        categoryAxisTitle: '',
        valueAxisTitle: '',
        legendVisible: true,
        series,
        position: null,
      };
      if (sheet !== sheetOfChart) throw invalid('The chart source is on another sheet.');
      model.charts.push(chart);
      model.record(() => model.charts.splice(model.charts.indexOf(chart), 1));
      created = chart;
    });
    return new ChartProxy(this.context, () => {
      if (!created) throw new SimError('ItemNotFound', 'The chart does not exist.');
      return created;
    });
  }
}

class ChartProxy extends ClientObject {
  readonly loadable = ['name'];
  readonly title: Record<string, unknown>;
  readonly legend: Record<string, unknown>;
  readonly axes: { categoryAxis: { title: Record<string, unknown> }; valueAxis: { title: Record<string, unknown> } };
  readonly series: {
    getItemAt(index: number): SeriesProxy;
    add(name?: string): SeriesProxy;
  };
  constructor(
    context: Context,
    readonly chart: () => ChartData,
  ) {
    super(context);
    const setter = (object: Record<string, unknown>, prop: string, apply: (c: ChartData, v: unknown) => void) =>
      Object.defineProperty(object, prop, {
        get: () => {
          throw notLoaded(prop);
        },
        set: (value: unknown) => this.queue(['chart', prop, value], () => apply(this.chart(), value)),
      });
    this.title = {};
    setter(this.title, 'text', (c, v) => (c.title = String(v)));
    this.legend = {};
    setter(this.legend, 'visible', (c, v) => (c.legendVisible = Boolean(v)));
    const categoryTitle = {};
    setter(categoryTitle, 'text', (c, v) => (c.categoryAxisTitle = String(v)));
    const valueTitle = {};
    setter(valueTitle, 'text', (c, v) => (c.valueAxisTitle = String(v)));
    this.axes = { categoryAxis: { title: categoryTitle }, valueAxis: { title: valueTitle } };
    this.series = {
      getItemAt: (index: number) =>
        new SeriesProxy(context, () => {
          const series = this.chart().series[index];
          if (!series) throw new SimError('ItemNotFound', `The chart has no series ${index}.`);
          return series;
        }),
      add: (name?: string) => {
        let created: ChartData['series'][number] | null = null;
        this.queue(['series.add', name], () => {
          const chart = this.chart();
          created = {
            name: name ?? `Series${chart.series.length + 1}`,
            values: { row: 0, column: 0, rowCount: 0, columnCount: 0 },
            xValues: null,
          };
          chart.series.push(created);
        });
        return new SeriesProxy(context, () => created!);
      },
    };
  }
  read(props: string[]) {
    return Object.fromEntries(props.map((p) => [p, p === 'name' ? this.chart().name : unknownProperty(p)]));
  }
  set name(name: string) {
    this.queue(['chart.name', name], () => {
      this.chart().name = name;
    });
  }
  get name() {
    return this.get('name') as string;
  }
  setPosition(start: string, end?: string): void {
    this.queue(['setPosition', start, end], () => {
      if (!parseLocal(start) || (end !== undefined && !parseLocal(end)))
        throw invalid(`Invalid chart position ${start}:${end}.`);
      this.chart().position = { start, end: end ?? start };
    });
  }
}

class SeriesProxy extends ClientObject {
  readonly loadable = ['name'];
  constructor(
    context: Context,
    private readonly series: () => ChartData['series'][number],
  ) {
    super(context);
  }
  read(props: string[]) {
    return Object.fromEntries(props.map((p) => [p, p === 'name' ? this.series().name : unknownProperty(p)]));
  }
  get name() {
    return this.get('name') as string;
  }
  set name(name: string) {
    this.queue(['series.name', name], () => {
      this.series().name = name;
    });
  }
  setValues(range: RangeProxy): void {
    this.queue(['series.setValues'], () => {
      this.series().values = oneLine(range.target().box);
    });
  }
  setXAxisValues(range: RangeProxy): void {
    this.queue(['series.setXAxisValues'], () => {
      this.series().xValues = oneLine(range.target().box);
    });
  }
}

function oneLine(box: Box): Box {
  if (box.rowCount !== 1 && box.columnCount !== 1) throw invalid('Series data must be a single row or column.');
  return box;
}

// ---------------------------------------------------------------- globals

/** `Excel.run`: a new request context for the batch, synced once more at the end if anything is queued. */
export async function run<T>(batch: (context: Context) => Promise<T>): Promise<T> {
  const context = new Context();
  const result = await batch(context);
  if (context.queue.length > 0) await context.sync();
  return result;
}

const settings = {
  get: (name: string) => model.settings[name] ?? null,
  set: (name: string, value: unknown) => {
    pendingSettings[name] = value;
  },
  remove: (name: string) => {
    pendingSettings[name] = undefined;
  },
  saveAsync(...args: unknown[]) {
    const callback = args.find((a) => typeof a === 'function') as ((r: { status: string }) => void) | undefined;
    for (const [k, v] of Object.entries(pendingSettings)) {
      if (v === undefined) delete model.settings[k];
      else model.settings[k] = v;
    }
    pendingSettings = {};
    setTimeout(() => callback?.({ status: 'succeeded' }), 0);
  },
};
let pendingSettings: Record<string, unknown> = {};

const office = {
  HostType: { Excel: 'Excel', Word: 'Word' },
  PlatformType: { OfficeOnline: 'OfficeOnline' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
  context: {
    requirements: {
      isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && supports(version ?? '1.1'),
    },
    document: { settings },
  },
};
const excel = {
  run,
  ChartType: Object.fromEntries(CHART_TYPES.map((t) => [t[0].toLowerCase() + t.slice(1), t])),
  InsertShiftDirection: { right: 'Right', down: 'Down' },
  ConditionalFormatType: { colorScale: 'ColorScale' },
  ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
};

// ---------------------------------------------------------------- the test's handle

type SetupCell = Scalar | null | { error: string } | { value: Scalar; format: string };

export const sim = {
  get model() {
    return model;
  },
  syncs,
  /** A fresh workbook, no syncs recorded, default options (for unit tests that share one module). */
  reset() {
    model = new WorkbookModel();
    syncs.length = 0;
    Object.assign(options, DEFAULTS);
    pendingSettings = {};
  },
  options,
  configure(next: Partial<SimOptions>) {
    Object.assign(options, next);
  },
  /** Fills a new sheet from A1: rows of cells; `formats` gives a number format per column. */
  addSheet(name: string, rows: SetupCell[][], formats: (string | null)[] = []) {
    const sheet = model.addSheet(name);
    rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null || cell === '') return;
        const format = formats[c] && r > 0 ? formats[c]! : 'General';
        if (typeof cell === 'object' && 'error' in cell)
          model.putCell(sheet, r, c, { value: cell.error, error: true, format });
        else if (typeof cell === 'object') model.putCell(sheet, r, c, { value: cell.value, format: cell.format });
        else model.putCell(sheet, r, c, { value: cell, format });
      }),
    );
    model.activeSheet ??= sheet;
    return sheet.name;
  },
  /** Puts one cell (tests' own edits between runs). */
  setCell(sheetName: string, address: string, value: Scalar) {
    const sheet = model.sheet(sheetName)!;
    const box = parseLocal(address)!;
    model.putCell(sheet, box.row, box.column, {
      value,
      format: model.cell(sheet, box.row, box.column)?.format ?? 'General',
    });
  },
  select(sheetName: string, address: string) {
    const sheet = model.sheet(sheetName);
    const box = parseLocal(address);
    if (!sheet || !box) throw new Error(`select: no ${sheetName}!${address}`);
    model.selection = { sheet, box };
  },
  /** A block's cells as { value, format, type, formula }. */
  cells(sheetName: string, address: string) {
    const sheet = model.sheet(sheetName)!;
    const box = parseLocal(address)!;
    return grid(box, (r, c) => {
      const cell = model.cell(sheet, r, c);
      return {
        value: cell?.value ?? '',
        format: cell?.format ?? 'General',
        type: cellProperty(cell, 'valueTypes'),
        formula: cell?.formula ?? null,
      };
    });
  },
  values(sheetName: string, address: string) {
    return sim.cells(sheetName, address).map((row) => row.map((c) => c.value));
  },
  sheetNames: () => model.sheets.map((s) => s.name),
  activeSheet: () => model.activeSheet?.name ?? null,
  usedAddress(sheetName: string) {
    const sheet = model.sheet(sheetName)!;
    const box = model.usedBox(sheet, { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS }, true);
    return box ? boxAddress(sheet, box) : null;
  },
  tables: () =>
    model.tables.map((t) => ({
      name: t.name,
      sheet: t.sheet.name,
      address: boxAddress(t.sheet, t.box),
      headers: t.headers,
    })),
  charts: () =>
    model.charts.map((c) => ({
      name: c.name,
      sheet: c.sheet.name,
      type: c.type,
      title: c.title,
      categoryAxisTitle: c.categoryAxisTitle,
      valueAxisTitle: c.valueAxisTitle,
      position: c.position,
      series: c.series.map((s) => ({
        name: s.name,
        values: s.values.rowCount ? boxAddress(c.sheet, s.values) : null,
        xValues: s.xValues ? boxAddress(c.sheet, s.xValues) : null,
      })),
    })),
  conditionalFormats: () =>
    model.conditionalFormats.map((f) => ({
      sheet: f.sheet.name,
      address: boxAddress(f.sheet, f.box),
      type: f.type,
      criteria: f.criteria,
    })),
  settings: () => ({ ...model.settings }),
  columnLetters,
};

// In a page, this script stands in for office.js; in Node (unit tests) it is imported for `run` and `sim`.
if (typeof window !== 'undefined') {
  const win = window as unknown as Record<string, unknown>;
  win.OfficeExtension = { Error: SimError };
  win.Office = office;
  win.Excel = excel;
  win.__excelSim = sim;
}
export type ExcelSim = typeof sim;
