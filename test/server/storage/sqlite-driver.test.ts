import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../../server/storage/data-source';

describe('SQLite storage without sqlite3’s per-call stack traces', () => {
  let dir: string;
  let dataSource: DataSource;
  const methods = ['all', 'run', 'exec', 'prepare', 'get'] as const;
  const before = methods.map((m) => sqlite3.Database.prototype[m]);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quadrant-sqlite-driver-'));
    dataSource = await openDataSource({ sqlitePath: join(dir, 'q.sqlite'), databaseUrl: null });
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  test('opening storage leaves sqlite3’s methods as they were (verbose mode would wrap each one)', async () => {
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(methods.map((m) => sqlite3.Database.prototype[m])).toEqual(before);
  });

  test('a failing query still reports SQLite’s message and code', async () => {
    await expect(dataSource.query('SELECT * FROM no_such_table')).rejects.toMatchObject({
      message: expect.stringContaining('no such table: no_such_table'),
      code: 'SQLITE_ERROR',
    });
  });
});
