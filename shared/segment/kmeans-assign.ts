import { squaredDistance, squaredDistances } from './squared-distances';

/**
 * The assignment steps of k-means (kmeans.ts) over a block of rows [from, to), so that two threads can each take a
 * block (see Helper). Every row's outcome depends only on that row, the centroids and the bounds, so splitting the
 * rows changes nothing; the cluster sums are left to the caller, which applies the rows' moves in row order.
 * Rows and centroids are padded to `width` columns (see squared-distances).
 */
interface Block {
  rows: Float64Array;
  width: number;
  k: number;
  /** k×width, the centroids to assign to. */
  centers: Float64Array;
  /** Per row: its cluster, and Hamerly's upper and lower bounds (see kmeans.ts), written for rows [from, to). */
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  from: number;
  to: number;
}

/** Rows per pass in assignRowsFully: for k up to ~16 the k runs of distances stay in L1 cache. */
const PASS = 256;

/**
 * Full assignment of rows [from, to): each row's nearest centroid (the first of equals, as argmin), with the
 * distance to it as its upper bound and the distance to the second nearest as its lower bound. Rows go in passes
 * of PASS, each centroid against the whole pass, so the distance kernel runs long loops instead of k-long ones.
 */
export function assignRowsFully({ rows, width, k, centers, labels, upper, lower, from, to }: Block): null {
  const size = Math.min(PASS, Math.max(1, to - from));
  const pass = new Float64Array(k * size);
  for (let start = from; start < to; start += size) {
    const end = Math.min(to, start + size);
    for (let c = 0; c < k; c++) squaredDistances(centers, c * width, rows, width, start, end, pass, c * size);
    for (let i = start; i < end; i++) {
      let best = 0;
      let bestDistance = Infinity;
      let secondDistance = Infinity;
      for (let c = 0, p = i - start; c < k; c++, p += size) {
        const s = pass[p];
        if (s < bestDistance) {
          secondDistance = bestDistance;
          bestDistance = s;
          best = c;
        } else if (s < secondDistance) {
          secondDistance = s;
        }
      }
      labels[i] = best;
      upper[i] = Math.sqrt(bestDistance);
      lower[i] = Math.sqrt(secondDistance);
    }
  }
  return null;
}

interface BoundedBlock extends Block {
  /** Per cluster, the sum of its moves since the bounds were first set: a row's stored upper bound is net of it. */
  drift: Float64Array;
  /** Sum of the largest moves since the bounds were first set: stored lower bounds include it. */
  lowerDrift: number;
  /** half[c] = half the distance from centroid c to its nearest other centroid. */
  half: Float64Array;
}

/**
 * Hamerly's assignment step over rows [from, to): a row keeps its centroid when its upper bound (distance to its
 * centroid) is below both its lower bound (distance to the second nearest) and half the distance from its centroid
 * to the nearest other one; otherwise the upper bound is tightened and, failing that, all centroids are scanned
 * (first of equals, as argmin). Labels and bounds are updated in place.
 *
 * @returns the rows that changed cluster, in row order, as pairs (row, previous label).
 */
export function assignRowsBounded(block: BoundedBlock): Int32Array {
  const { rows, width, k, centers, labels, upper, lower, drift, lowerDrift, half, from, to } = block;
  const nearest = new Float64Array(2);
  let moves = new Int32Array(64);
  let moved = 0;
  for (let i = from, p = from * width; i < to; i++, p += width) {
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
    if (moved === moves.length) {
      const grown = new Int32Array(moves.length * 2);
      grown.set(moves);
      moves = grown;
    }
    moves[moved++] = i;
    moves[moved++] = a;
  }
  return moves.slice(0, moved);
}

/**
 * The nearest centroid to the row at offset p (the first of equals, as argmin); its squared distance goes to
 * out[0] and the second smallest to out[1]. Width 8, the common case, holds the row in locals and sums each
 * distance in squaredDistance's order (the same bits).
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
