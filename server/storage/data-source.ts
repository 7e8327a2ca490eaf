import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import type { Config } from '../config';
import { AppSettingEntity } from './entities/app-setting.entity';
import { DatasetEntity } from './entities/dataset.entity';
import { SegmentationEntity } from './entities/segmentation.entity';
import { WorkspaceEntity } from './entities/workspace.entity';
import { migrations } from './migrations';

export const entities = [WorkspaceEntity, DatasetEntity, AppSettingEntity, SegmentationEntity];

/**
 * Opens storage and brings its schema up to date with the migrations (never `synchronize`, so upgrades keep data).
 * SQLite (the embedded default) runs in WAL mode so readers never wait for an import; PostgreSQL is used when a
 * database URL is configured.
 */
export async function openDataSource(config: Pick<Config, 'sqlitePath' | 'databaseUrl'>): Promise<DataSource> {
  const common = { entities, migrations, synchronize: false, logging: false } as const;
  let dataSource: DataSource;
  if (config.databaseUrl) {
    dataSource = new DataSource({ ...common, type: 'postgres', url: config.databaseUrl });
  } else {
    if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
    dataSource = new DataSource({
      ...common,
      type: 'sqlite',
      database: config.sqlitePath,
      enableWAL: true,
      busyErrorRetry: 50,
    });
  }
  await dataSource.initialize();
  if (dataSource.options.type === 'sqlite') {
    await dataSource.query('PRAGMA foreign_keys = ON');
    await dataSource.query('PRAGMA synchronous = NORMAL');
  }
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
