import type { Context } from '../context';
import type { AnalysisArgs, AnalysisResult } from '../pool/analyses';
import { inputCells, type ReportName } from '../pool/report-analyses';

/**
 * Computes a report for a request: in the worker pool from QUADRANT_POOL_MIN_CELLS cells of input, on the event
 * loop below, stopped with LIMIT_EXCEEDED past QUADRANT_ANALYSIS_TIMEOUT or when the client disconnects (see
 * AnalysisRunner). The tables' typed arrays move to the worker: the caller must not read them afterwards.
 */
export function runReport<N extends ReportName>(
  ctx: Context,
  report: N,
  args: AnalysisArgs<N>,
): Promise<AnalysisResult<N>> {
  return ctx.services.analyses.run(report, args, { cells: inputCells(args) }, ctx.signal);
}
