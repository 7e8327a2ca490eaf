import { InputError } from '../errors';
import { fsum } from '../math/sum';
import type { Helper } from '../parallel/helper';
import { splitPoint } from '../parallel/helper';
import { checkMatrix } from './check-matrix';
import { paddedWidth, squaredDistances } from './squared-distances';

/** Default cap on the per-cluster distance sums kept for every row (scikit-learn's working_memory, in bytes). */
const WORKING_MEMORY = 64 * 1024 * 1024;

/**
 * Silhouette coefficient of each row, as `sklearn.metrics.silhouette_samples(X, labels)` with the Euclidean metric:
 * s(i) = (b(i) − a(i)) / max(a(i), b(i)), where a(i) is the mean distance from row i to the other rows of its
 * cluster and b(i) the smallest mean distance from row i to the rows of another cluster. Rows of singleton clusters
 * score 0, as in scikit-learn. Labels may be any integers (they need not be consecutive).
 *
 * Exact: every pairwise distance is computed from coordinate differences (scikit-learn's Gram-matrix distances
 * agree to about 1e-15, or 1e-9 between duplicate rows). No n×n matrix is built: rows are grouped by cluster and
 * each distance is computed once and added straight into both rows' per-cluster sums (n·K numbers). When those
 * sums would exceed `workingMemory` bytes, rows are streamed one at a time instead (O(n·d) memory, twice the time).
 * From SILHOUETTE_SPLIT_ROWS rows the pairs are summed in two blocks of rows, the second taken by `helper` (a
 * second thread, see Helper) when one is given; the per-block sums are added, so a score may differ in its last bit
 * from a single pass, never with the helper's presence.
 *
 * Cost O(n²·d) time, O(n·(d + K)) memory.
 *
 * @throws {InputError} when labels.length ≠ n, the number of distinct labels is not in 2..n−1, or X is not a finite
 * n×d matrix.
 * @example
 * // Rows 0, 1 | 4, 6 on a line: a(0) = 1, b(0) = (4 + 6) / 2 = 5, so s(0) = (5 − 1) / 5 = 0.8.
 * // Row 2 (at 4): a = 2, b = (4 + 3) / 2 = 3.5, so s(2) = 1.5 / 3.5 = 3/7.
 * silhouetteSamples(Float64Array.of(0, 1, 4, 6), 4, 1, Int32Array.of(0, 0, 1, 1)); // [0.8, 0.75, 3/7, 7/11]
 */
export function silhouetteSamples(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  workingMemory = WORKING_MEMORY,
  helper?: Helper,
): Float64Array {
  checkMatrix('silhouetteSamples', X, n, d);
  if (labels.length !== n) {
    throw new InputError(`silhouetteSamples: labels has ${labels.length} entries but X has ${n} rows`, 'labels');
  }
  const { clusterOf, clusters } = denseLabels(labels);
  if (clusters < 2 || clusters > n - 1) {
    throw new InputError(
      `silhouetteSamples: ${clusters} distinct labels; the silhouette needs 2 to n−1 = ${n - 1} clusters`,
      'labels',
    );
  }
  const grouped = groupByCluster(X, n, d, clusterOf, clusters);
  const scores =
    clusters * n * 8 <= workingMemory ? pairwiseOnce(grouped, n, clusters, helper) : rowByRow(grouped, n, clusters);
  const samples = new Float64Array(n);
  for (let p = 0; p < n; p++) samples[grouped.order[p]] = scores[p];
  return samples;
}

/**
 * Mean silhouette coefficient over all rows, as `sklearn.metrics.silhouette_score(X, labels)` (no sampling).
 *
 * @throws {InputError} as silhouetteSamples.
 * @example
 * // (0.8 + 0.75 + 3/7 + 7/11) / 4 = 0.6537…
 * silhouetteScore(Float64Array.of(0, 1, 4, 6), 4, 1, Int32Array.of(0, 0, 1, 1));
 */
export function silhouetteScore(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  workingMemory = WORKING_MEMORY,
): number {
  return fsum(silhouetteSamples(X, n, d, labels, workingMemory)) / n;
}

/** Labels renumbered 0..K−1 in order of first appearance. */
function denseLabels(labels: Int32Array): { clusterOf: Int32Array; clusters: number } {
  const index = new Map<number, number>();
  const clusterOf = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let c = index.get(labels[i]);
    if (c === undefined) {
      c = index.size;
      index.set(labels[i], c);
    }
    clusterOf[i] = c;
  }
  return { clusterOf, clusters: index.size };
}

interface Grouped {
  /** Rows reordered so each cluster is contiguous, padded to `width` columns (see squared-distances). */
  rows: Float64Array;
  width: number;
  /** order[p] = original index of the row at position p. */
  order: Int32Array;
  /** Cluster c occupies positions start[c] .. start[c + 1] − 1. */
  start: Int32Array;
}

function groupByCluster(X: Float64Array, n: number, d: number, clusterOf: Int32Array, clusters: number): Grouped {
  const start = new Int32Array(clusters + 1);
  for (let i = 0; i < n; i++) start[clusterOf[i] + 1]++;
  for (let c = 0; c < clusters; c++) start[c + 1] += start[c];
  const fill = start.slice(0, clusters);
  const order = new Int32Array(n);
  const width = paddedWidth(d);
  const rows = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const p = fill[clusterOf[i]]++;
    order[p] = i;
    rows.set(X.subarray(i * d, i * d + d), p * width);
  }
  return { rows, width, order, start };
}

/**
 * Rows from which the pairs are summed in two blocks of rows (splitPoint's triangle: equal numbers of pairs), the
 * second of which a helper thread may take. Always from this many rows, helper or not, so the sums (taken per
 * block, then added) do not depend on whether a helper came.
 */
export const SILHOUETTE_SPLIT_ROWS = 2000;

/**
 * Each row's distance sums to every cluster, each unordered pair computed once (silhouettePairSums); from
 * SILHOUETTE_SPLIT_ROWS rows in two blocks, the second offered to the helper.
 */
function pairwiseOnce(grouped: Grouped, n: number, clusters: number, helper: Helper | undefined): Float64Array {
  const input = { rows: grouped.rows, width: grouped.width, n, start: grouped.start, clusters };
  const split = n >= SILHOUETTE_SPLIT_ROWS ? splitPoint(n, 'TRIANGLE') : n;
  const join = split < n && helper ? helper.offer('silhouettePairs', { ...input, from: split, to: n }) : null;
  const sums = silhouettePairSums({ ...input, from: 0, to: split });
  if (split < n) {
    const second = join ? join() : silhouettePairSums({ ...input, from: split, to: n });
    for (let i = 0; i < sums.length; i++) sums[i] += second[i];
  }
  const { start } = grouped;
  const scores = new Float64Array(n);
  const perCluster = new Float64Array(clusters);
  for (let a = 0; a < clusters; a++) {
    for (let p = start[a]; p < start[a + 1]; p++) {
      for (let c = 0; c < clusters; c++) perCluster[c] = sums[c * n + p];
      scores[p] = coefficient(perCluster, start, a);
    }
  }
  return scores;
}

/**
 * The pairs of the rows p in [from, to) (grouped by cluster, see Grouped) with every later row q: each distance adds
 * to p's sum for q's cluster and to q's sum for p's cluster. Returns the sums, clusters×n (sums[c·n + p]); pairs
 * with q in an earlier cluster were met when that cluster's rows were p.
 */
export function silhouettePairSums(input: {
  rows: Float64Array;
  width: number;
  n: number;
  start: Int32Array;
  clusters: number;
  from: number;
  to: number;
}): Float64Array {
  const { rows, width, n, start, clusters, from, to } = input;
  const sums = new Float64Array(clusters * n);
  const scratch = new Float64Array(n);
  for (let a = 0; a < clusters; a++) {
    const own = sums.subarray(a * n, a * n + n);
    for (let p = Math.max(start[a], from), end = Math.min(start[a + 1], to); p < end; p++) {
      for (let c = a; c < clusters; c++) {
        const first = c === a ? p + 1 : start[c];
        sums[c * n + p] += addDistances(rows, width, p, first, start[c + 1], own, scratch);
      }
    }
  }
  return sums;
}

/**
 * Σ ‖row p − row q‖ over q in [from, to), each distance also added to own[q]. The common widths 4 and 8 hold row p
 * in locals and compute each distance in one pass (the same sums in the same order as squaredDistances, so the
 * same bits); other widths go through squaredDistances into `scratch` (indexed like the rows).
 */
function addDistances(
  rows: Float64Array,
  width: number,
  p: number,
  from: number,
  to: number,
  own: Float64Array,
  scratch: Float64Array,
): number {
  let total = 0;
  const r = p * width;
  if (width === 8) {
    const x0 = rows[r],
      x1 = rows[r + 1],
      x2 = rows[r + 2],
      x3 = rows[r + 3];
    const x4 = rows[r + 4],
      x5 = rows[r + 5],
      x6 = rows[r + 6],
      x7 = rows[r + 7];
    for (let q = from, s = from * 8; q < to; q++, s += 8) {
      const t0 = x0 - rows[s],
        t1 = x1 - rows[s + 1],
        t2 = x2 - rows[s + 2],
        t3 = x3 - rows[s + 3];
      const t4 = x4 - rows[s + 4],
        t5 = x5 - rows[s + 5],
        t6 = x6 - rows[s + 6],
        t7 = x7 - rows[s + 7];
      const distance = Math.sqrt(t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + (t4 * t4 + t5 * t5 + t6 * t6 + t7 * t7));
      total += distance;
      own[q] += distance;
    }
    return total;
  }
  if (width === 4) {
    const x0 = rows[r],
      x1 = rows[r + 1],
      x2 = rows[r + 2],
      x3 = rows[r + 3];
    for (let q = from, s = from * 4; q < to; q++, s += 4) {
      const t0 = x0 - rows[s],
        t1 = x1 - rows[s + 1],
        t2 = x2 - rows[s + 2],
        t3 = x3 - rows[s + 3];
      const distance = Math.sqrt(t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3);
      total += distance;
      own[q] += distance;
    }
    return total;
  }
  squaredDistances(rows, r, rows, width, from, to, scratch);
  for (let q = from; q < to; q++) {
    const distance = Math.sqrt(scratch[q]);
    total += distance;
    own[q] += distance;
  }
  return total;
}

/** Every row against all rows, one row's per-cluster sums at a time. */
function rowByRow({ rows, width, start }: Grouped, n: number, clusters: number): Float64Array {
  const scores = new Float64Array(n);
  const squared = new Float64Array(n);
  const perCluster = new Float64Array(clusters);
  for (let a = 0; a < clusters; a++) {
    for (let p = start[a]; p < start[a + 1]; p++) {
      squaredDistances(rows, p * width, rows, width, 0, n, squared);
      for (let c = 0; c < clusters; c++) {
        let total = 0;
        for (let q = start[c], end = start[c + 1]; q < end; q++) total += Math.sqrt(squared[q]);
        perCluster[c] = total;
      }
      scores[p] = coefficient(perCluster, start, a);
    }
  }
  return scores;
}

/** s = (b − a) / max(a, b) from one row's distance sums per cluster; 0 for a singleton cluster or a = b = 0. */
function coefficient(perCluster: Float64Array, start: Int32Array, own: number): number {
  const ownSize = start[own + 1] - start[own];
  if (ownSize === 1) return 0;
  const a = perCluster[own] / (ownSize - 1);
  let b = Infinity;
  for (let c = 0; c < perCluster.length; c++) {
    if (c === own) continue;
    const mean = perCluster[c] / (start[c + 1] - start[c]);
    if (mean < b) b = mean;
  }
  const scale = a > b ? a : b;
  return scale === 0 ? 0 : (b - a) / scale;
}
