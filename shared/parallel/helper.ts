import type { HelperJobs } from './jobs';

export type HelperJobName = keyof HelperJobs;
export type HelperJobInput<K extends HelperJobName> = Parameters<HelperJobs[K]>[0];
export type HelperJobOutput<K extends HelperJobName> = ReturnType<HelperJobs[K]>;

/**
 * A second thread that may take a share of a computation. The computing thread offers a job (a named pure function
 * of `helperJobs` and its input), does its own share meanwhile, then joins the job: the join returns the job's
 * output, computed by the other thread if that thread took the job in time, or else computed there and then by the
 * joining thread itself (a helper that is busy elsewhere, or never started, just means no help). Either way the
 * output is the same function of the same input, so a result never depends on whether help came; the kernels that
 * split their work this way combine the shares in a fixed order for the same reason.
 *
 * Inputs are copied to the other thread, except arrays made by `float64` and `int32`, which both threads see: what
 * a job reads in bulk or writes in place lives there.
 */
export interface Helper {
  /** A zero-filled array in memory the helper thread shares. */
  float64(length: number): Float64Array;
  /** A zero-filled array in memory the helper thread shares. */
  int32(length: number): Int32Array;
  /** Offers a job; call the returned join (once) for its output. */
  offer<K extends HelperJobName>(job: K, input: HelperJobInput<K>): () => HelperJobOutput<K>;
}

/**
 * Rows from which a kernel splits its work with a helper: a job costs a message each way (tens of microseconds),
 * which half of the work on fewer rows would not repay.
 */
export const HELP_MIN_ROWS = 20_000;

/**
 * The index where the rows of [0, n) split into two shares of equal work: n/2 for work even over the rows; for a
 * triangle of pairs (row p against the rows after it, as the silhouette counts them), where the first p rows hold
 * half the pairs, n(1 − 1/√2).
 */
export function splitPoint(n: number, shape: 'EVEN' | 'TRIANGLE'): number {
  return shape === 'EVEN' ? n >> 1 : Math.round(n * (1 - Math.SQRT1_2));
}
