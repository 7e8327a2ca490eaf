import { InputError } from '../errors';

/**
 * Adjusted Rand index of two partitions of the same rows, as `sklearn.metrics.adjusted_rand_score`: the Rand index
 * (share of row pairs on which the partitions agree) corrected for chance (Hubert & Arabie 1985),
 * ARI = (Σ C(n_ij, 2) − E) / (½(Σ C(a_i, 2) + Σ C(b_j, 2)) − E) with E = Σ C(a_i, 2) · Σ C(b_j, 2) / C(n, 2),
 * n_ij the contingency table and a_i, b_j its margins. 1 for identical partitions (up to renaming), about 0 for
 * unrelated ones; 1 when both put every row in one cluster or each row alone (scikit-learn's special cases).
 *
 * Cost O(n + distinct label pairs).
 *
 * @throws {InputError} when the two labelings differ in length.
 * @example
 * // Pairs: C(2,2) + C(1,1)… contingency [[2, 0], [1, 1]] → Σ C(n_ij, 2) = 1, Σ C(a_i, 2) = 2, Σ C(b_j, 2) = 3,
 * // E = 2·3/6 = 1 → ARI = (1 − 1) / (2.5 − 1) = 0.
 * adjustedRandIndex(Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 0, 0, 1)); // 0
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new InputError(`adjustedRandIndex: the labelings have ${a.length} and ${b.length} rows`, 'labels');
  }
  const n = a.length;
  const cells = new Map<string, number>();
  const rowsA = new Map<number, number>();
  const rowsB = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rowsA.set(a[i], (rowsA.get(a[i]) ?? 0) + 1);
    rowsB.set(b[i], (rowsB.get(b[i]) ?? 0) + 1);
  }
  const pairs = (m: number) => (m * (m - 1)) / 2;
  const sum = (counts: Iterable<number>) => {
    let total = 0;
    for (const m of counts) total += pairs(m);
    return total;
  };
  if ((rowsA.size === 1 && rowsB.size === 1) || (rowsA.size === n && rowsB.size === n) || n < 2) return 1;
  const index = sum(cells.values());
  const sumA = sum(rowsA.values());
  const sumB = sum(rowsB.values());
  const expected = (sumA * sumB) / pairs(n);
  const maximum = (sumA + sumB) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}
