import type { DataSource, EntityManager } from 'typeorm';

/**
 * One column's values for one block of rows, encoded by column-codec.ts (Float64 or Int32 little-endian bytes, or
 * UTF-8 JSON for text). Reading a column for 1M rows is a handful of blob reads, not a million row fetches.
 * The table is reached through the query builder rather than an entity: its binary column is BLOB in SQLite and
 * BYTEA in PostgreSQL, and TypeORM's entity metadata cannot name one type for both.
 */
export interface DatasetChunk {
  datasetId: string;
  columnIndex: number;
  chunkIndex: number;
  data: Buffer;
}

const TABLE = 'dataset_chunk';
/** Chunks per INSERT statement (4 bind parameters each, well under SQLite's limit). */
const CHUNKS_PER_INSERT = 16;

export async function insertChunks(manager: EntityManager, chunks: DatasetChunk[]): Promise<void> {
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_INSERT) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(TABLE, ['dataset_id', 'column_index', 'chunk_index', 'data'])
      .values(
        chunks.slice(i, i + CHUNKS_PER_INSERT).map((c) => ({
          dataset_id: c.datasetId,
          column_index: c.columnIndex,
          chunk_index: c.chunkIndex,
          data: c.data,
        })),
      )
      .execute();
  }
}

export async function selectChunks(
  dataSource: DataSource,
  datasetId: string,
  columnIndexes: number[],
  chunkIndexes: number[],
): Promise<DatasetChunk[]> {
  const rows: { dataset_id: string; column_index: number; chunk_index: number; data: Buffer }[] = await dataSource
    .createQueryBuilder()
    .select([
      'c.dataset_id AS dataset_id',
      'c.column_index AS column_index',
      'c.chunk_index AS chunk_index',
      'c.data AS data',
    ])
    .from(TABLE, 'c')
    .where('c.dataset_id = :datasetId', { datasetId })
    .andWhere('c.column_index IN (:...columnIndexes)', { columnIndexes })
    .andWhere('c.chunk_index IN (:...chunkIndexes)', { chunkIndexes })
    .getRawMany();
  return rows.map((r) => ({
    datasetId: r.dataset_id,
    columnIndex: Number(r.column_index),
    chunkIndex: Number(r.chunk_index),
    data: r.data,
  }));
}

export async function deleteChunks(manager: EntityManager, datasetId: string): Promise<void> {
  await manager.createQueryBuilder().delete().from(TABLE).where('dataset_id = :datasetId', { datasetId }).execute();
}
