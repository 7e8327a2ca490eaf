import { InputError } from '../errors';
import { createRng } from '../random';
import { algorithmFor, buildWardTree, fitPartition, type SizeLimits } from './fit-partition';
import type { SegmentMethod } from './types';

/** Segments whose mean Jaccard similarity is below this are flagged (Hennig: under 0.6, "not to be trusted"). */
export const UNSTABLE_BELOW = 0.6;
/** At most this many resamples: each one is a full clustering. */
export const MAX_STABILITY_RESAMPLES = 500;

export interface StabilityOptions extends SizeLimits {
  method: SegmentMethod;
  /** Number of clusters of every re-clustering (the run's k). */
  k: number;
  /** Bootstrap resamples (clusterboot's B). */
  resamples: number;
  /** k-means restarts of each re-clustering, as in the run. */
  restarts: number;
  seed: number;
  /** Called after each resample with (resamples done, resamples). */
  onResample?: (done: number, total: number) => void;
}

export interface Stability {
  /** Per cluster 0..k−1: mean over resamples of its best Jaccard similarity; null if it never appeared in one. */
  segments: (number | null)[];
  /** Mean of the clusters' values (unweighted: a small cluster counts as much as a large one); null if none has one. */
  overall: number | null;
}

/**
 * Cluster-wise stability by the bootstrap, as Hennig's clusterboot (C. Hennig, "Cluster-wise assessment of cluster
 * stability", Computational Statistics & Data Analysis 52 (2007) 258–271; R package fpc, `clusterboot(...,
 * bootmethod = "boot")`): each resample draws n rows with replacement (duplicates kept), clusters them again with
 * the same method, k and restarts (and the algorithm the run would use at that size: mini-batch k-means, the Ward
 * hybrid), and compares every original cluster C with every resampled cluster D by the Jaccard similarity
 * |C ∩ D| / |C ∪ D| over the resample's positions — C being the positions whose row belonged to C originally —
 * keeping the best match. A cluster's stability is the mean of its best matches over the resamples that contain at
 * least one of its rows (fpc leaves the others out as well). 1 = the cluster comes back exactly every time; Hennig
 * reads under 0.6 as not to be trusted, over 0.85 as highly stable.
 *
 * Re-clusters the matrix the run clustered (already filled, log-transformed and scaled), as clusterboot does with
 * the data it is given. Deterministic for a seed: the resamples come from one generator seeded with `seed`, and the
 * k-means of resample b is seeded from it too. Cost: `resamples` clusterings of n rows.
 *
 * @throws InputError unless 1 ≤ resamples ≤ MAX_STABILITY_RESAMPLES and labels hold 0..k−1.
 * @example
 * clusterStability(X, n, d, labels, { method: 'KMEANS', k: 3, resamples: 20, restarts: 10, seed: 0 });
 * // { segments: [0.98, 0.97, 0.55], overall: 0.83 }
 */
export function clusterStability(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  options: StabilityOptions,
): Stability {
  const { k, resamples } = options;
  if (!(Number.isInteger(resamples) && resamples >= 1 && resamples <= MAX_STABILITY_RESAMPLES)) {
    throw new InputError(
      `stabilityResamples=${resamples} must be a whole number from 1 to ${MAX_STABILITY_RESAMPLES} (0 turns stability off)`,
      'stabilityResamples',
    );
  }
  for (let i = 0; i < n; i++) {
    if (!(labels[i] >= 0 && labels[i] < k))
      throw new InputError(`clusterStability: label ${labels[i]} at row ${i} is outside 0..${k - 1}`);
  }
  const rng = createRng(options.seed);
  const sums = new Float64Array(k);
  const counts = new Float64Array(k);
  const sample = new Int32Array(n);
  const resampled = new Float64Array(n * d);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) sample[i] = rng.int(n);
    for (let i = 0; i < n; i++) resampled.set(X.subarray(sample[i] * d, sample[i] * d + d), i * d);
    const seed = rng.int(0x7fffffff);
    const bootLabels = recluster(resampled, n, d, options, seed);
    const best = bestJaccard(
      Int32Array.from(sample, (row) => labels[row]),
      k,
      bootLabels,
    );
    for (let c = 0; c < k; c++) {
      if (Number.isNaN(best[c])) continue;
      sums[c] += best[c];
      counts[c]++;
    }
    options.onResample?.(b + 1, resamples);
  }
  const segments = Array.from(sums, (sum, c) => (counts[c] > 0 ? sum / counts[c] : null));
  const present = segments.filter((s): s is number => s !== null);
  return { segments, overall: present.length > 0 ? present.reduce((s, x) => s + x, 0) / present.length : null };
}

/** The run's own algorithm at this size (k-means, mini-batch k-means, Ward or the Ward hybrid; see algorithmFor). */
function recluster(X: Float64Array, n: number, d: number, options: StabilityOptions, seed: number): Int32Array {
  const algorithm = algorithmFor(options.method === 'WARD' ? 'WARD' : 'KMEANS', n, options);
  const tree =
    algorithm === 'WARD' || algorithm === 'WARD_HYBRID' ? buildWardTree(X, n, d, algorithm, seed) : undefined;
  return fitPartition(X, n, d, options.k, { algorithm, restarts: options.restarts, seed, tree }).labels;
}

/**
 * For each original cluster c (0..k−1), the highest Jaccard similarity between the positions labelled c in
 * `original` and those of any one cluster in `resampled`; NaN when no position is labelled c. Both label the same
 * positions (the resample's).
 *
 * @example
 * bestJaccard(Int32Array.of(0, 0, 1, 1), 2, Int32Array.of(5, 5, 5, 7)); // [2/3, 1/2]
 */
export function bestJaccard(original: Int32Array, k: number, resampled: Int32Array): Float64Array {
  let m = 0;
  for (let i = 0; i < resampled.length; i++) m = Math.max(m, resampled[i] + 1);
  const both = new Float64Array(k * m);
  const sizeC = new Float64Array(k);
  const sizeD = new Float64Array(m);
  for (let i = 0; i < original.length; i++) {
    both[original[i] * m + resampled[i]]++;
    sizeC[original[i]]++;
    sizeD[resampled[i]]++;
  }
  const best = new Float64Array(k).fill(NaN);
  for (let c = 0; c < k; c++) {
    if (sizeC[c] === 0) continue;
    let top = 0;
    for (let e = 0; e < m; e++) {
      const shared = both[c * m + e];
      if (shared > 0) top = Math.max(top, shared / (sizeC[c] + sizeD[e] - shared));
    }
    best[c] = top;
  }
  return best;
}

/** @throws InputError unless stabilityResamples is 0 (off) or a whole number up to MAX_STABILITY_RESAMPLES. */
export function checkStabilityResamples(resamples: number | undefined): void {
  if (resamples === undefined || resamples === 0) return;
  if (!(Number.isInteger(resamples) && resamples >= 1 && resamples <= MAX_STABILITY_RESAMPLES)) {
    throw new InputError(
      `stabilityResamples=${resamples} must be a whole number from 0 (off) to ${MAX_STABILITY_RESAMPLES}`,
      'stabilityResamples',
    );
  }
}

/**
 * The stability step of `runSegmentation`: with `resamples` > 0, sets each segment's `stability` (the outlier
 * segment of set-aside rows gets null: it was not clustered) and returns the overall mean, with a warning per
 * segment under UNSTABLE_BELOW. The segmented matrix and labels are those of the final pass.
 */
export function segmentStability(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  segments: { label: number; name: string; stability?: number | null }[],
  options: Omit<StabilityOptions, 'resamples'> & { resamples: number | undefined },
): { overall: number | null; warnings: string[] } {
  if (!options.resamples) return { overall: null, warnings: [] };
  const result = clusterStability(X, n, d, labels, { ...options, resamples: options.resamples });
  const warnings: string[] = [];
  for (const segment of segments) {
    segment.stability = segment.label >= 0 ? result.segments[segment.label] : null;
    if (segment.stability !== null && segment.stability < UNSTABLE_BELOW) {
      warnings.push(
        `segment ${segment.label} "${segment.name}" has stability ${segment.stability.toFixed(2)} (under ${UNSTABLE_BELOW}): ` +
          `over ${options.resamples} bootstrap resamples it rarely comes back as one segment, so treat it as an accident of this sample`,
      );
    }
  }
  return { overall: result.overall, warnings };
}

/**
 * Progress over a segmentation with stability. The clustering reports (done, total) in its own units; a resample is
 * one more clustering at a fixed k, so it counts as the clustering's total divided by `fits` (the partitions the
 * clustering makes: each k tried, twice when outliers are set aside). The resamples' share is added to the total
 * from the first call on, so a progress bar neither stops at 100% while resampling nor runs backwards.
 */
export function stabilityProgress(
  onProgress: ((done: number, total: number) => void) | undefined,
  resamples: number | undefined,
  fits: number,
): { clustering: (done: number, total: number) => void; resample: (done: number) => void } {
  const count = resamples ?? 0;
  let clusteringTotal = 0;
  const perResample = () => clusteringTotal / Math.max(1, fits);
  return {
    clustering: (done, total) => {
      clusteringTotal = total;
      onProgress?.(done, total + count * perResample());
    },
    resample: (done) => onProgress?.(clusteringTotal + done * perResample(), clusteringTotal + count * perResample()),
  };
}
