import { InputError } from '../errors';
import { fsum } from '../math/sum';
import type { Rng } from '../random';
import type { Helper } from '../parallel/helper';
import { checkMatrix } from './check-matrix';
import { silhouetteSamples } from './silhouette';

/**
 * Rows up to which the silhouette is exact, and the rows sampled above it. One figure for both, so the cost of a
 * silhouette never exceeds that of an exact one on this many rows (SILHOUETTE_SAMPLE_SIZE²/2 ≈ 12.5 M distances,
 * about 0.1 s on one core here; `npm run bench -- segment` prints the figures behind the choice): choosing k over
 * 2..10 then spends about a second on silhouettes at any row count. At 5,000 rows the standard error of a sampled
 * mean silhouette is about 0.003 (per-row silhouettes spread by about 0.2).
 */
export const SILHOUETTE_SAMPLE_SIZE = 5000;

/** How a silhouette was computed: over every row, or over a seeded random sample of rows. */
export type SilhouetteMethod = 'EXACT' | 'SAMPLED';

export interface SilhouetteEstimate {
  method: SilhouetteMethod;
  /** Mean silhouette: over all rows (EXACT) or over the sampled rows, each scored within the sample (SAMPLED). */
  score: number;
  /** Rows sampled; null when EXACT. */
  sampleSize: number | null;
  /** Standard error of a SAMPLED score (see sampledSilhouette); null when EXACT. */
  standardError: number | null;
  /**
   * Per-row silhouettes, one per row of X: every row when EXACT; when SAMPLED, the sampled rows' values (scored
   * within the sample) and NaN for the others, so a segment's mean over its non-NaN entries is the mean over its
   * sampled members.
   */
  samples: Float64Array;
}

/**
 * m distinct row indices out of 0..n−1, drawn uniformly without replacement (the first m entries of a Fisher–Yates
 * shuffle driven by rng, as `numpy.random.permutation(n)[:m]` draws its sample), returned in ascending order so the
 * rows are gathered in memory order. All n rows when m ≥ n.
 *
 * Cost O(n) time and memory.
 *
 * @throws {InputError} when n or m is not a non-negative integer.
 * @example
 * sampleRows(10, 3, createRng(0)); // three distinct indices in 0..9, ascending
 */
export function sampleRows(n: number, m: number, rng: Rng): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new InputError(`sampleRows: n=${n} must be a whole number >= 0`, 'n');
  if (!Number.isInteger(m) || m < 0) throw new InputError(`sampleRows: m=${m} must be a whole number >= 0`, 'm');
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const size = Math.min(m, n);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(n - i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order.slice(0, size).sort();
}

/**
 * The silhouette of a sample of rows, as scikit-learn's `silhouette_score(X, labels, sample_size=m)`: the rows in
 * `rows` are taken with their labels and the exact silhouette (silhouetteSamples) is computed over them alone, so
 * a(i) and b(i) are mean distances to the sampled rows of each cluster. Its standard error is the sample standard
 * deviation (n − 1 denominator) of the sampled per-row values divided by √m: the spread of the score over repeated
 * samples, treating the per-row values as independent draws (the bench and the tests check it against the spread
 * seen over many seeds).
 *
 * Cost O(m²·d) time and O(m·(d + K)) memory, whatever n is.
 *
 * @returns the estimate, or null when the sample holds fewer than 2 or more than m − 1 distinct labels.
 * @throws {InputError} when X is not a finite n×d matrix, labels.length ≠ n, or rows has an index outside 0..n−1.
 * @example
 * // Rows 0, 1 | 4, 6 | 10 on a line, sampling rows 0, 2, 3 and 1: the exact silhouette of those four rows.
 * sampledSilhouette(Float64Array.of(0, 1, 4, 6, 10), 5, 1, Int32Array.of(0, 0, 1, 1, 1), Int32Array.of(0, 1, 2, 3));
 * // { method: 'SAMPLED', score: 0.6537…, sampleSize: 4, standardError: 0.0937…, samples: [0.8, 0.75, 3/7, 7/11, NaN] }
 */
export function sampledSilhouette(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  rows: Int32Array,
  helper?: Helper,
): SilhouetteEstimate | null {
  checkMatrix('sampledSilhouette', X, n, d);
  if (labels.length !== n) {
    throw new InputError(`sampledSilhouette: labels has ${labels.length} entries but X has ${n} rows`, 'labels');
  }
  const m = rows.length;
  const sample = new Float64Array(m * d);
  const sampleLabels = new Int32Array(m);
  const distinct = new Set<number>();
  for (let s = 0; s < m; s++) {
    const i = rows[s];
    if (!(i >= 0 && i < n)) throw new InputError(`sampledSilhouette: row ${i} is outside 0..${n - 1}`, 'rows');
    sample.set(X.subarray(i * d, i * d + d), s * d);
    sampleLabels[s] = labels[i];
    distinct.add(labels[i]);
  }
  if (distinct.size < 2 || distinct.size > m - 1) return null;
  const values = silhouetteSamples(sample, m, d, sampleLabels, undefined, helper);
  const score = fsum(values) / m;
  const squares = new Float64Array(m);
  for (let s = 0; s < m; s++) squares[s] = (values[s] - score) ** 2;
  const samples = new Float64Array(n).fill(NaN);
  for (let s = 0; s < m; s++) samples[rows[s]] = values[s];
  return {
    method: 'SAMPLED',
    score,
    sampleSize: m,
    standardError: Math.sqrt(fsum(squares) / (m - 1) / m),
    samples,
  };
}

/**
 * The silhouette at any size: exact (silhouetteSamples over all n rows) when n ≤ sampleSize or when `exact` is set,
 * otherwise sampledSilhouette over `rows` (a sampleRows draw of sampleSize rows; passing the same draw for every k
 * keeps the comparison between k free of sampling noise between samples).
 *
 * @returns the estimate, or null when the silhouette is undefined (fewer than 2 or more than n − 1 clusters, in
 * all rows or in the sample).
 * @throws {InputError} as silhouetteSamples.
 */
export function estimateSilhouette(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  options: { exact: boolean; rows: Int32Array | null; helper?: Helper },
): SilhouetteEstimate | null {
  if (options.exact || options.rows === null || options.rows.length >= n) {
    const clusters = new Set(labels).size;
    if (clusters < 2 || clusters > n - 1) return null;
    const samples = silhouetteSamples(X, n, d, labels, undefined, options.helper);
    return { method: 'EXACT', score: fsum(samples) / n, sampleSize: null, standardError: null, samples };
  }
  return sampledSilhouette(X, n, d, labels, options.rows, options.helper);
}
