import type { RunningServer } from '../../server/bootstrap';
import { LEASE_MS } from '../../server/segments/background-runs';
import { DEFAULT_WORKSPACE_ID } from '../../server/storage/entities/workspace.entity';
import { blobsTable, featureNames } from './helpers/blobs';
import { backends, closeTestServer, gql, openTestServer, startTestServer, type TestStorage } from './helpers/server';

const STATUS = 'id status progress error';
const RESULTS = 'k rowCount kind method name createdAt silhouette inertia labels segments { label size } warnings';
const SEGMENT = `mutation($input: SegmentInput!) { segment(input: $input) { ${STATUS} ${RESULTS} } }`;
const RFM = `mutation($input: RfmInput!) { rfm(input: $input) { ${STATUS} k rowCount labels } }`;
const READ = `query($id: ID!) { segmentation(id: $id) { ${STATUS} ${RESULTS} members(first: 3) { totalCount } } }`;
const CANCEL = `mutation($id: ID!) { cancelSegmentation(id: $id) }`;

interface RunView {
  id: string;
  status: string;
  progress: number | null;
  error: string | null;
  [field: string]: unknown;
}

async function read(server: RunningServer, id: string): Promise<RunView> {
  const res = await gql<{ segmentation: RunView }>(server.url, READ, { id });
  expect(res.errors).toBeUndefined();
  return res.data!.segmentation;
}

/** Polls a run every 50 ms until it leaves RUNNING; every view seen, in order. */
async function follow(server: RunningServer, id: string, timeoutMs = 60_000): Promise<RunView[]> {
  const seen: RunView[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await read(server, id);
    seen.push(run);
    if (run.status !== 'RUNNING') return seen;
    if (Date.now() > deadline) throw new Error(`run ${id} still RUNNING after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function arrayChunks(server: RunningServer, id: string): Promise<number> {
  const [row] = await server.dataSource.query(
    `SELECT COUNT(*) AS n FROM segmentation_array WHERE segmentation_id = '${id}'`,
  );
  return Number(row.n);
}

/** The fields a run shows while not DONE: null, whatever is stored as placeholders. */
function expectResultsHidden(run: RunView): void {
  for (const field of ['k', 'rowCount', 'kind', 'method', 'name', 'createdAt', 'labels', 'segments', 'warnings']) {
    expect([field, run[field]]).toEqual([field, null]);
  }
}

describe.each(backends())('background runs over HTTP on %s', (backend) => {
  let storage: TestStorage | undefined;
  let server: RunningServer | undefined;
  let longId: string;
  let mediumId: string;

  beforeAll(async () => {
    ({ storage, server } = await openTestServer(backend, { poolThreads: 1, poolMinRows: 1000 }));
    const datasets = server.services.datasets;
    // Choosing k over 2..10 on 100,000 rows: seconds at best, so it is still running when cancelled.
    longId = (await datasets.store(DEFAULT_WORKSPACE_ID, 'blobs 100k', blobsTable(100_000, 6))).id;
    mediumId = (await datasets.store(DEFAULT_WORKSPACE_ID, 'blobs 4k', blobsTable(4000, 4))).id;
  });
  afterAll(() => closeTestServer(server, storage));

  test('a background run answers RUNNING at once, then goes DONE with progress rising to 1 and the sync results', async () => {
    const input = { datasetId: mediumId, name: 'in the background', features: featureNames(4), kMin: 2, kMax: 6 };
    const started = await gql<{ segment: RunView }>(server!.url, SEGMENT, { input: { ...input, background: true } });
    expect(started.errors).toBeUndefined();
    const run = started.data!.segment;
    expect(run).toMatchObject({ status: 'RUNNING', progress: 0, error: null });
    expectResultsHidden(run);

    const seen = await follow(server!, run.id);
    const done = seen[seen.length - 1];
    expect(done.status).toBe('DONE');
    const progress = seen.map((s) => s.progress as number);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(done.progress).toBe(1);
    for (const s of seen.slice(0, -1)) expectResultsHidden(s);

    // The same analysis answered synchronously stores the same figures.
    const sync = await gql<{ segment: RunView }>(server!.url, SEGMENT, { input });
    expect(sync.errors).toBeUndefined();
    const { id: _a, createdAt: _b, ...figures } = sync.data!.segment;
    const { id: _c, createdAt: createdAt, members, ...background } = done;
    expect(background).toEqual(figures);
    expect(typeof createdAt).toBe('string');
    expect(members).toEqual({ totalCount: 4000 });
    expect(done.labels).toHaveLength(4000);
  });

  test('cancelSegmentation stops a running run and stores nothing; the worker is free for the next run', async () => {
    const [{ n: datasetsBefore }] = await server!.dataSource.query('SELECT COUNT(*) AS n FROM dataset');
    const started = await gql<{ segment: RunView }>(server!.url, SEGMENT, {
      input: { datasetId: longId, features: featureNames(6), kMin: 2, kMax: 10, background: true },
    });
    const id = started.data!.segment.id;
    // Let it reach the worker.
    while (server!.services.analyses.pool.stats.running === 0) await new Promise((r) => setTimeout(r, 20));
    const cancelled = await gql(server!.url, CANCEL, { id });
    expect(cancelled).toMatchObject({ data: { cancelSegmentation: true } });

    const run = await read(server!, id);
    expect(run).toMatchObject({ status: 'CANCELLED', error: null });
    expectResultsHidden(run);
    expect(await arrayChunks(server!, id)).toBe(0);
    const [{ n: datasetsAfter }] = await server!.dataSource.query('SELECT COUNT(*) AS n FROM dataset');
    expect(Number(datasetsAfter)).toBe(Number(datasetsBefore));
    // Cancelling again is harmless; a finished run cannot be cancelled.
    expect(await gql(server!.url, CANCEL, { id })).toMatchObject({ data: { cancelSegmentation: true } });

    // One thread: this completes only because the cancelled run's worker was terminated and replaced.
    const next = await gql<{ segment: RunView }>(server!.url, SEGMENT, {
      input: { datasetId: mediumId, features: featureNames(4), k: 3, restarts: 1 },
    });
    expect(next.data!.segment.status).toBe('DONE');
    expect(await gql(server!.url, CANCEL, { id: next.data!.segment.id })).toMatchObject({
      data: { cancelSegmentation: false },
    });
    // Nothing of the cancelled run appears later either (its task has settled).
    await new Promise((r) => setTimeout(r, 600));
    expect((await read(server!, id)).status).toBe('CANCELLED');
    expect(await arrayChunks(server!, id)).toBe(0);
  });

  test('a background run the core rejects is FAILED with the input error’s message, and stores nothing', async () => {
    const started = await gql<{ segment: RunView }>(server!.url, SEGMENT, {
      input: { datasetId: mediumId, features: featureNames(4), k: 4001, background: true },
    });
    expect(started.data!.segment.status).toBe('RUNNING');
    const seen = await follow(server!, started.data!.segment.id);
    const failed = seen[seen.length - 1];
    expect(failed).toMatchObject({ status: 'FAILED', error: 'k=4001 exceeds the 4000 usable rows' });
    expectResultsHidden(failed);
    expect(await arrayChunks(server!, failed.id)).toBe(0);
  });

  test('a background RFM run goes DONE like a segmentation', async () => {
    const table = {
      header: ['customer', 'date', 'amount'],
      rows: Array.from({ length: 60 }, (_, i) => [`c${i % 12}`, `2025-0${1 + (i % 9)}-1${i % 10}`, 10 + i]),
    };
    const started = await gql<{ rfm: RunView }>(server!.url, RFM, {
      input: { table, customerColumn: 'customer', dateColumn: 'date', amountColumn: 'amount', background: true },
    });
    expect(started.data!.rfm).toMatchObject({ status: 'RUNNING', k: null, labels: null });
    const seen = await follow(server!, started.data!.rfm.id);
    expect(seen[seen.length - 1]).toMatchObject({ status: 'DONE', progress: 1, rowCount: 12 });
  });

  test('unknown runs: segmentation(id) is null and cancelSegmentation answers NOT_FOUND', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const res = await gql(server!.url, CANCEL, { id });
    expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  test('a second server on the same storage sees the run’s progress, and cancelling through it stops the run', async () => {
    const other = await startTestServer(storage!, { poolThreads: 1, poolMinRows: 1000 });
    try {
      const started = await gql<{ segment: RunView }>(server!.url, SEGMENT, {
        input: { datasetId: longId, features: featureNames(6), kMin: 2, kMax: 10, background: true },
      });
      const id = started.data!.segment.id;
      expect((await read(other, id)).status).toBe('RUNNING');
      while (server!.services.analyses.pool.stats.running === 0) await new Promise((r) => setTimeout(r, 20));
      expect(await gql(other.url, CANCEL, { id })).toMatchObject({ data: { cancelSegmentation: true } });
      // The computing server notices at its next heartbeat and terminates the worker: its one thread serves the next run.
      const next = await gql<{ segment: RunView }>(server!.url, SEGMENT, {
        input: { datasetId: mediumId, features: featureNames(4), k: 3, restarts: 1 },
      });
      expect(next.data!.segment.status).toBe('DONE');
      expect((await read(server!, id)).status).toBe('CANCELLED');
      expect(await arrayChunks(server!, id)).toBe(0);
    } finally {
      await other.close();
    }
  });

  test('at start-up, runs left RUNNING by a server that stopped heartbeating are FAILED ("server restarted")', async () => {
    const done = await gql<{ segment: RunView }>(server!.url, SEGMENT, {
      input: { datasetId: mediumId, features: featureNames(4), k: 2, restarts: 1 },
    });
    const orphan = done.data!.segment.id;
    const live = (
      await gql<{ segment: RunView }>(server!.url, SEGMENT, {
        input: { datasetId: mediumId, features: featureNames(4), k: 2, restarts: 1 },
      })
    ).data!.segment.id;
    const stale = new Date(Date.now() - LEASE_MS - 1000).toISOString();
    const fresh = new Date().toISOString();
    const mark = `UPDATE segmentation SET status = 'RUNNING', progress = 0.4, heartbeat_at = `;
    await server!.dataSource.transaction(async (m) => {
      await m.query(`${mark}'${stale}' WHERE id = '${orphan}'`);
      await m.query(`${mark}'${fresh}' WHERE id = '${live}'`);
    });

    const restarted = await startTestServer(storage!);
    try {
      const failed = await read(restarted, orphan);
      expect(failed).toMatchObject({ status: 'FAILED', progress: 0.4 });
      expect(failed.error).toMatch(/^server restarted/);
      // Another server's run, still heartbeating, is left alone.
      expect((await read(restarted, live)).status).toBe('RUNNING');
    } finally {
      await restarted.close();
      await server!.dataSource.transaction((m) => m.query(`DELETE FROM segmentation WHERE id = '${live}'`));
    }
  });
});
