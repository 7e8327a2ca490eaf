import { InputError } from '../errors';
import { createRng } from '../random';
import { checkMatrix } from './check-matrix';
import { seedPadded } from './kmeans-plus-plus';
import type { Helper } from '../parallel/helper';
import { HELP_MIN_ROWS, splitPoint } from '../parallel/helper';
import { assignRowsBounded, assignRowsFully } from './kmeans-assign';
import { paddedWidth, padRows, squaredDistance, unpadRows } from './squared-distances';

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
  /**
   * A second thread to take half of each seeding and assignment step from HELP_MIN_ROWS rows (see Helper); the
   * result is the same with or without it.
   */
  helper?: Helper;
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
 * recomputed in row order in the last bits only (relative 1e-15 on the centroids). Given a helper thread
 * (`options.helper`) and at least HELP_MIN_ROWS rows, every seeding and assignment step splits the rows in two
 * blocks and the helper takes the second; each row's outcome depends on that row alone and the sums are still
 * taken in row order, so the result is bit for bit the one-thread result.
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
  const shares = sharesFor(options.helper, n);
  const rows = shares.helper ? copyRows(X, n, d, width, shares) : padRows(X, n, d, width);
  const mean = columnMeans(rows, n, width);
  const tol = tolerance === 0 ? 0 : (tolerance * sumOfVariances(rows, n, width, mean)) / d;
  const workspace = new Workspace(n, width, k, shares);
  const run = (centers: Float64Array) => lloyd(rows, n, width, k, centers, maxIterations, tol, mean, workspace);

  let best: Run;
  if (initialCentroids !== undefined) {
    best = run(padRows(initialCentroids, k, d, width).slice());
    options.onRestart?.(1);
  } else {
    const rng = createRng(seed);
    const seedRun = () => seedPadded(rows, n, width, k, rng, undefined, shares.helper ?? undefined);
    best = run(seedRun());
    options.onRestart?.(1);
    for (let r = 1; r < restarts; r++) {
      const next = run(seedRun());
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
  constructor(
    n: number,
    width: number,
    k: number,
    /** Where the per-row arrays go: shared memory when a helper takes a block of rows. */
    readonly shares: Shares,
  ) {
    this.upper = shares.float64(n);
    this.lower = shares.float64(n);
    this.sums = new Float64Array(k * width);
    this.counts = new Float64Array(k);
    this.next = new Float64Array(k * width);
    this.shift = new Float64Array(k);
    this.drift = new Float64Array(k);
    this.half = new Float64Array(k);
    this.relocatedSums = new Float64Array(k * width);
    this.relocatedCounts = new Float64Array(k);
  }
}

/**
 * How the assignment steps run: over all rows in this thread, or in two blocks split at `split`, the second offered
 * to a helper thread, whose arrays (rows, labels, bounds) are then in memory both threads share.
 */
interface Shares {
  helper: Helper | null;
  /** First row of the helper's block; 0 when there is no helper. */
  split: number;
  float64(length: number): Float64Array;
  int32(length: number): Int32Array;
}

function sharesFor(helper: Helper | undefined, n: number): Shares {
  if (!helper || n < HELP_MIN_ROWS) {
    return { helper: null, split: 0, float64: (m) => new Float64Array(m), int32: (m) => new Int32Array(m) };
  }
  return {
    helper,
    split: splitPoint(n, 'EVEN'),
    float64: (m) => helper.float64(m),
    int32: (m) => helper.int32(m),
  };
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
  const labels = w.shares.int32(n);
  const moves: Moves = { largest: 0, drift: 0 };
  assignAll(rows, n, width, k, centers, labels, w);
  accumulate(rows, n, width, labels, w);
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

/** First assignment of every row, seeding the bounds: in two blocks when a helper takes one (see Shares). */
function assignAll(
  rows: Float64Array,
  n: number,
  width: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
  w: Workspace,
): void {
  const block = { rows, width, k, centers, labels, upper: w.upper, lower: w.lower };
  const { helper, split } = w.shares;
  if (helper === null) {
    assignRowsFully({ ...block, from: 0, to: n });
    return;
  }
  const join = helper.offer('kmeansFull', { ...block, from: split, to: n });
  assignRowsFully({ ...block, from: 0, to: split });
  join();
}

/**
 * Hamerly's assignment step (assignRowsBounded) over every row, in two blocks when a helper takes one; then the
 * cluster sums follow the labels: a row that changed cluster moves its coordinates from the old sum to the new one
 * (Hamerly 2010), in row order, so rows that stay are never read and the sums come out the same however the rows
 * were split. Returns how many labels changed.
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
  const { shift, drift, half } = w;
  for (let c = 0; c < k; c++) drift[c] += shift[c];
  moves.drift += moves.largest;
  halfGaps(centers, width, k, half);
  const block = {
    rows,
    width,
    k,
    centers,
    labels,
    upper: w.upper,
    lower: w.lower,
    drift,
    lowerDrift: moves.drift,
    half,
  };
  const { helper, split } = w.shares;
  if (helper === null) return applyMoves(rows, width, labels, assignRowsBounded({ ...block, from: 0, to: n }), w);
  const join = helper.offer('kmeansBounded', { ...block, from: split, to: n });
  const first = assignRowsBounded({ ...block, from: 0, to: split });
  const second = join();
  return applyMoves(rows, width, labels, first, w) + applyMoves(rows, width, labels, second, w);
}

/** Moves each listed row's coordinates from its previous cluster's sum to its new one; returns the rows moved. */
function applyMoves(rows: Float64Array, width: number, labels: Int32Array, moved: Int32Array, w: Workspace): number {
  const { sums, counts } = w;
  for (let m = 0; m < moved.length; m += 2) {
    const i = moved[m];
    const a = moved[m + 1];
    const b = labels[i];
    counts[a]--;
    counts[b]++;
    const p = i * width;
    const from = a * width;
    const to = b * width;
    for (let j = 0; j < width; j++) {
      const x = rows[p + j];
      sums[from + j] -= x;
      sums[to + j] += x;
    }
  }
  return moved.length / 2;
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

/** The rows padded to `width` columns, in shared memory (a helper thread reads them). */
function copyRows(X: Float64Array, n: number, d: number, width: number, shares: Shares): Float64Array {
  const rows = shares.float64(n * width);
  if (width === d) rows.set(X);
  else for (let i = 0, p = 0, q = 0; i < n; i++, q += width) for (let j = 0; j < d; j++) rows[q + j] = X[p++];
  return rows;
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
