import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { InputError } from '../../shared/errors';
import { tableFromCells, type TableOptions } from '../../shared/table/from-cells';
import { tableFromCsv } from '../../shared/table/from-csv';
import type { Cell, Column, Table } from '../../shared/table/types';
import type { Limits } from '../config';
import { NotFoundError } from '../errors';
import { checkTableSize, widestRow } from '../hardening/table-limits';
import { ChunkCache, type DecodedChunk } from '../storage/chunk-cache';
import { decodeChunk, encodeChunk } from '../storage/column-codec';
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
  /** Decoded chunks of recently read datasets (see ChunkCache: chunks never change once stored). */
  readonly chunkCache = new ChunkCache();

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
    this.chunkCache.forget(id);
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

  /**
   * Reads rows [start, end) of the given columns from the chunks that cover them (decoded ones from the cache, the
   * rest in one query), copying only those rows: the returned arrays are the caller's own.
   */
  private async readColumns(dataset: DatasetEntity, indexes: number[], start: number, end: number): Promise<Column[]> {
    if (indexes.length === 0 || end <= start) return [];
    const chunkRows = dataset.chunkRows;
    const firstChunk = Math.floor(start / chunkRows);
    const lastChunk = Math.floor((end - 1) / chunkRows);
    const chunkIndexes: number[] = [];
    for (let c = firstChunk; c <= lastChunk; c++) chunkIndexes.push(c);
    const decoded = await this.decodedChunks(dataset, indexes, chunkIndexes);
    const n = end - start;
    return indexes.map((index) => {
      const meta = dataset.columns[index];
      const chunks = decoded.get(index)!;
      if (meta.type === 'TEXT') {
        const values: (string | null)[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const row = start + i - firstChunk * chunkRows;
          values[i] = (chunks[Math.floor(row / chunkRows)] as readonly (string | null)[])[row % chunkRows];
        }
        return { name: meta.name, type: 'TEXT', values };
      }
      const out = meta.type === 'CATEGORY' ? new Int32Array(n) : new Float64Array(n);
      chunks.forEach((chunk, k) => {
        const chunkStart = (firstChunk + k) * chunkRows;
        const from = Math.max(start, chunkStart);
        const to = Math.min(end, chunkStart + chunk.length);
        out.set((chunk as Float64Array | Int32Array).subarray(from - chunkStart, to - chunkStart), from - start);
      });
      if (out instanceof Int32Array)
        return { name: meta.name, type: 'CATEGORY', codes: out, levels: meta.levels ?? [] };
      return { name: meta.name, type: meta.type as 'NUMBER', values: out };
    });
  }

  /** The decoded chunks of each column, in chunk order: from the cache, else read (in one query) and cached. */
  private async decodedChunks(
    dataset: DatasetEntity,
    indexes: number[],
    chunkIndexes: number[],
  ): Promise<Map<number, DecodedChunk[]>> {
    const found = new Map<number, DecodedChunk[]>();
    const missing: number[] = [];
    for (const index of indexes) {
      const cached = chunkIndexes.map((c) => this.chunkCache.get(dataset.id, index, c));
      if (cached.every((c) => c !== undefined)) found.set(index, cached as DecodedChunk[]);
      else missing.push(index);
    }
    if (missing.length === 0) return found;
    const rows = await selectChunks(this.dataSource, dataset.id, missing, chunkIndexes);
    // Deleted between reading the catalogue row and its chunks: never hand back zero-filled columns.
    if (rows.length !== missing.length * chunkIndexes.length) throw new NotFoundError('Dataset', dataset.id);
    for (const index of missing) found.set(index, new Array<DecodedChunk>(chunkIndexes.length));
    for (const row of rows) {
      const type = dataset.columns[row.columnIndex].type;
      const chunk = decodeChunk(type, row.data);
      this.chunkCache.set(dataset.id, row.columnIndex, row.chunkIndex, chunk);
      found.get(row.columnIndex)![row.chunkIndex - chunkIndexes[0]] = chunk;
      // Parsing one text chunk's JSON takes milliseconds; 2,000,000 user ids parsed in one go held the event loop
      // for seconds on a busy machine, with /health and every other request waiting.
      if (type === 'TEXT' && rows.length > 1) await setImmediate();
    }
    return found;
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
