import { AnalysisPool, isAbortError } from '../../../server/pool/analysis-pool';
import { fanOutGroups, segmentWithFanOut } from '../../../server/pool/segment-fan-out';
import { InputError } from '../../../shared/errors';
import { kMeansRestartCost } from '../../../shared/segment/progress';
import { createRng } from '../../../shared/random';
import { runRfm } from '../../../shared/segment/rfm';
import { runSegmentation } from '../../../shared/segment/segment';
import type { Table } from '../../../shared/table/types';
import type { SegmentOptions } from '../../../shared/segment/types';
import { blobsTable, featureNames } from '../helpers/blobs';

/** Choosing k over 2..10 with the restarts screened and the silhouette sampled, scaled down to test sizes. */
const CHOOSE: Omit<SegmentOptions, 'onProgress'> = {
  features: featureNames(4),
  keyColumn: 'id',
  restartSampleSize: 800,
  silhouetteSampleSize: 500,
};

describe('fanOutGroups', () => {
  const pool = (threads: number) => ({ options: { threads, minRows: 1000 } }) as AnalysisPool;
  const args = (options: Partial<SegmentOptions>) => ({ table: blobsTable(10, 1), options: { ...CHOOSE, ...options } });

  test('fanOutGroups deals k = 2..10 over the threads, heaviest first to the lightest group', () => {
    const groups = fanOutGroups(pool(2), args({}), 5000) as number[][];
    expect(groups.flat().sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Costs k(5 + ln k): 10 → A (73), 9 → B (65), 8 → B (121), 7 → A (122), 6 → B (162), 5 → A (155), 4 → A (180),
    // 3 → B (181), 2 → A (192).
    expect(groups).toEqual([
      [2, 4, 5, 7, 10],
      [3, 6, 8, 9],
    ]);
    const load = (ks: number[]) => ks.reduce((s, k) => s + kMeansRestartCost(1, k), 0);
    expect(Math.abs(load(groups[0]) - load(groups[1]))).toBeLessThan(kMeansRestartCost(1, 10));
    expect(fanOutGroups(pool(4), args({ kMin: 3, kMax: 4 }), 5000)).toEqual([[4], [3]]);
  });

  test('fanOutGroups keeps one task for one thread, small inputs, a fixed k, WARD, outliers set aside or stability', () => {
    expect(fanOutGroups(pool(1), args({}), 5000)).toBeNull();
    expect(fanOutGroups(pool(2), args({}), 999)).toBeNull();
    expect(fanOutGroups(pool(2), args({ k: 4 }), 5000)).toBeNull();
    expect(fanOutGroups(pool(2), args({ k: 4, kMax: 6 }), 5000)).not.toBeNull();
    expect(fanOutGroups(pool(2), args({ method: 'WARD' }), 5000)).toBeNull();
    expect(fanOutGroups(pool(2), args({ excludeOutliers: true }), 5000)).toBeNull();
    expect(fanOutGroups(pool(2), args({ stabilityResamples: 5 }), 5000)).toBeNull();
  });
});

describe('segmentWithFanOut on a two-thread pool', () => {
  let pool: AnalysisPool;
  beforeAll(() => {
    pool = new AnalysisPool({ threads: 2, minRows: 1000 });
  });
  afterAll(() => pool.close());

  test('k spread over both threads gives exactly runSegmentation’s result, with progress moving forward to 1', async () => {
    const expected = runSegmentation(blobsTable(3000, 4), CHOOSE);
    const progress: number[] = [];
    const before = pool.stats.completed;
    const result = await segmentWithFanOut(
      pool,
      { table: blobsTable(3000, 4), options: CHOOSE },
      { rows: 3000, onProgress: (done, total) => progress.push(done / total) },
    );
    // Two segmentFits tasks, then the segment task that chooses k from their fits.
    expect(pool.stats.completed - before).toBe(3);
    expect(Array.from(result.labels)).toEqual(Array.from(expected.labels));
    expect(result.kSelection).toEqual(expected.kSelection);
    expect(result.recommendedK).toBe(expected.recommendedK);
    expect(result.silhouette).toBe(expected.silhouette);
    expect(result.segments).toEqual(expected.segments);
    expect(result.warnings).toEqual(expected.warnings);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(1);
  });

  test('a given k runs as one task that a helper thread shares: exactly runSegmentation’s result', async () => {
    const options = { features: featureNames(8), k: 5, restarts: 2, keyColumn: 'id' };
    const expected = runSegmentation(blobsTable(30_000, 8), options);
    const before = pool.stats.helperJobs;
    const result = await segmentWithFanOut(pool, { table: blobsTable(30_000, 8), options }, { rows: 30_000 });
    expect(Array.from(result.labels)).toEqual(Array.from(expected.labels));
    expect(result.inertia).toBe(expected.inertia);
    expect(result.silhouette).toBe(expected.silhouette);
    expect(result.segments).toEqual(expected.segments);
    expect(result.model).toEqual(expected.model);
    // The helper's task ends just after the run's (told to stop); then its jobs are counted.
    for (let wait = 0; wait < 200 && pool.stats.helperJobs === before; wait++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(pool.stats.helperJobs).toBeGreaterThan(before);
  });

  test('RFM with k-means shares its work with a helper too: exactly runRfm’s result', async () => {
    const transactions = (): Table => {
      const rng = createRng(3);
      const n = 50_000;
      const day = 86_400_000;
      const start = Date.UTC(2025, 0, 1);
      return {
        rowCount: n,
        columns: [
          { name: 'customer', type: 'TEXT', values: Array.from({ length: n }, () => `c${rng.int(25_000)}`) },
          { name: 'date', type: 'DATE', values: Float64Array.from({ length: n }, () => start + rng.int(700) * day) },
          { name: 'amount', type: 'NUMBER', values: Float64Array.from({ length: n }, () => 5 + 200 * rng.next() ** 3) },
        ],
      };
    };
    const options = {
      customerColumn: 'customer',
      dateColumn: 'date',
      amountColumn: 'amount',
      method: 'KMEANS' as const,
    };
    const expected = runRfm(transactions(), { ...options, restarts: 2 });
    const before = pool.stats.helperJobs;
    const result = await pool.run(
      'rfm',
      { table: transactions(), options: { ...options, restarts: 2 } },
      { rows: 50_000, helped: true },
    );
    expect(Array.from(result.labels)).toEqual(Array.from(expected.labels));
    expect(result.inertia).toBe(expected.inertia);
    expect(result.silhouette).toBe(expected.silhouette);
    for (let wait = 0; wait < 200 && pool.stats.helperJobs === before; wait++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(pool.stats.helperJobs).toBeGreaterThan(before);
  });

  test('a helper gives its thread back when another analysis arrives', async () => {
    const big = { features: featureNames(8), k: 8, restarts: 4 };
    const order: string[] = [];
    const first = segmentWithFanOut(pool, { table: blobsTable(100_000, 8), options: big }, { rows: 100_000 }).then(
      (result) => {
        order.push('big');
        return result;
      },
    );
    while (pool.stats.running < 1) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100));
    // Four restarts over 100,000 rows take a second or more; the small run gets the helper's thread at once.
    const small = { features: featureNames(4), k: 3, restarts: 1 };
    await segmentWithFanOut(pool, { table: blobsTable(2000, 4), options: small }, { rows: 2000 });
    order.push('small');
    const result = await first;
    expect(order).toEqual(['small', 'big']);
    expect(result.k).toBe(8);
  });

  test('aborting a helped run stops both threads, and the pool serves the next run', async () => {
    const controller = new AbortController();
    const run = segmentWithFanOut(
      pool,
      { table: blobsTable(150_000, 8), options: { features: featureNames(8), k: 8 } },
      { rows: 150_000, signal: controller.signal },
    );
    while (pool.stats.running < 1) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    expect(isAbortError(await run.catch((e: unknown) => e))).toBe(true);
    expect(pool.stats.running).toBe(0);
    const options = { features: featureNames(8), k: 4, restarts: 1 };
    const next = await segmentWithFanOut(pool, { table: blobsTable(25_000, 8), options }, { rows: 25_000 });
    expect(next.inertia).toBe(runSegmentation(blobsTable(25_000, 8), options).inertia);
  });

  test('aborting stops every task: it rejects with an AbortError, no task is left, the pool serves the next run', async () => {
    const controller = new AbortController();
    const table = blobsTable(150_000, 6);
    const run = segmentWithFanOut(
      pool,
      { table, options: { features: featureNames(6) } },
      { rows: 150_000, signal: controller.signal },
    );
    while (pool.stats.running < 2) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const error = await run.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(pool.stats.running).toBe(0);
    const next = await segmentWithFanOut(pool, { table: blobsTable(3000, 4), options: CHOOSE }, { rows: 3000 });
    expect(next.labels).toHaveLength(3000);
  });

  test('a run whose time limit has already passed rejects with an AbortError before any task starts', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((r) => setTimeout(r, 20));
    const before = pool.stats.completed;
    const error = await segmentWithFanOut(
      pool,
      { table: blobsTable(3000, 4), options: CHOOSE },
      { rows: 3000, signal },
    ).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(pool.stats.completed).toBe(before);
  });

  test('a task the core rejects fails the run with its InputError, not an AbortError of its sibling', async () => {
    const options = { ...CHOOSE, features: ['x1', 'nope'] };
    const error = await segmentWithFanOut(pool, { table: blobsTable(3000, 4), options }, { rows: 3000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/nope/);
    expect(pool.stats.running).toBe(0);
  });
});
