import { InputError } from '../errors';
import { checkMatrix } from './check-matrix';
import { kMeans } from './kmeans';
import { miniBatchKMeans, MINI_BATCH_THRESHOLD } from './mini-batch-kmeans';
import { cutLinkage, wardLinkage } from './ward';

/**
 * Rows up to which Ward is exact (wardLinkage over every row: O(n²·d) time, O(n·d) memory; about 5 s of one core
 * at 20,000 × 8 here, where SciPy's linkage takes over ten times as long and 3 GB). Above it, wardHybrid.
 */
export const EXACT_WARD_LIMIT = 20_000;
/** Micro-clusters of wardHybrid: enough to carry the shape of the data, few enough for an instant exact Ward. */
export const WARD_MICRO_CLUSTERS = 200;

export interface WardHybrid {
  /** Number of micro-clusters with rows (the leaves of `linkage`). */
  microClusters: number;
  /** The micro-cluster (0..microClusters−1) of each row. */
  microLabels: Int32Array;
  /** Rows in each micro-cluster. */
  microSizes: Float64Array;
  /** SciPy-form linkage over the micro-clusters, weighted by their sizes (wardLinkage with sizes). */
  linkage: Float64Array;
  /** For each micro-cluster, its row nearest the micro-cluster's centroid (what a dendrogram leaf shows). */
  representatives: Int32Array;
  /** The k-means that formed the micro-clusters: 'KMEANS' (Lloyd) or 'MINI_BATCH' (from MINI_BATCH_THRESHOLD rows). */
  microMethod: 'KMEANS' | 'MINI_BATCH';
}

/**
 * Ward beyond EXACT_WARD_LIMIT rows, in two stages (the usual "k-means then hierarchical" scheme, e.g. SAS's
 * two-stage clustering): k-means (one k-means++ run, at most 50 Lloyd iterations, seeded; mini-batch from
 * MINI_BATCH_THRESHOLD rows) cuts the rows into `microClusters` micro-clusters, then exact Ward runs on their
 * centroids weighted by their sizes, so each merge costs what merging those groups of rows costs in Ward's
 * criterion (|A||B|/(|A|+|B|)·‖cA − cB‖²). A row's segment is its micro-cluster's (cutWardHybrid). It agrees with
 * exact Ward as far as no micro-cluster straddles a cut; `npm run bench -- segment` reports the adjusted Rand
 * index against exact Ward at sizes where both run.
 *
 * Cost O(n·m·d·iterations) for the micro-clusters plus O(m²·d) for Ward; memory O(n + m·d).
 *
 * @throws {InputError} when microClusters is not an integer ≥ 2 or X is not a finite n×d matrix.
 * @example
 * const hybrid = wardHybrid(X, 100_000, 8, { seed: 0 }); cutWardHybrid(hybrid, 4); // a label 0..3 per row
 */
export function wardHybrid(
  X: Float64Array,
  n: number,
  d: number,
  options: { microClusters?: number; seed?: number } = {},
): WardHybrid {
  checkMatrix('wardHybrid', X, n, d);
  const { microClusters = WARD_MICRO_CLUSTERS, seed = 0 } = options;
  if (!Number.isInteger(microClusters) || microClusters < 2) {
    throw new InputError(`wardHybrid: microClusters=${microClusters} must be an integer >= 2`, 'microClusters');
  }
  const m = Math.min(microClusters, n);
  const miniBatch = n >= MINI_BATCH_THRESHOLD;
  const fit = miniBatch
    ? miniBatchKMeans(X, n, d, { k: m, restarts: 1, seed })
    : kMeans(X, n, d, { k: m, restarts: 1, seed, maxIterations: 50 });

  // Micro-clusters left empty (duplicate rows) are dropped and the others numbered densely.
  const sizes = new Float64Array(m);
  for (let i = 0; i < n; i++) sizes[fit.labels[i]]++;
  const dense = new Int32Array(m).fill(-1);
  let filled = 0;
  for (let c = 0; c < m; c++) if (sizes[c] > 0) dense[c] = filled++;
  const microLabels = new Int32Array(n);
  for (let i = 0; i < n; i++) microLabels[i] = dense[fit.labels[i]];
  const centroids = new Float64Array(filled * d);
  const microSizes = new Float64Array(filled);
  for (let c = 0; c < m; c++) {
    if (dense[c] < 0) continue;
    centroids.set(fit.centroids.subarray(c * d, c * d + d), dense[c] * d);
    microSizes[dense[c]] = sizes[c];
  }

  const representatives = new Int32Array(filled).fill(-1);
  const closest = new Float64Array(filled).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const c = microLabels[i];
    let s = 0;
    for (let j = 0; j < d; j++) s += (X[i * d + j] - centroids[c * d + j]) ** 2;
    if (s < closest[c]) {
      closest[c] = s;
      representatives[c] = i;
    }
  }
  return {
    microClusters: filled,
    microLabels,
    microSizes,
    linkage: wardLinkage(centroids, filled, d, microSizes),
    representatives,
    microMethod: miniBatch ? 'MINI_BATCH' : 'KMEANS',
  };
}

/**
 * Rows labelled by cutting a wardHybrid tree into k segments (cutLinkage over the micro-clusters, as SciPy's
 * fcluster maxclust): every row takes its micro-cluster's segment.
 *
 * @throws {InputError} when k is not a positive integer.
 */
export function cutWardHybrid(hybrid: WardHybrid, k: number): Int32Array {
  const cut = cutLinkage(hybrid.linkage, hybrid.microClusters, k);
  const labels = new Int32Array(hybrid.microLabels.length);
  for (let i = 0; i < labels.length; i++) labels[i] = cut[hybrid.microLabels[i]];
  return labels;
}
