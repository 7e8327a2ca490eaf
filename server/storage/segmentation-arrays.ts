import type { DataSource, EntityManager } from 'typeorm';
import type { Column } from '../../shared/table/types';
import { decodeCodeChunk, decodeNumericChunk, decodeTextChunk, encodeChunk } from './column-codec';

/** The per-row arrays of a run, by name; every one is optional except `labels`. */
export interface SegmentationArrays {
  /** One per row: the segment label, or -1 for a row left out (dropped or set aside). */
  labels: Int32Array;
  /** The key of each row (keyColumn, or the RFM customer). */
  keys: (string | null)[];
  /** Rows (0-based) dropped for a missing value (missing = DROP). */
  droppedRows: Int32Array;
  /** Rows (0-based) set aside as outliers (excludeOutliers). */
  outlierRows: Int32Array;
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  rScore: Int32Array;
  fScore: Int32Array;
  mScore: Int32Array;
  /** rowMetrics: each row's distance to its segment's centre (NaN for rows left out). */
  distance: Float64Array;
  /** rowMetrics: each row's silhouette (NaN for rows left out or without one). */
  silhouette: Float64Array;
  /** WARD: the last merges of the SciPy linkage, row-major [left, right, distance, size]. */
  linkage: Float64Array;
  /** WARD: the input row of each linkage leaf. */
  linkageRows: Int32Array;
}
export type ArrayName = keyof SegmentationArrays;

/** Elements per stored chunk: a page of members reads a few chunks, not the whole run. */
export const ARRAY_CHUNK = 65536;

const TABLE = 'segmentation_array';
/** Chunks per INSERT statement (5 bind parameters each, well under SQLite's limit). */
const CHUNKS_PER_INSERT = 16;

/**
 * How each array is encoded, through the dataset column codec: Int32 and Float64 little-endian bytes, keys as
 * UTF-8 JSON. Like dataset chunks, the table is reached through the query builder because its binary column is
 * BLOB in SQLite and BYTEA in PostgreSQL.
 */
const ENCODING: { [N in ArrayName]: 'INT32' | 'FLOAT64' | 'JSON' } = {
  labels: 'INT32',
  keys: 'JSON',
  droppedRows: 'INT32',
  outlierRows: 'INT32',
  recency: 'FLOAT64',
  frequency: 'FLOAT64',
  monetary: 'FLOAT64',
  rScore: 'INT32',
  fScore: 'INT32',
  mScore: 'INT32',
  distance: 'FLOAT64',
  silhouette: 'FLOAT64',
  linkage: 'FLOAT64',
  linkageRows: 'INT32',
};

/** Writes a run's arrays in chunks of ARRAY_CHUNK elements; an empty array writes nothing. */
export async function insertArrays(
  manager: EntityManager,
  workspaceId: string,
  segmentationId: string,
  arrays: Partial<SegmentationArrays>,
): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for (const [name, values] of Object.entries(arrays) as [ArrayName, SegmentationArrays[ArrayName]][]) {
    const column = asColumn(name, values);
    for (let start = 0, chunk = 0; start < values.length; start += ARRAY_CHUNK, chunk++) {
      rows.push({
        segmentation_id: segmentationId,
        name,
        chunk_index: chunk,
        workspace_id: workspaceId,
        data: encodeChunk(column, start, Math.min(start + ARRAY_CHUNK, values.length)),
      });
    }
  }
  for (let i = 0; i < rows.length; i += CHUNKS_PER_INSERT) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(TABLE, ['segmentation_id', 'name', 'chunk_index', 'workspace_id', 'data'])
      .values(rows.slice(i, i + CHUNKS_PER_INSERT))
      .execute();
  }
}

/**
 * Elements [start, end) of an array of `length` elements, reading only the chunks that cover them. Null when a
 * chunk is missing: the run was deleted (or never had this array).
 */
export async function selectArray<N extends ArrayName>(
  dataSource: DataSource,
  workspaceId: string,
  segmentationId: string,
  name: N,
  length: number,
  start = 0,
  end = length,
): Promise<SegmentationArrays[N] | null> {
  const encoding = ENCODING[name];
  const count = Math.max(0, end - start);
  if (count === 0) return emptyArray(encoding) as SegmentationArrays[N];
  const firstChunk = Math.floor(start / ARRAY_CHUNK);
  const lastChunk = Math.floor((end - 1) / ARRAY_CHUNK);
  const rows: { chunk_index: number; data: Buffer }[] = await dataSource
    .createQueryBuilder()
    .select(['a.chunk_index AS chunk_index', 'a.data AS data'])
    .from(TABLE, 'a')
    .where('a.segmentation_id = :segmentationId', { segmentationId })
    .andWhere('a.workspace_id = :workspaceId', { workspaceId })
    .andWhere('a.name = :name', { name })
    .andWhere('a.chunk_index BETWEEN :firstChunk AND :lastChunk', { firstChunk, lastChunk })
    .getRawMany();
  if (rows.length !== lastChunk - firstChunk + 1) return null;
  rows.sort((a, b) => Number(a.chunk_index) - Number(b.chunk_index));

  const base = firstChunk * ARRAY_CHUNK;
  const span = Math.min(length, (lastChunk + 1) * ARRAY_CHUNK) - base;
  if (encoding === 'JSON') {
    const values = rows.flatMap((r) => decodeTextChunk(r.data));
    return values.slice(start - base, end - base) as SegmentationArrays[N];
  }
  const all = encoding === 'INT32' ? new Int32Array(span) : new Float64Array(span);
  for (const r of rows) {
    const offset = Number(r.chunk_index) * ARRAY_CHUNK - base;
    if (all instanceof Int32Array) decodeCodeChunk(r.data, all, offset);
    else decodeNumericChunk(r.data, all, offset);
  }
  return (count === span ? all : all.slice(start - base, end - base)) as SegmentationArrays[N];
}

/** Deletes a run's arrays (also done by the foreign key's cascade; explicit so the delete never depends on it). */
export async function deleteArrays(manager: EntityManager, workspaceId: string, segmentationId: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .delete()
    .from(TABLE)
    .where('segmentation_id = :segmentationId AND workspace_id = :workspaceId', { segmentationId, workspaceId })
    .execute();
}

/**
 * The array as a table column, the shape the column codec encodes. Chosen by the array's name, not by `instanceof`:
 * arrays computed in a worker thread may come from another realm (under jest, whose test context has its own
 * typed-array classes).
 */
function asColumn(name: ArrayName, values: SegmentationArrays[ArrayName]): Column {
  switch (ENCODING[name]) {
    case 'INT32':
      return { name, type: 'CATEGORY', codes: values as Int32Array, levels: [] };
    case 'FLOAT64':
      return { name, type: 'NUMBER', values: values as Float64Array };
    case 'JSON':
      return { name, type: 'TEXT', values: values as (string | null)[] };
  }
}

function emptyArray(encoding: 'INT32' | 'FLOAT64' | 'JSON'): Int32Array | Float64Array | string[] {
  return encoding === 'INT32' ? new Int32Array(0) : encoding === 'FLOAT64' ? new Float64Array(0) : [];
}
