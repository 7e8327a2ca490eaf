import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config';
import { AppSettingEntity } from './entities/app-setting.entity';
import { DatasetEntity } from './entities/dataset.entity';
import { SegmentationEntity } from './entities/segmentation.entity';
import { WorkspaceEntity } from './entities/workspace.entity';
import { migrations } from './migrations';
import { sqliteWithoutTraces } from './sqlite-driver';
import { serialiseTransactions } from './write-queue';

export const entities = [WorkspaceEntity, DatasetEntity, AppSettingEntity, SegmentationEntity];

/** How long a SQLite statement waits for another connection's lock before failing (SQLITE_BUSY). */
const SQLITE_BUSY_TIMEOUT_MS = 30_000;

/**
 * Opens storage and brings its schema up to date with the migrations (never `synchronize`, so upgrades keep data).
 * PostgreSQL is used when a database URL is configured; its pool gives every transaction its own connection.
 *
 * SQLite (the embedded default) runs in WAL mode with two connections, because TypeORM's SQLite driver hands every
 * query runner the same connection: two transactions in flight on it interleave their BEGIN/COMMIT, so one request's
 * COMMIT commits another's half-written work and a ROLLBACK undoes someone else's. So:
 * - the returned DataSource's connection only reads (`PRAGMA query_only`): every read sees committed data only, and
 *   never waits for a writer (WAL);
 * - `dataSource.transaction(...)` runs on a second, writing connection, one transaction at a time in arrival order.
 * Every write therefore goes through `dataSource.transaction`; a write outside one fails at once on SQLite
 * ("attempt to write a readonly database") instead of interleaving.
 */
export async function openDataSource(config: Pick<Config, 'sqlitePath' | 'databaseUrl'>): Promise<DataSource> {
  const common = { entities, migrations, synchronize: false, logging: false } as const;
  if (config.databaseUrl) {
    const dataSource = new DataSource({ ...common, type: 'postgres', url: config.databaseUrl });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return dataSource;
  }

  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  const options: DataSourceOptions = {
    ...common,
    type: 'sqlite',
    driver: sqliteWithoutTraces,
    database: config.sqlitePath,
    enableWAL: true,
    busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
  };
  const writer = await openSqlite(options);
  await writer.runMigrations({ transaction: 'each' });
  // An in-memory database exists once per connection: there the one connection both reads and writes.
  if (config.sqlitePath === ':memory:') return serialiseTransactions(writer, writer);
  const reader = await openSqlite(options);
  await reader.query('PRAGMA query_only = ON');
  return serialiseTransactions(reader, writer);
}

async function openSqlite(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  await dataSource.query('PRAGMA foreign_keys = ON');
  await dataSource.query('PRAGMA synchronous = NORMAL');
  return dataSource;
}
