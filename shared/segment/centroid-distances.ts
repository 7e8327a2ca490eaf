import { InputError } from '../errors';
import { checkMatrix } from './check-matrix';

/**
 * Each row's Euclidean distance to the centroid of its own segment: ‖x_i − c_{labels[i]}‖, with `centroids` a
 * row-major k×d matrix in the same (scaled) space as X. With scikit-learn's fitted k-means this is
 * `KMeans.transform(X)[i, labels[i]]`. Rows left out (label −1) get NaN.
 *
 * Cost O(n·d).
 *
 * @throws {InputError} when X is not a finite n×d matrix, labels.length ≠ n, or a label has no centroid.
 * @example
 * // Rows 0 and 4 on a line, both in segment 0 centred at 1: distances 1 and 3.
 * centroidDistances(Float64Array.of(0, 4), 2, 1, Int32Array.of(0, 0), Float64Array.of(1)); // [1, 3]
 */
export function centroidDistances(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  centroids: Float64Array,
): Float64Array {
  checkMatrix('centroidDistances', X, n, d);
  if (labels.length !== n) {
    throw new InputError(`centroidDistances: labels has ${labels.length} entries but X has ${n} rows`, 'labels');
  }
  const k = centroids.length / d;
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c < 0) {
      distances[i] = NaN;
      continue;
    }
    if (c >= k) {
      throw new InputError(`centroidDistances: row ${i} has label ${c}; there are ${k} centroids`, 'labels');
    }
    let s = 0;
    for (let j = 0; j < d; j++) s += (X[i * d + j] - centroids[c * d + j]) ** 2;
    distances[i] = Math.sqrt(s);
  }
  return distances;
}
