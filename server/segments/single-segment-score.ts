import { chooseK, type KScore } from '../../shared/segment/choose-k';
import { preprocess } from '../../shared/segment/preprocess';
import type { SegmentationResult, SegmentOptions } from '../../shared/segment/types';
import type { Table } from '../../shared/table/types';

/**
 * The k = 1 entry of a run's k selection: the inertia of one segment holding every segmented row (the total sum of
 * squares of the scaled features; no silhouette), the anchor of the elbow curve. `runSegmentation` scores k from 2,
 * the least a silhouette compares, so the same rows are preprocessed again with the run's options and scored by
 * `chooseK` at k = 1 (reusing the Ward linkage).
 */
export function singleSegmentScore(table: Table, options: SegmentOptions, result: SegmentationResult): KScore {
  const rows: number[] = [];
  result.labels.forEach((label, row) => {
    if (label >= 0) rows.push(row);
  });
  const { X, n, d } = preprocess(table, {
    features: options.features,
    categorical: options.categorical,
    missing: options.missing,
    scaling: options.scaling,
    logTransform: options.logTransform,
    rows,
  });
  return chooseK(X, n, d, {
    kMin: 1,
    kMax: 1,
    method: result.method,
    restarts: options.restarts,
    seed: options.seed,
    ...(result.linkage ? { linkage: result.linkage } : {}),
  }).scores[0];
}
