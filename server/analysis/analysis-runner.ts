import { formatDuration } from '../config';
import { ClientClosedError, LimitExceededError, ServerClosingError } from '../errors';
import { isAbortError, type AnalysisPool, type RunOptions } from '../pool/analysis-pool';
import type { AnalysisArgs, AnalysisName, AnalysisResult, ProgressCallback } from '../pool/analyses';
import { segmentWithFanOut } from '../pool/segment-fan-out';

/**
 * How the server runs an analysis of the core: in the worker pool (see AnalysisPool), stopped when the request's
 * client disconnects or when it passes QUADRANT_ANALYSIS_TIMEOUT. A stopped analysis terminates its worker thread
 * (piscina replaces it) and stores nothing, since storing happens only after it returns.
 */
export class AnalysisRunner {
  constructor(
    readonly pool: AnalysisPool,
    readonly timeoutMs: number,
  ) {}

  /**
   * Runs an analysis for a request that waits for its answer. `size` is the input's rows, or its cells for the
   * analyses the pool sizes in cells (the reports).
   * @throws LimitExceededError (LIMIT_EXCEEDED) past the timeout; ClientClosedError when `request` aborts first;
   * ServerClosingError when the server closes the pool under it.
   */
  async run<N extends AnalysisName>(
    analysis: N,
    args: AnalysisArgs<N>,
    size: number | { cells: number },
    request?: AbortSignal,
    onProgress?: ProgressCallback,
  ): Promise<AnalysisResult<N>> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = request ? AbortSignal.any([request, timeout]) : timeout;
    const sized = typeof size === 'number' ? { rows: size } : { rows: 0, cells: size.cells };
    try {
      return await this.dispatch(analysis, args, { ...sized, signal, ...(onProgress ? { onProgress } : {}) });
    } catch (error) {
      if (!isAbortError(error)) throw error;
      // Stopped, but not through this request's signal: the pool was closed under it.
      if (!signal.aborted) throw new ServerClosingError();
      if (timeout.aborted) {
        throw new LimitExceededError(
          `${analysis}: the analysis ran past ${formatDuration(this.timeoutMs)}, the limit set by ` +
            'QUADRANT_ANALYSIS_TIMEOUT, and was stopped; nothing was stored. Start it with background: true to ' +
            'follow its progress without a limit, or raise QUADRANT_ANALYSIS_TIMEOUT',
          'QUADRANT_ANALYSIS_TIMEOUT',
        );
      }
      throw new ClientClosedError();
    }
  }

  /** Runs an analysis in the background: no time limit, stopped only by `signal` (a cancellation). */
  background<N extends AnalysisName>(
    analysis: N,
    args: AnalysisArgs<N>,
    rows: number,
    signal: AbortSignal,
    onProgress: ProgressCallback,
  ): Promise<AnalysisResult<N>> {
    return this.dispatch(analysis, args, { rows, signal, onProgress });
  }

  /**
   * The pool's run, except that a segmentation choosing k spreads its k over the threads (segmentWithFanOut), and
   * k-means RFM is given a helper thread.
   */
  private dispatch<N extends AnalysisName>(
    analysis: N,
    args: AnalysisArgs<N>,
    options: RunOptions,
  ): Promise<AnalysisResult<N>> {
    if (analysis === 'segment') {
      return segmentWithFanOut(this.pool, args as AnalysisArgs<'segment'>, options) as Promise<AnalysisResult<N>>;
    }
    if (analysis === 'rfm') {
      // RFM's k-means shares its steps with a helper thread, as a segmentation with a given k does.
      const helped = (args as AnalysisArgs<'rfm'>).options.method === 'KMEANS';
      return this.pool.run(analysis, args, { ...options, helped });
    }
    return this.pool.run(analysis, args, options);
  }
}
