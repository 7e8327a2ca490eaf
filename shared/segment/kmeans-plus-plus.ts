import { InputError } from '../errors';
import type { Rng } from '../random';
import type { Helper } from '../parallel/helper';
import { HELP_MIN_ROWS, splitPoint } from '../parallel/helper';
import { checkMatrix } from './check-matrix';
import { paddedWidth, padRows, squaredDistances, unpadRows } from './squared-distances';

/**
 * Greedy k-means++ seeding, as scikit-learn's `kmeans_plusplus` (Arthur & Vassilvitskii 2007, with local trials):
 * the first centre is a uniformly chosen row; each further centre is the best of 2 + ⌊ln k⌋ candidates drawn with
 * probability proportional to the squared distance to the nearest centre so far, "best" meaning the candidate that
 * leaves the smallest total squared distance (potential). Fed the same uniform draws, it picks the same rows as
 * scikit-learn: one `rng.next()` for the first centre, then `localTrials` per further centre.
 *
 * Cost O(k · localTrials · n · d) time and O((localTrials + d) · n) memory.
 *
 * @returns the k chosen rows, k×d row-major.
 * @throws {InputError} when k is not an integer in 1..n, localTrials is not a positive integer, or X is not a finite
 * n×d matrix.
 * @example
 * kMeansPlusPlus(Float64Array.of(0, 0, 0, 1, 10, 10), 3, 2, 2, createRng(0)); // [0, 1, 10, 10]: rows 1 and 2
 */
export function kMeansPlusPlus(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  rng: Rng,
  localTrials = 2 + Math.floor(Math.log(k)),
): Float64Array {
  checkMatrix('kMeansPlusPlus', X, n, d);
  if (!Number.isInteger(k) || k < 1) throw new InputError(`kMeansPlusPlus: k=${k} must be a positive integer`, 'k');
  if (k > n) throw new InputError(`kMeansPlusPlus: k=${k} exceeds the ${n} usable rows`, 'k');
  if (!Number.isInteger(localTrials) || localTrials < 1) {
    throw new InputError(`kMeansPlusPlus: localTrials=${localTrials} must be a positive integer`, 'localTrials');
  }
  const width = paddedWidth(d);
  return unpadRows(seedPadded(padRows(X, n, d, width), n, width, k, rng, localTrials), k, d, width);
}

/**
 * kMeansPlusPlus on rows already padded (see squared-distances), unchecked; returns padded centres. Given a helper
 * (see Helper) and at least HELP_MIN_ROWS rows, the local trials' distances over the second half of the rows are
 * the helper's (seedCandidates) while this thread does the first half, and each trial's potential still sums the
 * rows in order: the same centres as without it. The rows must then be in the helper's shared memory.
 */
export function seedPadded(
  rows: Float64Array,
  n: number,
  width: number,
  k: number,
  rng: Rng,
  localTrials = 2 + Math.floor(Math.log(k)),
  helper?: Helper,
): Float64Array {
  const shared = helper !== undefined && n >= HELP_MIN_ROWS;
  const split = shared ? splitPoint(n, 'EVEN') : n;
  const array = (length: number) => (shared ? helper.float64(length) : new Float64Array(length));
  const centers = new Float64Array(k * width);
  let chosen = rng.int(n);
  centers.set(rows.subarray(chosen * width, chosen * width + width), 0);

  let closest = array(n);
  squaredDistances(rows, chosen * width, rows, width, 0, n, closest);
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i];

  const cumulative = new Float64Array(n);
  const candidates = Array.from({ length: localTrials }, () => array(n));
  const candidateIds = new Int32Array(localTrials);
  const potentials = new Float64Array(localTrials);
  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += closest[i];
      cumulative[i] = running;
    }
    for (let t = 0; t < localTrials; t++) {
      candidateIds[t] = Math.min(firstAtLeast(cumulative, rng.next() * potential), n - 1);
    }
    const trials = { rows, width, candidates: Array.from(candidateIds, (id) => id * width), closest, outs: candidates };
    const join = shared ? helper.offer('seedCandidates', { ...trials, from: split, to: n }) : null;
    seedCandidates({ ...trials, from: 0, to: split, potentials });
    if (join) {
      join();
      for (let t = 0; t < localTrials; t++) {
        const out = candidates[t];
        let p = potentials[t];
        for (let i = split; i < n; i++) p += out[i];
        potentials[t] = p;
      }
    }
    let best = 0;
    let bestPotential = Infinity;
    for (let t = 0; t < localTrials; t++) {
      if (potentials[t] < bestPotential) {
        bestPotential = potentials[t];
        best = t;
      }
    }
    chosen = candidateIds[best];
    const kept = candidates[best];
    candidates[best] = closest;
    closest = kept;
    potential = bestPotential;
    centers.set(rows.subarray(chosen * width, chosen * width + width), c * width);
  }
  return centers;
}

/**
 * The local trials of one k-means++ step over rows [from, to): for each candidate row (at offset candidates[t]),
 * outs[t][i] = min(closest[i], ‖row i − candidate‖²), and, when `potentials` is given, potentials[t] = the sum of
 * outs[t][i] over the block in row order.
 */
export function seedCandidates(input: {
  rows: Float64Array;
  width: number;
  candidates: number[];
  closest: Float64Array;
  outs: Float64Array[];
  from: number;
  to: number;
  potentials?: Float64Array;
}): null {
  const { rows, width, candidates, closest, outs, from, to, potentials } = input;
  for (let t = 0; t < candidates.length; t++) {
    const p = closerPotential(rows, from, to, width, candidates[t], closest, outs[t]);
    if (potentials) potentials[t] = p;
  }
  return null;
}

/**
 * out[i] = min(closest[i], ‖row i − the row at offset a‖²) for rows i in [from, to); returns Σ out[i] over them in
 * row order, the block's share of the potential were that row a centre. Width 8, the common case, holds the candidate in locals and does it in one pass, summing each
 * distance in squaredDistances' order (the same bits).
 */
function closerPotential(
  rows: Float64Array,
  from: number,
  to: number,
  width: number,
  a: number,
  closest: Float64Array,
  out: Float64Array,
): number {
  let potential = 0;
  if (width === 8) {
    const x0 = rows[a],
      x1 = rows[a + 1],
      x2 = rows[a + 2],
      x3 = rows[a + 3];
    const x4 = rows[a + 4],
      x5 = rows[a + 5],
      x6 = rows[a + 6],
      x7 = rows[a + 7];
    for (let i = from, r = from * 8; i < to; i++, r += 8) {
      const t0 = x0 - rows[r],
        t1 = x1 - rows[r + 1],
        t2 = x2 - rows[r + 2],
        t3 = x3 - rows[r + 3];
      const t4 = x4 - rows[r + 4],
        t5 = x5 - rows[r + 5],
        t6 = x6 - rows[r + 6],
        t7 = x7 - rows[r + 7];
      const s = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + (t4 * t4 + t5 * t5 + t6 * t6 + t7 * t7);
      const m = closest[i] < s ? closest[i] : s;
      out[i] = m;
      potential += m;
    }
    return potential;
  }
  squaredDistances(rows, a, rows, width, from, to, out);
  for (let i = from; i < to; i++) {
    if (closest[i] < out[i]) out[i] = closest[i];
    potential += out[i];
  }
  return potential;
}

/** The first index whose cumulative value is >= target (numpy's searchsorted, side='left'); length when none. */
function firstAtLeast(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
