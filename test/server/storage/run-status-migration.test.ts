import { DataSource } from 'typeorm';
import { openDataSource } from '../../../server/storage/data-source';
import { Initial1763800000000 } from '../../../server/storage/migrations/1763800000000-initial';
import { Segmentations1795379931000 } from '../../../server/storage/migrations/1795379931000-segmentations';
import { SegmentationModel1795998645000 } from '../../../server/storage/migrations/1795998645000-segmentation-model';
import { backends, freshStorage, type TestStorage } from '../helpers/server';

const RUN_ID = '11111111-1111-4111-8111-111111111111';
const WORKSPACE = '22222222-2222-4222-8222-222222222222';

/** Storage as the release before background runs left it: its migrations only. */
async function openPreviousRelease(storage: TestStorage): Promise<DataSource> {
  const common = {
    migrations: [Initial1763800000000, Segmentations1795379931000, SegmentationModel1795998645000],
    synchronize: false,
  };
  const dataSource = storage.config.databaseUrl
    ? new DataSource({ ...common, type: 'postgres', url: storage.config.databaseUrl })
    : new DataSource({ ...common, type: 'sqlite', database: storage.config.sqlitePath! });
  await dataSource.initialize();
  if (!storage.config.databaseUrl) await dataSource.query('PRAGMA foreign_keys = ON');
  await dataSource.runMigrations();
  return dataSource;
}

describe.each(backends())('the run-status migration on %s', (backend) => {
  let storage: TestStorage;
  beforeAll(async () => (storage = await freshStorage(backend)));
  afterAll(() => storage.drop());

  test('existing runs become DONE with progress 1, and keep their per-row arrays', async () => {
    const previous = await openPreviousRelease(storage);
    const now = new Date().toISOString();
    await previous
      .createQueryBuilder()
      .insert()
      .into('workspace')
      .values({ id: WORKSPACE, name: 'w', created_at: now })
      .execute();
    await previous
      .createQueryBuilder()
      .insert()
      .into('segmentation')
      .values({
        id: RUN_ID,
        workspace_id: WORKSPACE,
        kind: 'SEGMENT',
        method: 'KMEANS',
        k: 2,
        row_count: 3,
        recommendation_reason: 'given',
        k_selection: '[]',
        segments: '[]',
        feature_names: '["x"]',
        warnings: '[]',
        parameters: '{}',
        dropped_row_count: 0,
        outlier_row_count: 0,
        created_at: now,
      })
      .execute();
    const labels = Buffer.from(new Int32Array([0, 1, 1]).buffer);
    await previous
      .createQueryBuilder()
      .insert()
      .into('segmentation_array')
      .values({ segmentation_id: RUN_ID, name: 'labels', chunk_index: 0, workspace_id: WORKSPACE, data: labels })
      .execute();
    await previous.destroy();

    const upgraded = await openDataSource(storage.config as { sqlitePath: string; databaseUrl: string | null });
    try {
      const [run] = await upgraded.query(`SELECT status, progress, error, heartbeat_at FROM segmentation`);
      expect({ ...run, progress: Number(run.progress) }).toEqual({
        status: 'DONE',
        progress: 1,
        error: null,
        heartbeat_at: null,
      });
      // On SQLite, adding columns rebuilds the table: its cascade must not have emptied segmentation_array.
      const chunks = await upgraded.query(`SELECT data FROM segmentation_array WHERE segmentation_id = '${RUN_ID}'`);
      expect(chunks).toHaveLength(1);
      expect(Array.from(new Int32Array(new Uint8Array(chunks[0].data).buffer))).toEqual([0, 1, 1]);
    } finally {
      await upgraded.destroy();
    }
  });
});
