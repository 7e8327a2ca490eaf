import { InputError } from '../errors';
import { checkMatrix } from './check-matrix';
import { paddedWidth, squaredDistances } from './squared-distances';

/**
 * Ward's minimum-variance hierarchical clustering, as `scipy.cluster.hierarchy.linkage(X, 'ward')`.
 *
 * The distance between clusters A and B is sqrt(2·|A|·|B| / (|A| + |B|)) · ‖centroid(A) − centroid(B)‖, which
 * is what SciPy's Lance–Williams recurrence produces from Euclidean distances, so only centroids and sizes are kept
 * (O(n·d) memory instead of SciPy's n(n−1)/2 distances). Merges are found by SciPy's nearest-neighbour chain (same
 * scan order, same preference for the previous chain link, the merged cluster keeping the higher slot), then
 * sorted by height (stable) and numbered as SciPy does: leaves 0..n−1, the i-th merge n+i, smaller id first.
 *
 * With `sizes`, row i stands for a cluster of sizes[i] rows whose centroid it is (the micro-clusters of
 * wardHybrid): the same merge costs and heights, the last column counting rows rather than leaves.
 *
 * Cost O(n²·d) time, O(n·d) memory.
 *
 * @returns the (n−1)×4 linkage matrix, row-major: [idA, idB, height, size] per merge.
 * @throws {InputError} when X is not a finite n×d matrix or sizes is not n positive numbers.
 * @example
 * // Rows 0, 1, 5 on a line: {0, 1} merge at 1; then sqrt(2·2·1/3)·|0.5 − 5| = 5.196 with row 2.
 * wardLinkage(Float64Array.of(0, 1, 5), 3, 1); // [0, 1, 1, 2,  2, 3, 5.196152422706632, 3]
 */
export function wardLinkage(X: Float64Array, n: number, d: number, sizes?: ArrayLike<number>): Float64Array {
  checkMatrix('wardLinkage', X, n, d);
  if (sizes !== undefined && (sizes.length !== n || !Array.from(sizes).every((s) => s > 0 && Number.isFinite(s)))) {
    throw new InputError(`wardLinkage: sizes must be ${n} positive numbers, one per row`, 'sizes');
  }
  if (n < 2) return new Float64Array(0);

  // Centred copy (distances are unchanged and centroid differences lose fewer digits), padded for the kernel.
  const mean = new Float64Array(d);
  for (let p = 0; p < n * d; p += d) for (let j = 0; j < d; j++) mean[j] += X[p + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const width = paddedWidth(d);
  const centroid = new Float64Array(n * width);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centroid[i * width + j] = X[i * d + j] - mean[j];

  // Active clusters, compacted in ascending slot order so scans read memory sequentially.
  const slot = new Int32Array(n);
  const size = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    slot[i] = i;
    size[i] = sizes === undefined ? 1 : sizes[i];
  }
  let m = n;

  const squared = new Float64Array(n);
  const merges = new Float64Array((n - 1) * 4);
  const chain = new Int32Array(n);
  let chainLength = 0;
  for (let step = 0; step < n - 1; step++) {
    if (chainLength === 0) chain[chainLength++] = slot[0];
    let x: number;
    let y = -1;
    let cost: number;
    for (;;) {
      x = chain[chainLength - 1];
      const px = positionOf(slot, m, x);
      const nx = size[px];
      squaredDistances(centroid, px * width, centroid, width, 0, m, squared);
      // Compared by Ward's merge cost |A||B|/(|A|+|B|)·‖cA − cB‖², half the squared height (no square roots).
      if (chainLength > 1) {
        y = chain[chainLength - 2];
        const py = positionOf(slot, m, y);
        cost = ((nx * size[py]) / (nx + size[py])) * squared[py];
      } else {
        cost = Infinity;
      }
      for (let q = 0; q < m; q++) {
        if (q === px) continue;
        const c = ((nx * size[q]) / (nx + size[q])) * squared[q];
        if (c < cost) {
          cost = c;
          y = slot[q];
        }
      }
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      chain[chainLength++] = y;
    }
    chainLength -= 2;
    if (x > y) [x, y] = [y, x];

    const px = positionOf(slot, m, x);
    const py = positionOf(slot, m, y);
    const nx = size[px];
    const ny = size[py];
    const r = step * 4;
    merges[r] = x;
    merges[r + 1] = y;
    merges[r + 2] = Math.sqrt(2 * cost);
    merges[r + 3] = nx + ny;
    // Moving y's centroid toward x's (rather than averaging) keeps duplicate rows' centroids bit-identical.
    const w = nx / (nx + ny);
    for (let j = 0; j < d; j++) centroid[py * width + j] += (centroid[px * width + j] - centroid[py * width + j]) * w;
    size[py] = nx + ny;
    slot.copyWithin(px, px + 1, m);
    size.copyWithin(px, px + 1, m);
    centroid.copyWithin(px * width, (px + 1) * width, m * width);
    m--;
  }
  return relabel(sortByHeight(merges, n), n);
}

/**
 * Flat clusters from a linkage matrix, as `scipy.cluster.hierarchy.fcluster(Z, k, 'maxclust')` minus 1: the
 * lowest cut height leaving at most k clusters, found by SciPy's bisection over the merge heights (with tied
 * heights this can leave fewer than k), and clusters numbered in SciPy's depth-first order.
 *
 * Cost O(n log n).
 *
 * @returns the cluster (0..k−1) of each of the n leaves.
 * @throws {InputError} when k is not a positive integer or linkage is not (n−1)×4.
 * @example
 * cutLinkage(wardLinkage(Float64Array.of(0, 1, 5), 3, 1), 3, 2); // [0, 0, 1]
 */
export function cutLinkage(linkage: Float64Array, n: number, k: number): Int32Array {
  if (!Number.isInteger(n) || n < 1) throw new InputError(`cutLinkage: n=${n} must be a positive integer`, 'n');
  if (linkage.length !== (n - 1) * 4) {
    throw new InputError(`cutLinkage: linkage has ${linkage.length} values but (n−1)×4 = ${(n - 1) * 4}`, 'linkage');
  }
  if (!Number.isInteger(k) || k < 1) throw new InputError(`cutLinkage: k=${k} must be a positive integer`, 'k');
  const labels = new Int32Array(n);
  if (k >= n) {
    for (let i = 0; i < n; i++) labels[i] = i;
    return labels;
  }

  // Highest merge height within each subtree (SciPy's maxdists); children precede parents in the matrix.
  const highest = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    let h = linkage[i * 4 + 2];
    for (const child of [linkage[i * 4], linkage[i * 4 + 1]]) {
      if (child >= n && highest[child - n] > h) h = highest[child - n];
    }
    highest[i] = h;
  }
  // Each merge at or below the cut joins two clusters, so a cut at t leaves n − #{highest ≤ t} clusters.
  const clustersAt = (t: number): number => {
    let merged = 0;
    for (let i = 0; i < n - 1; i++) if (highest[i] <= t) merged++;
    return n - merged;
  };
  let lower = -1;
  let upper = n - 1;
  while (upper - lower > 1) {
    const i = (lower + upper) >> 1;
    if (clustersAt(highest[i]) > k) lower = i;
    else upper = i;
  }
  numberClusters(linkage, highest, highest[upper], n, labels);
  return labels;
}

/** SciPy's cluster_monocrit: depth-first from the root, left subtree first, leaves numbered as they are reached. */
function numberClusters(linkage: Float64Array, highest: Float64Array, cutoff: number, n: number, out: Int32Array) {
  const stack = new Int32Array(n);
  const visited = new Uint8Array(2 * n - 1);
  let top = 0;
  stack[0] = 2 * n - 2;
  let clusters = 0;
  let leader = -1;
  while (top >= 0) {
    const node = stack[top] - n;
    const left = linkage[node * 4];
    const right = linkage[node * 4 + 1];
    if (leader === -1 && highest[node] <= cutoff) {
      leader = node;
      clusters++;
    }
    if (left >= n && !visited[left]) {
      visited[left] = 1;
      stack[++top] = left;
      continue;
    }
    if (right >= n && !visited[right]) {
      visited[right] = 1;
      stack[++top] = right;
      continue;
    }
    if (left < n) {
      if (leader === -1) clusters++;
      out[left] = clusters - 1;
    }
    if (right < n) {
      if (leader === -1) clusters++;
      out[right] = clusters - 1;
    }
    if (leader === node) leader = -1;
    top--;
  }
}

/** Position of a slot among the m active ones (kept in ascending order). */
function positionOf(slot: Int32Array, m: number, id: number): number {
  let lo = 0;
  let hi = m - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (slot[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Merges in order of height, equal heights in the order found (numpy's stable mergesort). */
function sortByHeight(merges: Float64Array, n: number): Float64Array {
  const order = Array.from({ length: n - 1 }, (_, i) => i);
  order.sort((a, b) => merges[a * 4 + 2] - merges[b * 4 + 2]);
  const sorted = new Float64Array(merges.length);
  order.forEach((from, to) => sorted.set(merges.subarray(from * 4, from * 4 + 4), to * 4));
  return sorted;
}

/** Replace slot numbers by SciPy's cluster ids with a union–find over the sorted merges (SciPy's `label`). */
function relabel(Z: Float64Array, n: number): Float64Array {
  const parent = new Int32Array(2 * n - 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root];
    while (parent[x] !== root) {
      const next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  };
  for (let i = 0; i < n - 1; i++) {
    const a = find(Z[i * 4]);
    const b = find(Z[i * 4 + 1]);
    Z[i * 4] = Math.min(a, b);
    Z[i * 4 + 1] = Math.max(a, b);
    parent[a] = n + i;
    parent[b] = n + i;
  }
  return Z;
}
