import { InputError } from '../errors';
import { createRng } from '../random';
import { checkMatrix } from './check-matrix';
import { seedPadded } from './kmeans-plus-plus';
import { sampleRows } from './sampled-silhouette';
import { paddedWidth, padRows, squaredDistances, unpadRows } from './squared-distances';

/** Rows from which `runSegmentation` fits k-means by mini-batches instead of Lloyd's full passes. */
export const MINI_BATCH_THRESHOLD = 1_000_000;
/** Rows per mini-batch: scikit-learn's default batch_size. */
export const MINI_BATCH_SIZE = 1024;

export interface MiniBatchKMeansOptions {
  k: number;
  /** Independent k-means++ seedings; the one with the lowest inertia on a validation sample is kept. Default 3. */
  restarts?: number;
  /** Seed of every random choice (createRng). Default 0. */
  seed?: number;
  /** Rows per batch, drawn with replacement. Default MINI_BATCH_SIZE. */
  batchSize?: number;
  /** Passes over the data at most (scikit-learn's max_iter): steps ≤ maxEpochs · n / batchSize. Default 100. */
  maxEpochs?: number;
  /** Stop after this many steps without a lower smoothed batch inertia (scikit-learn's max_no_improvement). 10. */
  maxNoImprovement?: number;
}

export interface MiniBatchKMeansResult {
  /** The nearest final centroid of every row (first of equals). */
  labels: Int32Array;
  /** k×d row-major. */
  centroids: Float64Array;
  /** Sum of squared distances of all rows to their nearest final centroid. */
  inertia: number;
  /** Mini-batch steps taken. */
  steps: number;
  batchSize: number;
  /** Whether the smoothed inertia stopped improving before the step limit. */
  converged: boolean;
  warnings: string[];
}

/**
 * Mini-batch k-means (Sculley 2010), as scikit-learn's `MiniBatchKMeans(n_clusters=k, batch_size=1024,
 * max_no_improvement=10, tol=0, reassignment_ratio=0)`:
 * 1. Seeding: init_size = max(3·batchSize, 3·k) rows are drawn without replacement, k-means++ (kMeansPlusPlus) is
 *    run on them `restarts` times, and the centroids with the lowest inertia on a second sample of init_size rows
 *    (the validation set) are kept.
 * 2. Each step draws batchSize rows with replacement, assigns them to the nearest centroid and moves each centroid
 *    to the running mean of every row ever assigned to it: c ← (c·count + Σ batch rows) / (count + batch rows).
 * 3. The batch inertia per row (measured before the move) is smoothed with weight 2·batchSize / (n + 1); the run
 *    stops when that smoothed inertia has not reached a new low for maxNoImprovement steps, or after
 *    maxEpochs · n / batchSize steps.
 * 4. Every row is then labelled by its nearest final centroid and the inertia computed over all rows.
 * scikit-learn's random reassignment of rarely chosen centroids is left out (reassignment_ratio=0): it is itself
 * random and seldom matters at the sizes this is used for. Every draw comes from createRng(seed).
 *
 * Cost O(restarts·k·init_size·d + steps·batchSize·k·d + n·k·d) time; memory O(n) for the labels (plus a padded
 * copy of X when d is not a multiple of 4).
 *
 * @throws {InputError} when k, restarts, batchSize, maxEpochs or maxNoImprovement are out of range, k exceeds n, or
 * X is not a finite n×d matrix.
 * @example
 * miniBatchKMeans(X, 1_000_000, 8, { k: 8 }); // { labels, centroids, inertia, steps: ~700, batchSize: 1024, … }
 */
export function miniBatchKMeans(
  X: Float64Array,
  n: number,
  d: number,
  options: MiniBatchKMeansOptions,
): MiniBatchKMeansResult {
  checkMatrix('miniBatchKMeans', X, n, d);
  const { k, restarts = 3, seed = 0, batchSize = MINI_BATCH_SIZE, maxEpochs = 100, maxNoImprovement = 10 } = options;
  const whole = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) {
      throw new InputError(`miniBatchKMeans: ${name}=${value} must be a positive integer`, name);
    }
  };
  whole('k', k);
  whole('restarts', restarts);
  whole('batchSize', batchSize);
  whole('maxEpochs', maxEpochs);
  whole('maxNoImprovement', maxNoImprovement);
  if (k > n) throw new InputError(`miniBatchKMeans: k=${k} exceeds the ${n} usable rows`, 'k');
  if (!Number.isFinite(seed)) throw new InputError(`miniBatchKMeans: seed=${seed} must be a finite number`, 'seed');

  const width = paddedWidth(d);
  const rows = padRows(X, n, d, width);
  const rng = createRng(seed);
  const initSize = Math.min(n, Math.max(3 * batchSize, 3 * k));
  const validation = gather(rows, width, sampleRows(n, initSize, rng));

  let centers: Float64Array = new Float64Array(0);
  let bestInertia = Infinity;
  for (let r = 0; r < restarts; r++) {
    const initRows = gather(rows, width, sampleRows(n, initSize, rng));
    const candidate = seedPadded(initRows, initSize, width, k, rng);
    const inertia = nearest(validation, initSize, width, candidate, k, null);
    if (inertia < bestInertia) {
      bestInertia = inertia;
      centers = candidate;
    }
  }

  const counts = new Float64Array(k);
  const batchSums = new Float64Array(k * width);
  const batchCounts = new Float64Array(k);
  const distances = new Float64Array(k);
  const alpha = Math.min(1, (2 * batchSize) / (n + 1));
  const maxSteps = Math.ceil((maxEpochs * n) / batchSize);
  let smoothed = NaN;
  let lowest = Infinity;
  let sinceLowest = 0;
  let steps = 0;
  let converged = false;
  while (steps < maxSteps) {
    batchSums.fill(0);
    batchCounts.fill(0);
    let batchInertia = 0;
    for (let b = 0; b < batchSize; b++) {
      const p = rng.int(n) * width;
      squaredDistances(rows, p, centers, width, 0, k, distances);
      let best = 0;
      for (let c = 1; c < k; c++) if (distances[c] < distances[best]) best = c;
      batchInertia += distances[best];
      batchCounts[best]++;
      for (let j = 0, q = best * width; j < width; j++) batchSums[q + j] += rows[p + j];
    }
    for (let c = 0; c < k; c++) {
      if (batchCounts[c] === 0) continue;
      const total = counts[c] + batchCounts[c];
      for (let j = 0, q = c * width; j < width; j++) {
        centers[q + j] = (centers[q + j] * counts[c] + batchSums[q + j]) / total;
      }
      counts[c] = total;
    }
    steps++;
    // As scikit-learn: the first batch only measures the seeding, so smoothing starts at the second.
    if (steps === 1) continue;
    const perRow = batchInertia / batchSize;
    smoothed = Number.isNaN(smoothed) ? perRow : smoothed * (1 - alpha) + perRow * alpha;
    if (smoothed < lowest) {
      lowest = smoothed;
      sinceLowest = 0;
    } else if (++sinceLowest >= maxNoImprovement) {
      converged = true;
      break;
    }
  }

  const labels = new Int32Array(n);
  const inertia = nearest(rows, n, width, centers, k, labels);
  const warnings: string[] = [];
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const filled = sizes.reduce((count, size) => count + (size > 0 ? 1 : 0), 0);
  if (filled < k) warnings.push(`miniBatchKMeans: only ${filled} of the k=${k} clusters have rows`);
  return {
    labels,
    centroids: unpadRows(centers, k, d, width),
    inertia,
    steps,
    batchSize,
    converged,
    warnings,
  };
}

/**
 * Σ over rows of the squared distance to the nearest of k padded centroids (first of equals), writing each row's
 * nearest centroid into labels when given. Blocked as kMeans's full assignment: each centroid against a block of rows.
 *
 * @example
 * nearest(Float64Array.of(0, 0, 0, 0, 10, 0, 0, 0), 2, 4, Float64Array.of(1, 0, 0, 0), 1, null); // 1 + 81 = 82
 */
export function nearest(
  rows: Float64Array,
  n: number,
  width: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array | null,
): number {
  const size = Math.min(n, 256);
  const block = new Float64Array(k * size);
  let inertia = 0;
  for (let from = 0; from < n; from += size) {
    const to = Math.min(n, from + size);
    for (let c = 0; c < k; c++) squaredDistances(centers, c * width, rows, width, from, to, block, c * size);
    for (let i = from; i < to; i++) {
      let best = 0;
      let bestDistance = block[i - from];
      for (let c = 1, p = i - from + size; c < k; c++, p += size) {
        if (block[p] < bestDistance) {
          bestDistance = block[p];
          best = c;
        }
      }
      if (labels) labels[i] = best;
      inertia += bestDistance;
    }
  }
  return inertia;
}

/** The given rows of a padded matrix, as a new padded matrix. */
function gather(rows: Float64Array, width: number, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length * width);
  for (let s = 0; s < indices.length; s++) {
    out.set(rows.subarray(indices[s] * width, indices[s] * width + width), s * width);
  }
  return out;
}
