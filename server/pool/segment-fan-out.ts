import { kMeansRestartCost } from '../../shared/segment/progress';
import type { KFit } from '../../shared/segment/choose-k';
import type { Table } from '../../shared/table/types';
import { abortError } from './abort-error';
import { isAbortError, type AnalysisPool, type RunOptions } from './analysis-pool';
import type { AnalysisArgs, AnalysisResult } from './analyses';

/** The share of a fanned-out segmentation's progress given to the last task (profiles, names, storing figures). */
const FINISH_SHARE = 0.05;

/**
 * Runs the `segment` analysis with its choice of k spread over the pool's threads: the k values of kMin..kMax are
 * dealt into one group per thread (heaviest first, each to the lightest group, as k-means cost grows with k), each
 * group is fitted and scored by a `segmentFits` task (fitSegmentKs), and a last `segment` task takes those fits
 * (`fitted`) to choose k, profile and name the segments, exactly as one task would have. The table's typed arrays
 * are copied once into SharedArrayBuffers, which every task reads without a copy of its own.
 *
 * One signal stops every task (a cancellation, the time limit or the client leaving aborts them all, and the first
 * task to fail aborts the others), and nothing is returned, hence nothing stored, unless all succeed. Progress is
 * each task's share of the estimated work, so it only moves forward. Runs as one plain `segment` task (given a helper thread, see RunOptions.helped) when the pool
 * has one thread, the input is small, k is fixed, or the run is not plain k-means over all rows (WARD cuts one tree;
 * excludeOutliers and stabilityResamples add passes that depend on the chosen fit).
 */
export async function segmentWithFanOut(
  pool: AnalysisPool,
  args: AnalysisArgs<'segment'>,
  options: RunOptions,
): Promise<AnalysisResult<'segment'>> {
  const groups = fanOutGroups(pool, args, options.rows);
  if (groups === null) return pool.run('segment', args, { ...options, helped: helpable(args.options) });
  stopIfAborted(options.signal);

  const table = sharedTable(args.table);
  const weights = groups.map((ks) => ks.reduce((sum, k) => sum + kMeansRestartCost(options.rows, k), 0));
  const total = weights.reduce((a, b) => a + b, 0) / (1 - FINISH_SHARE);
  const fractions = new Float64Array(groups.length + 1);
  const report = (task: number, done: number, all: number) => {
    if (all > 0) fractions[task] = Math.max(fractions[task], done / all);
    let sum = 0;
    for (let g = 0; g < groups.length; g++) sum += weights[g] * fractions[g];
    options.onProgress?.(sum + FINISH_SHARE * total * fractions[groups.length], total);
  };

  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const runs = groups.map((ks, g) =>
    pool.run(
      'segmentFits',
      { table, options: args.options, ks },
      { rows: options.rows, signal, onProgress: (done, all) => report(g, done, all) },
    ),
  );
  // The first failure stops the other tasks; wait for all to settle so none outlives the run.
  runs.forEach((run) => run.catch(() => stop.abort()));
  const settled = await Promise.allSettled(runs);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    // A task aborted because a sibling failed reports an AbortError: the sibling's error is the one to tell.
    const cause = settled.find((s) => s.status === 'rejected' && !isAbortError(s.reason)) ?? failed;
    throw (cause as PromiseRejectedResult).reason;
  }
  const fitted: KFit[] = settled.flatMap((s) => (s as PromiseFulfilledResult<KFit[]>).value);
  // Every fit task is done, whether or not its last progress message (another channel than its result) has come.
  fractions.fill(1, 0, groups.length);
  stopIfAborted(options.signal);
  const result = await pool.run(
    'segment',
    { table, options: { ...args.options, fitted } },
    { ...options, onProgress: (done, all) => report(groups.length, done, all) },
  );
  // With every fit given, the last task may plan no work at all, and so never report it done.
  report(groups.length, 1, 1);
  return result;
}

/**
 * Whether a one-task segmentation has work to share with a helper thread (see RunOptions.helped): k-means, whose
 * steps and silhouette split with one; Ward's tree offers none. A helper that gets no job for HELPER_IDLE_MS (during
 * a mini-batch fit, say) ends its task, so the jobs after that are done by the task alone.
 */
function helpable(options: AnalysisArgs<'segment'>['options']): boolean {
  return (options.method ?? 'KMEANS') === 'KMEANS';
}

/**
 * The k values of each task, or null when the run should be one task (see segmentWithFanOut): the range's k dealt
 * heaviest first to the group with the least estimated work, one group per pool thread.
 */
export function fanOutGroups(pool: AnalysisPool, args: AnalysisArgs<'segment'>, rows: number): number[][] | null {
  const { threads, minRows } = pool.options;
  const o = args.options;
  const choosing = o.k === undefined || o.kMin !== undefined || o.kMax !== undefined;
  if (threads < 2 || rows < minRows || !choosing) return null;
  if ((o.method ?? 'KMEANS') !== 'KMEANS' || o.excludeOutliers || (o.stabilityResamples ?? 0) > 0) return null;
  const kMin = o.kMin ?? 2;
  const kMax = Math.min(o.kMax ?? 10, rows - 1);
  if (kMax - kMin < 1) return null;
  const groups: number[][] = Array.from({ length: Math.min(threads, kMax - kMin + 1) }, () => []);
  const load = new Float64Array(groups.length);
  for (let k = kMax; k >= kMin; k--) {
    let lightest = 0;
    for (let g = 1; g < groups.length; g++) if (load[g] < load[lightest]) lightest = g;
    groups[lightest].push(k);
    load[lightest] += kMeansRestartCost(1, k);
  }
  return groups.map((ks) => ks.sort((a, b) => a - b));
}

/**
 * The table with every typed array copied into a SharedArrayBuffer: tasks given it share its memory instead of each
 * receiving a copy (a transfer would detach it after the first task). Other values are left as they are.
 */
function sharedTable(table: Table): Table {
  return {
    ...table,
    columns: table.columns.map((column) => {
      const shared: Record<string, unknown> = { ...column };
      for (const [key, value] of Object.entries(column)) {
        if (!ArrayBuffer.isView(value) || value instanceof DataView) continue;
        const array = value as unknown as Float64Array;
        const Kind = array.constructor as Float64ArrayConstructor;
        const copy = new Kind(new SharedArrayBuffer(array.byteLength));
        copy.set(array);
        shared[key] = copy;
      }
      return shared as unknown as Table['columns'][number];
    }),
  };
}

/**
 * Rejects as the pool does when a run is stopped between its tasks: with an AbortError, whatever the signal's
 * reason (a timeout's is a TimeoutError), so callers tell a stopped run from a failed one the same way.
 */
function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError('The analysis was stopped');
}
