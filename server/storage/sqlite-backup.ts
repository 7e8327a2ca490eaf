import { existsSync, renameSync, rmSync, statSync, copyFileSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { runningServerPid } from './store-lock';

/** Opens a SQLite file with node sqlite3, runs `work`, and closes it. */
async function withDatabase<T>(file: string, mode: number, work: (db: sqlite3.Database) => Promise<T>): Promise<T> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(d)));
  });
  try {
    db.configure('busyTimeout', 30_000);
    return await work(db);
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

function all<T>(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as T[]))));
}

export interface StoreSummary {
  bytes: number;
  datasets: number;
  segmentations: number;
}

/** Checks a file is a sound Quadrant store (integrity_check ok, the catalogue tables present) and counts it. */
export async function checkStore(file: string): Promise<StoreSummary> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  return withDatabase(file, sqlite3.OPEN_READONLY, async (db) => {
    let integrity: { integrity_check: string }[];
    try {
      integrity = await all(db, 'PRAGMA integrity_check');
    } catch (error) {
      throw new Error(`${file} is not a SQLite database (${(error as Error).message})`);
    }
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
      throw new Error(`${file} fails SQLite's integrity check: ${integrity.map((r) => r.integrity_check).join('; ')}`);
    }
    const tables = (await all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'")).map(
      (t) => t.name,
    );
    for (const needed of ['dataset', 'dataset_chunk', 'workspace', 'migrations']) {
      if (!tables.includes(needed)) throw new Error(`${file} is not a Quadrant store (no ${needed} table)`);
    }
    const count = async (table: string) =>
      tables.includes(table) ? (await all<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${table}`))[0].n : 0;
    return { bytes: statSync(file).size, datasets: await count('dataset'), segmentations: await count('segmentation') };
  });
}

/**
 * A consistent copy of a live SQLite store in `target`, taken with `VACUUM INTO` on a read-only connection: one read
 * transaction sees the committed state (WAL included) at one instant while the server goes on reading and writing.
 * The copy is written beside the target and renamed into place once it passes the integrity check, so a failed or
 * interrupted backup never leaves a half-written file under the target's name. An existing target is not replaced.
 */
export async function backupStore(sqlitePath: string, target: string): Promise<StoreSummary> {
  if (!existsSync(sqlitePath)) throw new Error(`no store at ${sqlitePath} (QUADRANT_DB)`);
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    await withDatabase(
      sqlitePath,
      sqlite3.OPEN_READONLY,
      (db) =>
        new Promise<void>((resolve, reject) => db.run('VACUUM INTO ?', [partial], (e) => (e ? reject(e) : resolve()))),
    );
    const summary = await checkStore(partial);
    renameSync(partial, target);
    return summary;
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Puts a backup back as the store. Refuses while a server holds the store (its connections would keep the old file
 * and its WAL). The current store, with its WAL, is kept beside it as `<store>.before-restore-<time>` rather than
 * deleted, and the backup is checked before anything is moved.
 */
export async function restoreStore(
  sqlitePath: string,
  backup: string,
): Promise<{ summary: StoreSummary; kept: string | null }> {
  const pid = runningServerPid(sqlitePath);
  if (pid !== null) {
    throw new Error(`the Quadrant server (pid ${pid}) is running on ${sqlitePath}; stop it, then restore`);
  }
  const summary = await checkStore(backup);
  const incoming = `${sqlitePath}.restoring`;
  copyFileSync(backup, incoming);
  let kept: string | null = null;
  if (existsSync(sqlitePath)) {
    kept = `${sqlitePath}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(sqlitePath + suffix)) renameSync(sqlitePath + suffix, kept + suffix);
    }
    renameSync(sqlitePath, kept);
  }
  renameSync(incoming, sqlitePath);
  return { summary, kept };
}
