import type { Helper } from '../parallel/helper';
import { InputError } from '../errors';
import { fsum } from '../math/sum';
import { kMeans } from './kmeans';
import { MINI_BATCH_THRESHOLD, miniBatchKMeans } from './mini-batch-kmeans';
import { kMeansRestartCost, miniBatchCost, wardCost } from './progress';
import { screenedKMeans, screenedKMeansCost } from './screened-kmeans';
import { cutLinkage, wardLinkage } from './ward';
import { cutWardHybrid, EXACT_WARD_LIMIT, WARD_MICRO_CLUSTERS, wardHybrid, type WardHybrid } from './ward-hybrid';

/**
 * How a partition is computed at a given size: Lloyd's k-means, mini-batch k-means (from miniBatchThreshold rows),
 * exact Ward, or the Ward hybrid (above exactWardLimit rows).
 */
export type Algorithm = 'KMEANS' | 'MINI_BATCH_KMEANS' | 'WARD' | 'WARD_HYBRID';

/** The size limits that switch algorithms; defaults MINI_BATCH_THRESHOLD and EXACT_WARD_LIMIT. */
export interface SizeLimits {
  miniBatchThreshold?: number;
  exactWardLimit?: number;
}

/** The algorithm for `method` on n rows under the size limits. */
export function algorithmFor(method: 'KMEANS' | 'WARD', n: number, limits: SizeLimits = {}): Algorithm {
  if (method === 'WARD') return n > (limits.exactWardLimit ?? EXACT_WARD_LIMIT) ? 'WARD_HYBRID' : 'WARD';
  return n >= (limits.miniBatchThreshold ?? MINI_BATCH_THRESHOLD) ? 'MINI_BATCH_KMEANS' : 'KMEANS';
}

/** A Ward tree built once and cut at every k: exact over the rows, or the hybrid over micro-clusters. */
export type WardTree = { kind: 'WARD'; linkage: Float64Array } | { kind: 'WARD_HYBRID'; hybrid: WardHybrid };

/** Builds the Ward tree of `algorithm` (WARD or WARD_HYBRID, seeded). */
export function buildWardTree(X: Float64Array, n: number, d: number, algorithm: Algorithm, seed: number): WardTree {
  return algorithm === 'WARD_HYBRID'
    ? { kind: 'WARD_HYBRID', hybrid: wardHybrid(X, n, d, { seed }) }
    : { kind: 'WARD', linkage: wardLinkage(X, n, d) };
}

/** Estimated work (progress units) of building the tree of a Ward algorithm. */
export function treeCost(algorithm: Algorithm, n: number): number {
  if (algorithm === 'WARD') return wardCost(n);
  if (algorithm === 'WARD_HYBRID') return kMeansRestartCost(n, WARD_MICRO_CLUSTERS) + wardCost(WARD_MICRO_CLUSTERS);
  return 0;
}

/**
 * Estimated work (progress units) of one fit at k, counted per k-means restart for KMEANS (screened on
 * restartSampleSize rows when given, see screenedKMeans).
 */
export function fitCost(
  algorithm: Algorithm,
  n: number,
  k: number,
  restarts: number,
  restartSampleSize?: number,
): number {
  if (algorithm === 'KMEANS') {
    return restartSampleSize === undefined
      ? restarts * kMeansRestartCost(n, k)
      : screenedKMeansCost(n, k, restarts, restartSampleSize);
  }
  if (algorithm === 'MINI_BATCH_KMEANS') return miniBatchCost(n, k, restarts);
  return n;
}

export interface Partition {
  labels: Int32Array;
  /** One row per label 0..m−1 that has rows, row-major. */
  centroids: Float64Array;
  inertia: number;
  warnings: string[];
  /** MINI_BATCH_KMEANS only: the steps taken and the batch size. */
  miniBatch?: { steps: number; batchSize: number };
}

/**
 * One partition into k by `algorithm`: kMeans (restarts, seed) — or screenedKMeans when restartSampleSize is given,
 * restarts made on that many sampled rows — or miniBatchKMeans (its default 3 seedings at most, seed), or the tree
 * cut as SciPy's fcluster(maxclust). `onWork` receives the progress units done as they finish.
 *
 * @throws {InputError} when a Ward algorithm is asked for without its tree.
 */
export function fitPartition(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  options: {
    algorithm: Algorithm;
    restarts: number;
    seed: number;
    /** KMEANS only: screen the restarts on this many sampled rows (screenedKMeans); unset, every restart is full. */
    restartSampleSize?: number;
    tree?: WardTree;
    /** KMEANS without screening: a second thread for half of each k-means step (see kMeans). */
    helper?: Helper;
    onWork?: (units: number) => void;
  },
): Partition {
  const { algorithm, restarts, seed, restartSampleSize, tree, helper, onWork } = options;
  if (algorithm === 'KMEANS') {
    const full = kMeansRestartCost(n, k);
    if (restartSampleSize !== undefined && restartSampleSize < n) {
      const screen = kMeansRestartCost(restartSampleSize, k);
      const run = screenedKMeans(X, n, d, {
        k,
        restarts,
        seed,
        sampleSize: restartSampleSize,
        onRestart: (done) => onWork?.(done > restarts ? full : screen),
      });
      return { labels: run.labels, centroids: run.centroids, inertia: run.inertia, warnings: run.warnings };
    }
    const run = kMeans(X, n, d, { k, restarts, seed, helper, onRestart: () => onWork?.(full) });
    return { labels: run.labels, centroids: run.centroids, inertia: run.inertia, warnings: run.warnings };
  }
  if (algorithm === 'MINI_BATCH_KMEANS') {
    const seedings = Math.min(restarts, 3);
    const run = miniBatchKMeans(X, n, d, { k, restarts: seedings, seed });
    onWork?.(miniBatchCost(n, k, seedings));
    return {
      labels: run.labels,
      centroids: run.centroids,
      inertia: run.inertia,
      warnings: run.warnings,
      miniBatch: { steps: run.steps, batchSize: run.batchSize },
    };
  }
  if (!tree) throw new InputError(`fitPartition: ${algorithm} needs its tree`, 'tree');
  const labels = tree.kind === 'WARD' ? cutLinkage(tree.linkage, n, k) : cutWardHybrid(tree.hybrid, k);
  onWork?.(n);
  return { labels, ...withinCluster(X, n, d, labels), warnings: [] };
}

/** Centroids of labels 0..m−1 and the within-cluster sum of squares (the k-means inertia of any partition). */
export function withinCluster(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
): { centroids: Float64Array; inertia: number } {
  let m = 0;
  for (let i = 0; i < n; i++) if (labels[i] + 1 > m) m = labels[i] + 1;
  const centroids = new Float64Array(m * d);
  const counts = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    counts[labels[i]]++;
    for (let j = 0; j < d; j++) centroids[labels[i] * d + j] += X[i * d + j];
  }
  for (let c = 0; c < m; c++) for (let j = 0; j < d; j++) centroids[c * d + j] /= counts[c];
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) squares[i] += (X[i * d + j] - centroids[labels[i] * d + j]) ** 2;
  }
  return { centroids, inertia: fsum(squares) };
}
