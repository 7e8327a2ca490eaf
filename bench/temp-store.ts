import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetService } from '../server/datasets/dataset.service';
import { openDataSource } from '../server/storage/data-source';
import { DEFAULT_WORKSPACE_ID, WorkspaceEntity } from '../server/storage/entities/workspace.entity';

/** Runs `use` against a DatasetService over a new SQLite file (the embedded default), removed afterwards. */
export async function withTempStore<T>(use: (datasets: DatasetService, workspaceId: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'quadrant-bench-'));
  const dataSource = await openDataSource({ sqlitePath: join(dir, 'bench.sqlite'), databaseUrl: null });
  try {
    await dataSource.transaction((m) =>
      m.insert(WorkspaceEntity, { id: DEFAULT_WORKSPACE_ID, name: 'bench', createdAt: new Date().toISOString() }),
    );
    return await use(new DatasetService(dataSource), DEFAULT_WORKSPACE_ID);
  } finally {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
