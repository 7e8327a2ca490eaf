/**
 * The distance kernel shared by k-means, k-means++, Ward and the silhouette. Rows are stored with their width
 * rounded up to a multiple of 4 (zeros after the last real column, which add nothing to a distance), so the loop
 * can hold four coordinates of the fixed point in locals and stream over the other rows. V8 neither unrolls nor
 * vectorises a loop over a short, variable d; this layout is about twice as fast as that loop for d = 3..12.
 */

/** Row width after padding: d rounded up to a multiple of 4. */
export function paddedWidth(d: number): number {
  return (d + 3) & ~3;
}

/** The n×d rows of X at `width` columns per row, zero-filled past column d: X itself when width = d (not copied). */
export function padRows(X: Float64Array, n: number, d: number, width = paddedWidth(d)): Float64Array {
  if (width === d) return X;
  const padded = new Float64Array(n * width);
  for (let i = 0, p = 0, q = 0; i < n; i++, q += width) for (let j = 0; j < d; j++) padded[q + j] = X[p++];
  return padded;
}

/** The first d columns of n padded rows, as a new plain n×d matrix. */
export function unpadRows(padded: Float64Array, n: number, d: number, width: number): Float64Array {
  const X = new Float64Array(n * d);
  for (let i = 0, p = 0, q = 0; i < n; i++, q += width) for (let j = 0; j < d; j++) X[p++] = padded[q + j];
  return X;
}

/**
 * out[at + q − from] = ‖A[a .. a + width) − B[q·width .. (q + 1)·width)‖² for q in [from, to); `at` defaults to
 * `from` (out indexed like B's rows). Both operands are padded rows of the same width; `a` is the offset of the
 * fixed row in A (A may be B).
 */
export function squaredDistances(
  A: Float64Array,
  a: number,
  B: Float64Array,
  width: number,
  from: number,
  to: number,
  out: Float64Array,
  at = from,
): void {
  if (from >= to) return;
  const end = at + (to - from);
  let a0 = A[a];
  let a1 = A[a + 1];
  let a2 = A[a + 2];
  let a3 = A[a + 3];
  for (let o = at, r = from * width; o < end; o++, r += width) {
    const t0 = a0 - B[r];
    const t1 = a1 - B[r + 1];
    const t2 = a2 - B[r + 2];
    const t3 = a3 - B[r + 3];
    out[o] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
  }
  for (let j = 4; j < width; j += 4) {
    a0 = A[a + j];
    a1 = A[a + j + 1];
    a2 = A[a + j + 2];
    a3 = A[a + j + 3];
    for (let o = at, r = from * width + j; o < end; o++, r += width) {
      const t0 = a0 - B[r];
      const t1 = a1 - B[r + 1];
      const t2 = a2 - B[r + 2];
      const t3 = a3 - B[r + 3];
      out[o] += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
    }
  }
}

/** ‖A[a .. a + width) − B[b .. b + width)‖², width a multiple of 4, summed in squaredDistances' order. */
export function squaredDistance(A: Float64Array, a: number, B: Float64Array, b: number, width: number): number {
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
