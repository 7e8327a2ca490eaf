import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { AnalysisPool } from '../../../server/pool/analysis-pool';
import { WORKER_NICE } from '../../../server/pool/worker-priority';
import { transferables } from '../../../server/pool/transferables';
import { InputError } from '../../../shared/errors';
import { runSegmentation } from '../../../shared/segment/segment';
import type { NumberColumn } from '../../../shared/table/types';
import { blobsTable, featureNames } from '../helpers/blobs';

const OPTIONS = { features: featureNames(3), k: 3, restarts: 2, keyColumn: 'id' };

describe('AnalysisPool', () => {
  let pool: AnalysisPool;
  // Threads this process had before the pool (jest may have run another suite's pools in it): not the pool's.
  let earlierThreads: Set<string>;
  beforeAll(() => {
    earlierThreads = new Set(process.platform === 'linux' ? readdirSync('/proc/self/task') : []);
    pool = new AnalysisPool({ threads: 1, minRows: 100 });
  });
  afterAll(() => pool.close());

  test('run(segment) in a worker gives exactly runSegmentation’s result on the event loop', async () => {
    const expected = runSegmentation(blobsTable(600, 3), OPTIONS);
    const progress: number[] = [];
    const result = await pool.run(
      'segment',
      { table: blobsTable(600, 3), options: OPTIONS },
      { rows: 600, onProgress: (done, total) => progress.push(done / total) },
    );
    expect(pool.stats.completed).toBe(1);
    expect(Array.from(result.labels)).toEqual(Array.from(expected.labels));
    expect(result.inertia).toBe(expected.inertia);
    expect(result.silhouette).toBe(expected.silhouette);
    expect(result.segments).toEqual(expected.segments);
    expect(result.keys).toEqual(expected.keys);
    // Progress crossed threads in order and ended complete.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(1);
  });

  test('run moves the input’s typed arrays to the worker instead of copying them', async () => {
    const table = blobsTable(600, 3);
    const x1 = (table.columns[1] as NumberColumn).values;
    await pool.run('segment', { table, options: OPTIONS }, { rows: 600 });
    // A moved ArrayBuffer is detached on the sending side.
    expect(x1.byteLength).toBe(0);
  });

  test('inputs under minRows run on the event loop and keep their arrays', async () => {
    const table = blobsTable(60, 3);
    const x1 = (table.columns[1] as NumberColumn).values;
    const before = pool.stats.completed;
    const result = await pool.run('segment', { table, options: OPTIONS }, { rows: 60 });
    expect(result.labels).toHaveLength(60);
    expect(pool.stats.completed).toBe(before);
    expect(x1.byteLength).toBe(60 * 8);
  });

  test('an InputError thrown in the worker arrives as an InputError naming its field', async () => {
    const run = pool.run('segment', { table: blobsTable(600, 3), options: { ...OPTIONS, k: 900 } }, { rows: 600 });
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(run).rejects.toMatchObject({ message: 'k=900 exceeds the 600 usable rows', field: 'k' });
  });

  test('an aborted run rejects with an AbortError and its thread is replaced: the next run completes', async () => {
    const controller = new AbortController();
    const big = { table: blobsTable(40_000, 4), options: { features: featureNames(4), kMin: 2, kMax: 8 } };
    const run = pool.run('segment', big, { rows: 40_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const next = await pool.run('segment', { table: blobsTable(600, 3), options: OPTIONS }, { rows: 600 });
    expect(next.labels).toHaveLength(600);
  });

  test('a run queued behind an aborted one starts on the replacement thread', async () => {
    const controller = new AbortController();
    const big = { table: blobsTable(40_000, 4), options: { features: featureNames(4), kMin: 2, kMax: 8 } };
    const run = pool.run('segment', big, { rows: 40_000, signal: controller.signal });
    const queued = pool.run('segment', { table: blobsTable(600, 3), options: OPTIONS }, { rows: 600 });
    expect(pool.stats.running).toBe(2);
    setTimeout(() => controller.abort(), 200);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect((await queued).labels).toHaveLength(600);
    expect(pool.stats).toMatchObject({ threads: 1, running: 0 });
  });

  // Small queries answer while every core segments only if the event loop wins the CPU whenever it wants it.
  (process.platform === 'linux' ? test : test.skip)(
    'on Linux the worker threads run 10 nice steps below the event loop, which keeps its own priority',
    async () => {
      await pool.run('segment', { table: blobsTable(600, 3), options: OPTIONS }, { rows: 600 });
      // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (after the parenthesised name).
      const niceOf = (tid: string) => {
        try {
          return Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
        } catch {
          return NaN; // the thread exited between the listing and the read
        }
      };
      const eventLoop = getPriority(0);
      expect(niceOf(String(process.pid))).toBe(eventLoop);
      const niced = () =>
        readdirSync('/proc/self/task')
          .filter((tid) => !earlierThreads.has(tid))
          .map(niceOf)
          .filter((n) => n === Math.min(19, eventLoop + WORKER_NICE)).length;
      // Threads terminated by the abort tests above may take a moment to exit on a busy machine.
      for (let wait = 0; wait < 100 && niced() > pool.stats.threads; wait++)
        await new Promise((r) => setTimeout(r, 20));
      expect(niced()).toBe(pool.stats.threads);
    },
  );
});

describe('transferables', () => {
  test('lists each whole buffer once and leaves views into shared buffers to be copied', () => {
    const own = new Float64Array(4);
    const shared = new ArrayBuffer(64);
    const view = new Int32Array(shared, 16, 4);
    const value = { a: own, again: own, nested: { deeper: [{ codes: new Int32Array(2) }] }, view, text: ['x'] };
    const list = transferables(value);
    expect(list).toHaveLength(2);
    expect(list).toContain(own.buffer);
    expect(list).not.toContain(shared);
  });
});
