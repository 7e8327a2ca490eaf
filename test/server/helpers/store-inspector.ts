import { createHash } from 'node:crypto';
import { Client } from 'pg';
import sqlite3 from 'sqlite3';
import type { TestStorage } from './server';

/**
 * Reads a store directly, bypassing the server (which may have just been killed): what is committed, whether the
 * file is sound, and digests of a dataset's stored bytes.
 */
export interface StoreInspector {
  /** SQLite's PRAGMA integrity_check ("ok" when sound); PostgreSQL guarantees this itself: "ok". */
  integrity(): Promise<string>;
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

export async function inspectStore(storage: TestStorage): Promise<StoreInspector> {
  if (storage.backend === 'postgres') {
    const client = new Client({ connectionString: storage.config.databaseUrl! });
    await client.connect();
    return {
      integrity: async () => 'ok',
      query: async <T>(sql: string) => (await client.query(sql)).rows as T[],
      close: () => client.end(),
    };
  }
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(storage.config.sqlitePath!, sqlite3.OPEN_READWRITE, (e) =>
      e ? reject(e) : resolve(d),
    );
  });
  const query = <T>(sql: string) =>
    new Promise<T[]>((resolve, reject) => db.all(sql, (e, rows) => (e ? reject(e) : resolve(rows as T[]))));
  return {
    integrity: async () =>
      (await query<{ integrity_check: string }>('PRAGMA integrity_check')).map((r) => r.integrity_check).join('; '),
    query,
    close: () => new Promise<void>((resolve) => db.close(() => resolve())),
  };
}

/** SHA-256 over a dataset's catalogue row and every chunk's bytes, in order: equal digests = byte-for-byte equal. */
export async function datasetDigest(store: StoreInspector, id: string): Promise<string> {
  const hash = createHash('sha256');
  const [row] = await store.query<Record<string, unknown>>(
    `SELECT id, name, row_count, chunk_rows, columns, created_at FROM dataset WHERE id = '${id}'`,
  );
  hash.update(JSON.stringify(row ?? null));
  const chunks = await store.query<{ column_index: number; chunk_index: number; data: Buffer }>(
    `SELECT column_index, chunk_index, data FROM dataset_chunk WHERE dataset_id = '${id}' ORDER BY column_index, chunk_index`,
  );
  for (const c of chunks) hash.update(`${c.column_index}/${c.chunk_index}:`).update(c.data);
  return `${chunks.length} chunks ${hash.digest('hex')}`;
}

/** Rows in the chunk and run-array tables that belong to no catalogue row (a half-written import or run). */
export async function orphans(store: StoreInspector): Promise<{ chunks: number; arrays: number }> {
  const [c] = await store.query<{ n: string | number }>(
    'SELECT COUNT(*) AS n FROM dataset_chunk WHERE dataset_id NOT IN (SELECT id FROM dataset)',
  );
  const [a] = await store.query<{ n: string | number }>(
    'SELECT COUNT(*) AS n FROM segmentation_array WHERE segmentation_id NOT IN (SELECT id FROM segmentation)',
  );
  return { chunks: Number(c.n), arrays: Number(a.n) };
}
