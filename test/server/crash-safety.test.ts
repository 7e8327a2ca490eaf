import { existsSync, statSync } from 'node:fs';
import { startServerProcess, type ServerProcess } from '../helpers/built-server';
import { backends, freshStorage, gql, type TestStorage } from './helpers/server';
import { datasetDigest, inspectStore, orphans, type StoreInspector } from './helpers/store-inspector';

const IMPORT = 'mutation($input: ImportDatasetInput!) { importDataset(input: $input) { id rowCount } }';

function csv(rows: number, seed: number): string {
  const lines = ['customer,spend,visits'];
  for (let i = 0; i < rows; i++) lines.push(`c${i},${((i * 7919 + seed) % 100000) / 100},${(i * 31 + seed) % 17}`);
  return lines.join('\n') + '\n';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once the server has begun writing the big import's transaction: on SQLite the WAL file changes (the
 * reading connection never writes it); on PostgreSQL a session is inserting chunks.
 */
async function writeStarted(storage: TestStorage, store: StoreInspector, signal: { done: boolean }): Promise<void> {
  const wal = `${storage.config.sqlitePath}-wal`;
  const mtime = () => (existsSync(wal) ? `${statSync(wal).mtimeMs}/${statSync(wal).size}` : '');
  const before = storage.backend === 'sqlite' ? mtime() : '';
  for (;;) {
    if (signal.done) throw new Error('the import answered before its write was seen');
    if (storage.backend === 'sqlite') {
      if (mtime() !== before) return;
      await sleep(2);
    } else {
      const rows = await store.query(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE '%dataset_chunk%' " +
          "AND state IN ('active', 'idle in transaction') AND pid <> pg_backend_pid()",
      );
      if (rows.length) return;
      await sleep(5);
    }
  }
}

/** Sends a request and records whether it answered; a killed server makes it fail, which is expected here. */
function inFlight(url: string, query: string, variables: Record<string, unknown>) {
  const state = { done: false, answered: null as null | Record<string, unknown> };
  const promise = gql(url, query, variables)
    .then((res) => {
      state.answered = res as unknown as Record<string, unknown>;
    })
    .catch(() => undefined)
    .finally(() => {
      state.done = true;
    });
  return { state, promise };
}

describe.each(backends())('crash safety on %s: a killed server leaves no partial dataset or run', (backend) => {
  let storage: TestStorage;
  let server: ServerProcess | undefined;
  let store: StoreInspector;
  let env: Record<string, string>;
  let earlier: { id: string; digest: string; runId: string };

  beforeAll(async () => {
    storage = await freshStorage(backend);
    env =
      backend === 'sqlite'
        ? { QUADRANT_DB: storage.config.sqlitePath! }
        : { QUADRANT_DATABASE_URL: storage.config.databaseUrl! };
    server = await startServerProcess(env);
    const imported = await gql(server.url, IMPORT, { input: { name: 'earlier', csv: csv(50_000, 1) } });
    const id = imported.data!.importDataset.id as string;
    const run = await gql(server.url, 'mutation($i: SegmentInput!) { segment(input: $i) { id } }', {
      i: { table: { header: ['x'], rows: [[1], [2], [3], [10], [11], [12]] }, features: ['x'], k: 2 },
    });
    store = await inspectStore(storage);
    earlier = { id, digest: await datasetDigest(store, id), runId: run.data!.segment.id };
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    await store?.close();
    await storage?.drop();
  });

  async function expectOnlyEarlierData(): Promise<void> {
    expect(await store.integrity()).toBe('ok');
    expect(await store.query('SELECT id FROM dataset')).toEqual([{ id: earlier.id }]);
    expect(await datasetDigest(store, earlier.id)).toBe(earlier.digest);
    expect(await store.query('SELECT id FROM segmentation')).toEqual([{ id: earlier.runId }]);
    expect(await orphans(store)).toEqual({ chunks: 0, arrays: 0 });
  }

  it('SIGKILL in the middle of writing a 1M-row import: the store is sound and holds only what was committed', async () => {
    const big = inFlight(server!.url, IMPORT, { input: { name: 'big', csv: csv(1_000_000, 2) } });
    await writeStarted(storage, store, big.state);
    server!.child.kill('SIGKILL');
    expect(await server!.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await big.promise;
    expect(big.state.answered).toBeNull();
    server = undefined;
    await expectOnlyEarlierData();

    server = await startServerProcess(env);
    const listed = await gql(server.url, '{ datasets { id name rowCount } segmentations { id } }');
    expect(listed.data).toEqual({
      datasets: [{ id: earlier.id, name: 'earlier', rowCount: 50_000 }],
      segmentations: [{ id: earlier.runId }],
    });
  });

  it('SIGKILL during a long segmentation: no run is stored, earlier data intact', async () => {
    const long = inFlight(server!.url, 'mutation($i: SegmentInput!) { segment(input: $i) { id } }', {
      // The exact silhouette of 50,000 rows for each k: minutes of work, whatever the k-means speed.
      i: { datasetId: earlier.id, features: ['spend', 'visits'], kMin: 2, kMax: 8, exactSilhouette: true },
    });
    await sleep(1500);
    expect(long.state.done).toBe(false);
    server!.child.kill('SIGKILL');
    await server!.exited;
    await long.promise;
    server = undefined;
    await expectOnlyEarlierData();
  });

  it('SIGTERM during a segmentation longer than the grace stops it, closes storage and exits 0', async () => {
    server = await startServerProcess({ ...env, QUADRANT_SHUTDOWN_GRACE_SECONDS: '1' });
    const long = inFlight(server.url, 'mutation($i: SegmentInput!) { segment(input: $i) { id } }', {
      i: { datasetId: earlier.id, features: ['spend', 'visits'], kMin: 2, kMax: 8, exactSilhouette: true },
    });
    await sleep(1500);
    expect(long.state.done).toBe(false);
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    await long.promise;
    const output = server.output();
    server = undefined;
    expect(exit).toEqual({ code: 0, signal: null });
    // The pool's threads are stopped at once rather than waited for, so the close reaches storage: before, the
    // process ran out of handles while waiting for them and exited without closing it.
    expect(output).toMatch(/stopped cleanly/);
    expect(output).not.toMatch(/internal error|SQLITE_MISUSE/);
    await expectOnlyEarlierData();
  });

  it('SIGTERM while an import is in flight finishes it (or cuts it cleanly) and exits 0', async () => {
    server = await startServerProcess(env);
    const pending = inFlight(server.url, IMPORT, { input: { name: 'during shutdown', csv: csv(100_000, 3) } });
    await sleep(300);
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    await pending.promise;
    server = undefined;
    expect(exit).toEqual({ code: 0, signal: null });
    const rows = await store.query<{ name: string; row_count: number }>(
      'SELECT name, row_count FROM dataset ORDER BY created_at',
    );
    const answered = pending.state.answered as { data?: { importDataset?: { rowCount: number } } } | null;
    if (answered?.data?.importDataset) {
      // Finished within the grace period: stored whole and answered.
      expect(rows.map((r) => [r.name, Number(r.row_count)])).toEqual([
        ['earlier', 50_000],
        ['during shutdown', 100_000],
      ]);
    } else {
      expect(rows.map((r) => r.name)).toEqual(['earlier']);
    }
    expect(await store.integrity()).toBe('ok');
    expect(await orphans(store)).toEqual({ chunks: 0, arrays: 0 });
  });
});
