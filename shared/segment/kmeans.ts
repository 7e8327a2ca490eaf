import { InputError } from '../errors';
import { createRng } from '../random';
import { checkMatrix } from './check-matrix';
import { seedPadded } from './kmeans-plus-plus';
import { paddedWidth, padRows, squaredDistances, unpadRows } from './squared-distances';

export interface KMeansOptions {
  /** Number of clusters, 1..n. */
  k: number;
  /** Independent k-means++ runs; the one with the lowest inertia is kept (scikit-learn's n_init). Default 10. */
  restarts?: number;
  /** Seed of every random choice (createRng). Default 0. */
  seed?: number;
  /** Lloyd iterations per run. Default 300. */
  maxIterations?: number;
  /**
   * Relative tolerance, as scikit-learn's tol: a run stops once the squared centroid shifts sum to at most
   * tolerance × the mean of the feature variances. Default 1e-4; 0 runs to a fixed point (labels unchanged).
   */
  tolerance?: number;
  /** Starting centroids, k×d: no seeding and a single run (to compare with other implementations). */
  initialCentroids?: Float64Array;
  /** Called after each run with the number of runs done (for progress reports). */
  onRestart?: (done: number) => void;
}

export interface KMeansResult {
  /** The cluster (0..k-1) of each row. */
  labels: Int32Array;
  /** k×d row-major. */
  centroids: Float64Array;
  /** Sum of squared distances of rows to their centroid (within-cluster sum of squares). */
  inertia: number;
  /** Lloyd iterations of the kept run. */
  iterations: number;
  /** Whether the kept run met the tolerance before maxIterations. */
  converged: boolean;
  warnings: string[];
}

/**
 * k-means by Lloyd's algorithm with k-means++ restarts, as scikit-learn's `KMeans(algorithm='lloyd')`: each
 * iteration assigns rows to the nearest centroid and moves each centroid to its rows' mean; a run stops when no
 * label changes or the centroids' total squared shift is within the tolerance, then relabels against the final
 * centroids. A cluster left empty is re-seeded with the rows farthest from their centroids (scikit-learn's
 * `_relocate_empty_clusters`). Assignment skips rows whose nearest centroid provably did not change, using
 * Hamerly's bounds (one upper and one lower bound per row), so it returns what the plain loop returns in far
 * fewer distance computations; the cluster sums are updated only for rows that change cluster, so a row that stays
 * is not read at all (its coordinates are the bulk of the memory traffic). Sums kept this way differ from sums
 * recomputed in row order in the last bits only (relative 1e-15 on the centroids).
 *
 * Cost per iteration O(n·d + k²·d + r·k·d), r being the rows whose bounds fail; memory O(n + k·d), plus a copy of
 * X padded to a multiple of 4 columns when d is not one (see squared-distances).
 *
 * @throws {InputError} when k, restarts, maxIterations or tolerance are out of range, k exceeds n, or X is not a
 * finite n×d matrix.
 * @example
 * kMeans(Float64Array.of(0, 1, 10, 11), 4, 1, { k: 2 });
 * // { labels: [1, 1, 0, 0], centroids: [10.5, 0.5], inertia: 1 (4 × 0.5²), iterations: 2, converged: true, … }
 */
export function kMeans(X: Float64Array, n: number, d: number, options: KMeansOptions): KMeansResult {
  checkMatrix('kMeans', X, n, d);
  const { k, restarts = 10, seed = 0, maxIterations = 300, tolerance = 1e-4, initialCentroids } = options;
  if (!Number.isInteger(k) || k < 1) throw new InputError(`kMeans: k=${k} must be a positive integer`, 'k');
  if (k > n) throw new InputError(`kMeans: k=${k} exceeds the ${n} usable rows`, 'k');
  if (!Number.isInteger(restarts) || restarts < 1) {
    throw new InputError(`kMeans: restarts=${restarts} must be a positive integer`, 'restarts');
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new InputError(`kMeans: maxIterations=${maxIterations} must be a positive integer`, 'maxIterations');
  }
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new InputError(`kMeans: tolerance=${tolerance} must be a finite number >= 0`, 'tolerance');
  }
  if (!Number.isFinite(seed)) throw new InputError(`kMeans: seed=${seed} must be a finite number`, 'seed');
  if (initialCentroids !== undefined) checkMatrix('kMeans initialCentroids', initialCentroids, k, d);

  const width = paddedWidth(d);
  const rows = padRows(X, n, d, width);
  const mean = columnMeans(rows, n, width);
  const tol = tolerance === 0 ? 0 : (tolerance * sumOfVariances(rows, n, width, mean)) / d;
  const workspace = new Workspace(n, width, k);
  const run = (centers: Float64Array) => lloyd(rows, n, width, k, centers, maxIterations, tol, mean, workspace);

  let best: Run;
  if (initialCentroids !== undefined) {
    best = run(padRows(initialCentroids, k, d, width).slice());
    options.onRestart?.(1);
  } else {
    const rng = createRng(seed);
    best = run(seedPadded(rows, n, width, k, rng));
    options.onRestart?.(1);
    for (let r = 1; r < restarts; r++) {
      const next = run(seedPadded(rows, n, width, k, rng));
      if (next.inertia < best.inertia) best = next;
      options.onRestart?.(r + 1);
    }
  }

  const warnings: string[] = [];
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[best.labels[i]]++;
  const filled = sizes.reduce((count, size) => count + (size > 0 ? 1 : 0), 0);
  if (filled < k) {
    warnings.push(`kMeans: only ${filled} of the k=${k} clusters have rows, probably because X has duplicate rows`);
  }
  if (!best.converged) {
    warnings.push(`kMeans: stopped at maxIterations=${maxIterations} before the centroids settled (k=${k})`);
  }
  return { ...best, centroids: unpadRows(best.centroids, k, d, width), warnings };
}

interface Run {
  labels: Int32Array;
  /** Padded k×width while running; k×d once returned. */
  centroids: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

/** Rows per block in assignAll: for k up to ~16 the k blocks of distances stay in L1 cache. */
const BLOCK = 256;

/** Buffers reused across restarts; rows and centroids are padded to `width` columns (see squared-distances). */
class Workspace {
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  readonly next: Float64Array;
  readonly shift: Float64Array;
  /** Per cluster, the sum of its moves since the bounds were first set (see Moves). */
  readonly drift: Float64Array;
  readonly half: Float64Array;
  /** Copies of sums and counts that an empty-cluster relocation edits, so the running sums keep following labels. */
  readonly relocatedSums: Float64Array;
  readonly relocatedCounts: Float64Array;
  /** The squared distances to the nearest and second nearest centroid, from nearestTwo. */
  readonly nearest = new Float64Array(2);
  /** k rows of up to BLOCK distances each, for assignAll. */
  readonly block: Float64Array;
  constructor(n: number, width: number, k: number) {
    this.upper = new Float64Array(n);
    this.lower = new Float64Array(n);
    this.sums = new Float64Array(k * width);
    this.counts = new Float64Array(k);
    this.next = new Float64Array(k * width);
    this.shift = new Float64Array(k);
    this.drift = new Float64Array(k);
    this.half = new Float64Array(k);
    this.relocatedSums = new Float64Array(k * width);
    this.relocatedCounts = new Float64Array(k);
    this.block = new Float64Array(k * Math.min(n, BLOCK));
  }
}

/**
 * Centroid moves, folded lazily into the bounds: a row's stored upper bound is its distance minus its cluster's
 * accumulated move (Workspace.drift) when it was set, and its stored lower bound the distance plus the accumulated
 * largest move; the bounds of a row that keeps its centroid are never rewritten.
 */
interface Moves {
  /** Largest move of the last update. */
  largest: number;
  /** Sum of the largest moves since the bounds were first set. */
  drift: number;
}

/** One Lloyd run from the given centroids (overwritten), iterating as scikit-learn's `_kmeans_single_lloyd`. */
function lloyd(
  rows: Float64Array,
  n: number,
  width: number,
  k: number,
  centers: Float64Array,
  maxIterations: number,
  tol: number,
  mean: Float64Array,
  w: Workspace,
): Run {
  const labels = new Int32Array(n);
  const moves: Moves = { largest: 0, drift: 0 };
  assignAll(rows, n, width, k, centers, labels, w);
  w.drift.fill(0);
  let iterations = 0;
  let converged = false;
  let labelsSettled = false;
  for (let it = 0; it < maxIterations; it++) {
    const changed = it === 0 ? n : assignBounded(rows, n, width, k, centers, labels, w, moves);
    iterations = it + 1;
    updateCenters(rows, n, width, k, labels, centers, mean, w);
    const shiftTotal = recordMoves(centers, w.next, width, k, w.shift, moves);
    centers.set(w.next);
    if (it > 0 && changed === 0) {
      labelsSettled = true;
      converged = true;
      break;
    }
    if (shiftTotal <= tol) {
      converged = true;
      break;
    }
  }
  if (!labelsSettled) assignBounded(rows, n, width, k, centers, labels, w, moves);

  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(rows, i * width, centers, labels[i] * width, width);
  return { labels, centroids: centers, inertia, iterations, converged };
}

/**
 * Full assignment of every row, seeding the bounds and the cluster sums. Rows go in blocks, each centroid against
 * the whole block, so the distance kernel runs long loops instead of k-long ones per row.
 */
function assignAll(
  rows: Float64Array,
  n: number,
  width: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
  w: Workspace,
): void {
  const block = w.block;
  const size = block.length / k;
  for (let from = 0; from < n; from += size) {
    const to = Math.min(n, from + size);
    for (let c = 0; c < k; c++) {
      squaredDistances(centers, c * width, rows, width, from, to, block, c * size);
    }
    for (let i = from; i < to; i++) {
      let best = 0;
      let bestDistance = Infinity;
      let secondDistance = Infinity;
      for (let c = 0, p = i - from; c < k; c++, p += size) {
        const s = block[p];
        if (s < bestDistance) {
          secondDistance = bestDistance;
          bestDistance = s;
          best = c;
        } else if (s < secondDistance) {
          secondDistance = s;
        }
      }
      labels[i] = best;
      w.upper[i] = Math.sqrt(bestDistance);
      w.lower[i] = Math.sqrt(secondDistance);
    }
  }
  accumulate(rows, n, width, labels, w);
}

/** Per-cluster sums and counts of the rows, in row order. */
function accumulate(rows: Float64Array, n: number, width: number, labels: Int32Array, w: Workspace): void {
  const { sums, counts } = w;
  sums.fill(0);
  counts.fill(0);
  for (let i = 0, p = 0; i < n; i++, p += width) {
    const q = labels[i] * width;
    counts[labels[i]]++;
    for (let j = 0; j < width; j += 4) {
      sums[q + j] += rows[p + j];
      sums[q + j + 1] += rows[p + j + 1];
      sums[q + j + 2] += rows[p + j + 2];
      sums[q + j + 3] += rows[p + j + 3];
    }
  }
}

/**
 * Hamerly's assignment step: a row keeps its centroid when its upper bound (distance to its centroid) is below
 * both its lower bound (distance to the second nearest) and half the distance from its centroid to the nearest
 * other one; otherwise the upper bound is tightened and, failing that, all centroids are scanned (first of equals,
 * as argmin). The cluster sums follow the labels: a row that changes cluster moves its coordinates from the old
 * sum to the new one (Hamerly 2010), so rows that stay are never read. Returns how many labels changed.
 */
function assignBounded(
  rows: Float64Array,
  n: number,
  width: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
  w: Workspace,
  moves: Moves,
): number {
  const { upper, lower, shift, drift, half, sums, counts } = w;
  for (let c = 0; c < k; c++) drift[c] += shift[c];
  moves.drift += moves.largest;
  const lowerDrift = moves.drift;
  halfGaps(centers, width, k, half);
  const nearest = w.nearest;
  let changed = 0;
  for (let i = 0, p = 0; i < n; i++, p += width) {
    const a = labels[i];
    const l = lower[i] - lowerDrift;
    const bound = half[a] > l ? half[a] : l;
    if (upper[i] + drift[a] <= bound) continue;
    const tight = Math.sqrt(squaredDistance(rows, p, centers, a * width, width));
    upper[i] = tight - drift[a];
    if (tight <= bound) continue;
    const best = nearestTwo(rows, p, centers, k, width, nearest);
    upper[i] = Math.sqrt(nearest[0]) - drift[best];
    lower[i] = Math.sqrt(nearest[1]) + lowerDrift;
    if (best === a) continue;
    labels[i] = best;
    changed++;
    counts[a]--;
    counts[best]++;
    const from = a * width;
    const to = best * width;
    for (let j = 0; j < width; j++) {
      const x = rows[p + j];
      sums[from + j] -= x;
      sums[to + j] += x;
    }
  }
  return changed;
}

/**
 * The nearest centroid to row p (the first of equals, as argmin); its squared distance goes to out[0] and the
 * second smallest to out[1]. Width 8, the common case, holds the row in locals and sums each distance in
 * squaredDistance's order (the same bits).
 */
function nearestTwo(
  rows: Float64Array,
  p: number,
  centers: Float64Array,
  k: number,
  width: number,
  out: Float64Array,
): number {
  let best = 0;
  let bestDistance = Infinity;
  let secondDistance = Infinity;
  if (width === 8) {
    const x0 = rows[p],
      x1 = rows[p + 1],
      x2 = rows[p + 2],
      x3 = rows[p + 3];
    const x4 = rows[p + 4],
      x5 = rows[p + 5],
      x6 = rows[p + 6],
      x7 = rows[p + 7];
    for (let c = 0, q = 0; c < k; c++, q += 8) {
      const t0 = x0 - centers[q],
        t1 = x1 - centers[q + 1],
        t2 = x2 - centers[q + 2],
        t3 = x3 - centers[q + 3];
      const t4 = x4 - centers[q + 4],
        t5 = x5 - centers[q + 5],
        t6 = x6 - centers[q + 6],
        t7 = x7 - centers[q + 7];
      const s = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + (t4 * t4 + t5 * t5 + t6 * t6 + t7 * t7);
      if (s < bestDistance) {
        secondDistance = bestDistance;
        bestDistance = s;
        best = c;
      } else if (s < secondDistance) {
        secondDistance = s;
      }
    }
  } else {
    for (let c = 0, q = 0; c < k; c++, q += width) {
      const s = squaredDistance(rows, p, centers, q, width);
      if (s < bestDistance) {
        secondDistance = bestDistance;
        bestDistance = s;
        best = c;
      } else if (s < secondDistance) {
        secondDistance = s;
      }
    }
  }
  out[0] = bestDistance;
  out[1] = secondDistance;
  return best;
}

/** half[c] = half the distance from centroid c to its nearest other centroid (Infinity when k = 1). */
function halfGaps(centers: Float64Array, width: number, k: number, half: Float64Array): void {
  half.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const gap = 0.5 * Math.sqrt(squaredDistance(centers, a * width, centers, b * width, width));
      if (gap < half[a]) half[a] = gap;
      if (gap < half[b]) half[b] = gap;
    }
  }
}

/**
 * Means of each cluster's rows (from the sums the assignment left in w) into w.next. Empty clusters are handled as
 * scikit-learn's dense Lloyd step: each takes one of the rows farthest from their current centroid (the row moves
 * out of its cluster's sum, its label stays until the next assignment); when every row sits on its centroid there
 * is nothing to gain and an empty cluster's centroid goes to the mean of X, where scikit-learn's centred data puts it.
 */
function updateCenters(
  rows: Float64Array,
  n: number,
  width: number,
  k: number,
  labels: Int32Array,
  centers: Float64Array,
  mean: Float64Array,
  w: Workspace,
): void {
  let { sums, counts } = w;
  if (counts.includes(0)) {
    w.relocatedSums.set(sums);
    w.relocatedCounts.set(counts);
    sums = w.relocatedSums;
    counts = w.relocatedCounts;
    relocateEmptyClusters(rows, n, width, k, labels, centers, sums, counts);
  }
  const next = w.next;
  for (let c = 0, q = 0; c < k; c++, q += width) {
    const count = counts[c];
    for (let j = 0; j < width; j++) next[q + j] = count > 0 ? sums[q + j] / count : mean[j];
  }
}

function relocateEmptyClusters(
  rows: Float64Array,
  n: number,
  width: number,
  k: number,
  labels: Int32Array,
  centers: Float64Array,
  sums: Float64Array,
  counts: Float64Array,
): void {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);

  const distances = new Float64Array(n);
  let farthest = 0;
  for (let i = 0; i < n; i++) {
    distances[i] = squaredDistance(rows, i * width, centers, labels[i] * width, width);
    if (distances[i] > farthest) farthest = distances[i];
  }
  if (farthest === 0) return;

  const far = largestIndices(distances, empty.length);
  for (let e = 0; e < empty.length; e++) {
    const row = far[e];
    const from = labels[row] * width;
    const to = empty[e] * width;
    for (let j = 0; j < width; j++) {
      sums[from + j] -= rows[row * width + j];
      sums[to + j] = rows[row * width + j];
    }
    counts[empty[e]] = 1;
    counts[labels[row]]--;
  }
}

/** Indices of the m largest values, largest first (lower index first among equals). */
function largestIndices(values: Float64Array, m: number): Int32Array {
  const top = new Int32Array(m).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (top[m - 1] !== -1 && values[top[m - 1]] >= v) continue;
    let p = m - 1;
    while (p > 0 && (top[p - 1] === -1 || values[top[p - 1]] < v)) {
      top[p] = top[p - 1];
      p--;
    }
    top[p] = i;
  }
  return top;
}

/** Distances each centroid moved, and the largest; returns their sum of squares (scikit-learn's center_shift_tot). */
function recordMoves(
  before: Float64Array,
  after: Float64Array,
  width: number,
  k: number,
  shift: Float64Array,
  moves: Moves,
): number {
  let total = 0;
  moves.largest = 0;
  for (let c = 0; c < k; c++) {
    const squared = squaredDistance(before, c * width, after, c * width, width);
    total += squared;
    shift[c] = Math.sqrt(squared);
    if (shift[c] > moves.largest) moves.largest = shift[c];
  }
  return total;
}

/** One squared distance between padded rows (width a multiple of 4). */
function squaredDistance(A: Float64Array, a: number, B: Float64Array, b: number, width: number): number {
  let s = 0;
  for (let j = 0; j < width; j += 4) {
    const t0 = A[a + j] - B[b + j];
    const t1 = A[a + j + 1] - B[b + j + 1];
    const t2 = A[a + j + 2] - B[b + j + 2];
    const t3 = A[a + j + 3] - B[b + j + 3];
    s += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
  }
  return s;
}

function columnMeans(rows: Float64Array, n: number, width: number): Float64Array {
  const mean = new Float64Array(width);
  for (let p = 0; p < n * width; p += width) for (let j = 0; j < width; j++) mean[j] += rows[p + j];
  for (let j = 0; j < width; j++) mean[j] /= n;
  return mean;
}

/** Sum over features of the population variance (numpy's var, ddof=0), in two passes; padding adds 0. */
function sumOfVariances(rows: Float64Array, n: number, width: number, mean: Float64Array): number {
  let total = 0;
  for (let p = 0; p < n * width; p += width) {
    for (let j = 0; j < width; j++) {
      const t = rows[p + j] - mean[j];
      total += t * t;
    }
  }
  return total / n;
}
