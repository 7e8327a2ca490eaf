import type { Helper } from '../../shared/parallel/helper';
import { runRfm } from '../../shared/segment/rfm';
import { fitSegmentKs, runSegmentation } from '../../shared/segment/segment';
import type { RfmOptions, SegmentOptions } from '../../shared/segment/types';
import type { Table } from '../../shared/table/types';
import { reportAnalyses } from './report-analyses';

/** Reports work done out of a total (the core's `onProgress` shape). */
export type ProgressCallback = (done: number, total: number) => void;

/**
 * The analyses the worker pool runs, by name: each takes plain, structured-cloneable arguments (Tables of typed
 * arrays, option objects without functions) and a progress callback, and returns the core's plain result. The same
 * table serves the worker thread and the event loop (small inputs), so both compute exactly the same thing.
 */
export const analyses = {
  /** With a helper (a second thread, see Helper), a given k's k-means steps and silhouette are split with it. */
  segment: (
    args: { table: Table; options: Omit<SegmentOptions, 'onProgress' | 'helper'> },
    onProgress: ProgressCallback,
    helper?: Helper,
  ) => runSegmentation(args.table, { ...args.options, onProgress, ...(helper ? { helper } : {}) }),
  /** The fits of some k of a segment run's range, for segmentWithFanOut (see fitSegmentKs). */
  segmentFits: (
    args: { table: Table; options: Omit<SegmentOptions, 'onProgress'>; ks: number[] },
    onProgress: ProgressCallback,
  ) => fitSegmentKs(args.table, { ...args.options, onProgress }, args.ks),
  /** With a helper, as segment: method KMEANS splits its k-means steps and silhouette with it. */
  rfm: (args: { table: Table; options: Omit<RfmOptions, 'helper'> }, _onProgress: ProgressCallback, helper?: Helper) =>
    runRfm(args.table, { ...args.options, ...(helper ? { helper } : {}) }),
  ...reportAnalyses,
};

export type AnalysisName = keyof typeof analyses;
export type AnalysisArgs<N extends AnalysisName> = Parameters<(typeof analyses)[N]>[0];
export type AnalysisResult<N extends AnalysisName> = ReturnType<(typeof analyses)[N]>;
