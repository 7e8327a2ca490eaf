import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { InputError } from '../../shared/errors';
import { tableFromCells, type TableOptions } from '../../shared/table/from-cells';
import { tableFromCsv } from '../../shared/table/from-csv';
import type { Cell, Column, Table } from '../../shared/table/types';
import type { Limits } from '../config';
import { NotFoundError } from '../errors';
import { checkTableSize, widestRow } from '../hardening/table-limits';
import {
  decodeCodeChunk,
  decodeNumericChunk,
  decodeTextChunk,
  encodeChunk,
  isNumericType,
} from '../storage/column-codec';
import { deleteChunks, insertChunks, selectChunks, type DatasetChunk } from '../storage/dataset-chunks';
import { DatasetEntity, type StoredColumn } from '../storage/entities/dataset.entity';
import type { ConnectedDatasets } from '../warehouse/connected-datasets';

/** The answer when a connected dataset is used without a warehouse to read it from. */
export const WAREHOUSE_NEEDED =
  'no warehouse is configured: set QUADRANT_WAREHOUSE_URL (postgres://…) or store in PostgreSQL ' +
  '(QUADRANT_DATABASE_URL) to connect datasets';

/** Rows per stored chunk: 64k rows is 512 KB of Float64 per column chunk. */
export const CHUNK_ROWS = 65536;
export const MAX_NAME_LENGTH = 200;

export type DatasetSource = (
  { csv: string; table?: undefined } | { table: { header: Cell[]; rows: Cell[][] }; csv?: undefined }
) & {
  /** What reading the source warned of (an .xlsx sheet's formulas, say), kept with the dataset. */
  warnings?: readonly string[];
};

/**
 * Datasets: validated and typed in memory, then written in one transaction (catalogue row + column chunks), so a
 * failed import leaves nothing behind. Reads load only the columns an analysis asks for.
 */
export class DatasetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connected: ConnectedDatasets | null = null,
  ) {}

  /**
   * Parses and types the rows, then stores them. Everything, the size limits included, is checked before the first
   * write.
   */
  async importDataset(
    workspaceId: string,
    name: string,
    source: DatasetSource,
    options: TableOptions = {},
    limits?: Limits,
  ): Promise<DatasetEntity> {
    const trimmed = validateName(name);
    if (limits && source.table) {
      checkTableSize(
        limits,
        source.table.rows.length,
        widestRow(source.table.header, source.table.rows),
        'input.table',
      );
    }
    const table =
      source.csv !== undefined
        ? tableFromCsv(source.csv, options)
        : tableFromCells(source.table.header, source.table.rows, options);
    if (limits) {
      checkTableSize(
        limits,
        table.rowCount,
        table.columns.length,
        source.csv !== undefined ? 'input.csv' : 'input.table',
      );
    }
    return this.store(workspaceId, trimmed, table, undefined, source.warnings);
  }

  /** Stores an already typed Table (demo data, analysis outputs) in one transaction. */
  async store(
    workspaceId: string,
    name: string,
    table: Table,
    manager?: EntityManager,
    warnings: readonly string[] = [],
  ): Promise<DatasetEntity> {
    const dataset = Object.assign(new DatasetEntity(), {
      id: randomUUID(),
      workspaceId,
      name: validateName(name),
      rowCount: table.rowCount,
      chunkRows: CHUNK_ROWS,
      columns: table.columns.map(describeColumn),
      createdAt: new Date().toISOString(),
      source: 'STORED' as const,
      definition: null,
      warnings: warnings.length > 0 ? [...warnings] : null,
    });
    const write = async (m: EntityManager) => {
      await m.insert(DatasetEntity, dataset);
      const chunks: DatasetChunk[] = [];
      table.columns.forEach((column, columnIndex) => {
        for (let start = 0, chunkIndex = 0; start < table.rowCount; start += CHUNK_ROWS, chunkIndex++) {
          chunks.push({
            datasetId: dataset.id,
            columnIndex,
            chunkIndex,
            data: encodeChunk(column, start, Math.min(start + CHUNK_ROWS, table.rowCount)),
          });
        }
      });
      await insertChunks(m, chunks);
    };
    if (manager) await write(manager);
    else await this.dataSource.transaction(write);
    return dataset;
  }

  async list(workspaceId: string): Promise<DatasetEntity[]> {
    return this.dataSource
      .getRepository(DatasetEntity)
      .find({ where: { workspaceId }, order: { createdAt: 'ASC', name: 'ASC' } });
  }

  async find(workspaceId: string, id: string): Promise<DatasetEntity | null> {
    if (!isUuid(id)) return null;
    return this.dataSource.getRepository(DatasetEntity).findOneBy({ workspaceId, id });
  }

  async get(workspaceId: string, id: string): Promise<DatasetEntity> {
    const dataset = await this.find(workspaceId, id);
    if (!dataset) throw new NotFoundError('Dataset', id);
    return dataset;
  }

  /**
   * Deletes the dataset and its chunks. Whether it exists is decided inside the transaction, so of two concurrent
   * deletes one succeeds and the other answers NOT_FOUND.
   */
  async delete(workspaceId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) throw new NotFoundError('Dataset', id);
    const dataset = await this.find(workspaceId, id);
    await this.dataSource.transaction(async (m) => {
      const deleted = await m.delete(DatasetEntity, { id, workspaceId });
      if (!deleted.affected) throw new NotFoundError('Dataset', id);
      await deleteChunks(m, id);
    });
    // A table the warehouse import created belongs to the dataset: dropped once the catalogue row is gone.
    if (dataset?.source === 'CONNECTED') await this.connected?.dropOwned(dataset);
    return true;
  }

  /**
   * Reads a stored dataset back as a Table. With `columnNames`, only those columns are read (in that order);
   * an unknown name is an InputError that lists the dataset's columns.
   */
  async loadTable(workspaceId: string, id: string, columnNames?: readonly string[]): Promise<Table> {
    const dataset = await this.get(workspaceId, id);
    const wanted = columnNames
      ? [...new Set(columnNames)].map((name) => columnIndex(dataset, name))
      : dataset.columns.map((_, i) => i);
    if (dataset.source === 'CONNECTED') return this.connectedDatasets().loadTable(dataset, wanted);
    const columns = await this.readColumns(dataset, wanted, 0, dataset.rowCount);
    return { rowCount: dataset.rowCount, columns };
  }

  /** A page of rows as cells (dates as ISO text), for previews. */
  async previewRows(dataset: DatasetEntity, offset: number, limit: number): Promise<Cell[][]> {
    const start = Math.min(Math.max(0, offset), dataset.rowCount);
    const end = Math.min(start + Math.max(0, limit), dataset.rowCount);
    if (end <= start) return [];
    if (dataset.source === 'CONNECTED') return this.connectedDatasets().previewRows(dataset, start, end - start);
    const columns = await this.readColumns(
      dataset,
      dataset.columns.map((_, i) => i),
      start,
      end,
    );
    const rows: Cell[][] = [];
    for (let i = 0; i < end - start; i++) rows.push(columns.map((c) => cellOf(c, i)));
    return rows;
  }

  /** The warehouse a connected dataset is read from; configured unless storage moved to SQLite since. */
  private connectedDatasets(): ConnectedDatasets {
    if (!this.connected) throw new InputError(WAREHOUSE_NEEDED, 'datasetId');
    return this.connected;
  }

  /** Reads rows [start, end) of the given columns, fetching only the chunks that cover them. */
  private async readColumns(dataset: DatasetEntity, indexes: number[], start: number, end: number): Promise<Column[]> {
    if (indexes.length === 0 || end <= start) return [];
    const firstChunk = Math.floor(start / dataset.chunkRows);
    const lastChunk = Math.floor((end - 1) / dataset.chunkRows);
    const chunkIndexes: number[] = [];
    for (let c = firstChunk; c <= lastChunk; c++) chunkIndexes.push(c);
    const rows = await selectChunks(this.dataSource, dataset.id, indexes, chunkIndexes);
    // Deleted between reading the catalogue row and its chunks: never hand back zero-filled columns.
    if (rows.length !== indexes.length * chunkIndexes.length) throw new NotFoundError('Dataset', dataset.id);
    const n = end - start;
    const base = firstChunk * dataset.chunkRows;
    return indexes.map((index) => {
      const meta = dataset.columns[index];
      const chunks = rows.filter((r) => r.columnIndex === index).sort((a, b) => a.chunkIndex - b.chunkIndex);
      const spanRows = Math.min(dataset.rowCount, (lastChunk + 1) * dataset.chunkRows) - base;
      if (isNumericType(meta.type)) {
        const all = new Float64Array(spanRows);
        for (const chunk of chunks) decodeNumericChunk(chunk.data, all, chunk.chunkIndex * dataset.chunkRows - base);
        const values = all.subarray(start - base, start - base + n);
        return {
          name: meta.name,
          type: meta.type as 'NUMBER',
          values: values.length === all.length ? all : values.slice(),
        };
      }
      if (meta.type === 'CATEGORY') {
        const all = new Int32Array(spanRows);
        for (const chunk of chunks) decodeCodeChunk(chunk.data, all, chunk.chunkIndex * dataset.chunkRows - base);
        const codes = all.subarray(start - base, start - base + n);
        return {
          name: meta.name,
          type: 'CATEGORY',
          codes: codes.length === all.length ? all : codes.slice(),
          levels: meta.levels ?? [],
        };
      }
      const values: (string | null)[] = [];
      for (const chunk of chunks) for (const v of decodeTextChunk(chunk.data)) values.push(v);
      return { name: meta.name, type: 'TEXT', values: values.slice(start - base, start - base + n) };
    });
  }
}

function describeColumn(column: Column): StoredColumn {
  let missingCount = 0;
  if (column.type === 'CATEGORY') {
    for (const c of column.codes) if (c < 0) missingCount++;
    return { name: column.name, type: column.type, levels: [...column.levels], missingCount };
  }
  if (column.type === 'TEXT') {
    for (const v of column.values) if (v === null) missingCount++;
  } else {
    for (const v of column.values) if (v !== v) missingCount++;
  }
  return { name: column.name, type: column.type, missingCount };
}

function cellOf(column: Column, i: number): Cell {
  switch (column.type) {
    case 'NUMBER':
      return Number.isNaN(column.values[i]) ? null : column.values[i];
    case 'BOOLEAN':
      return Number.isNaN(column.values[i]) ? null : column.values[i] === 1;
    case 'DATE': {
      const v = column.values[i];
      if (Number.isNaN(v)) return null;
      const iso = new Date(v).toISOString();
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
    }
    case 'CATEGORY':
      return column.codes[i] < 0 ? null : column.levels[column.codes[i]];
    case 'TEXT':
      return column.values[i];
  }
}

function columnIndex(dataset: DatasetEntity, name: string): number {
  const index = dataset.columns.findIndex((c) => c.name === name);
  if (index < 0) {
    const names = dataset.columns.map((c) => `"${c.name}"`).join(', ');
    throw new InputError(`dataset "${dataset.name}" has no column "${name}"; its columns are ${names}`, name);
  }
  return index;
}

export function validateName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new InputError('name: a dataset needs a name', 'name');
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new InputError(`name: ${trimmed.length} characters is too long; at most ${MAX_NAME_LENGTH}`, 'name');
  }
  return trimmed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(id: string): boolean {
  return UUID.test(id);
}
