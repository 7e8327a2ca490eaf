import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../server/bootstrap';
import { backupCli } from '../../server/cli/backup';
import { closeTestServer, freshStorage, gql, startTestServer, type TestStorage } from './helpers/server';

const IMPORT = 'mutation($input: ImportDatasetInput!) { importDataset(input: $input) { id } }';

function csv(rows: number, seed: number): string {
  let out = 'id,spend,region\n';
  for (let i = 0; i < rows; i++) out += `c${i},${((i * 7919 + seed) % 1000) / 10},${['EU', 'US', 'APAC'][i % 3]}\n`;
  return out;
}

/** Everything a user can read of the store: datasets with all their rows, and the runs. */
async function snapshot(url: string): Promise<unknown> {
  const res = await gql(
    url,
    '{ datasets { id name rowCount columns { name type } rows(limit: 1000) { rows } } segmentations { id k labels } }',
  );
  return res.data;
}

describe('npm run backup / restore (SQLite)', () => {
  let storage: TestStorage;
  let server: RunningServer | undefined;
  let dir: string;
  const env = () => ({ QUADRANT_DB: storage.config.sqlitePath! });

  beforeAll(async () => {
    storage = await freshStorage('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'quadrant-backup-'));
    server = await startTestServer(storage);
  });
  afterAll(async () => {
    await closeTestServer(server, storage);
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up a running server under concurrent writes, refuses to restore under it, and restores the copy whole', async () => {
    const url = server!.url;
    const first = await gql(url, IMPORT, { input: { name: 'customers', csv: csv(900, 1) } });
    const id = first.data!.importDataset.id;
    const run = await gql(url, 'mutation($i: SegmentInput!) { segment(input: $i) { id } }', {
      i: { datasetId: id, features: ['spend', 'region'], k: 3 },
    });
    expect(run.errors).toBeUndefined();
    const before = await snapshot(url);

    const file = join(dir, 'quadrant-backup.sqlite');
    // Imports keep landing while the backup is taken; the copy is one instant's committed state.
    const writes = Promise.all(
      Array.from({ length: 6 }, (_, i) => gql(url, IMPORT, { input: { name: `during ${i}`, csv: csv(3000, i) } })),
    );
    const message = await backupCli('backup', [file], env());
    await writes;
    expect(message).toMatch(/^Backed up .* to .*quadrant-backup\.sqlite: \d+ datasets, 1 runs, .*, integrity ok\.$/);
    await expect(backupCli('backup', [file], env())).rejects.toThrow('already exists; choose a new file name');

    await expect(backupCli('restore', [file], env())).rejects.toThrow(
      `the Quadrant server (pid ${process.pid}) is running on`,
    );

    await server!.close();
    server = undefined;
    const restored = await backupCli('restore', [file], env());
    expect(restored).toMatch(/The previous store is kept as .*before-restore-/);
    const kept = /kept as (\S+)\.$/.exec(restored)![1];
    expect(existsSync(kept)).toBe(true);

    server = await startTestServer(storage);
    const after = (await snapshot(server.url)) as { datasets: { name: string }[] };
    // The datasets and run from before the backup are there byte for byte; imports that finished later may or may
    // not be, but each one that is, is whole.
    const original = before as { datasets: unknown[]; segmentations: unknown[] };
    expect(after.datasets.slice(0, 1)).toEqual(original.datasets);
    expect((after as typeof original).segmentations).toEqual(original.segmentations);
    for (const d of after.datasets.slice(1)) expect(d).toMatchObject({ rowCount: 3000 });
  });

  it('refuses a file that is not a Quadrant store, and PostgreSQL, with one clear line', async () => {
    const bogus = join(dir, 'bogus.sqlite');
    writeFileSync(bogus, 'not a database at all'.repeat(100));
    await server!.close();
    server = undefined;
    await expect(backupCli('restore', [bogus], env())).rejects.toThrow(/is not a SQLite database/);
    await expect(
      backupCli('backup', [join(dir, 'x.sqlite')], { QUADRANT_DATABASE_URL: 'postgres://h/db' }),
    ).rejects.toThrow('for PostgreSQL (QUADRANT_DATABASE_URL) use pg_dump / pg_restore');
    server = await startTestServer(storage);
  });
});
