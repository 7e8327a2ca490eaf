import { InputError } from '../errors';
import { createRng } from '../random';
import { kMeans, type KMeansResult } from './kmeans';
import { kMeansPlusPlus } from './kmeans-plus-plus';
import { kMeansRestartCost } from './progress';
import { sampleRows } from './sampled-silhouette';
import { paddedWidth, padRows, squaredDistances } from './squared-distances';

/**
 * Rows on which chooseK screens k-means restarts (see screenedKMeans): above this many rows, the restarts of each k
 * run on a seeded sample of this size and only the FINALISTS best go on over every row. `npm run bench -- segment`
 * prints the figures behind it: at 100,000 × 8 the screened fits' inertias are within 0.03 % of ten full restarts'
 * for k = 2..10, at a fifth of the cost.
 */
export const RESTART_SAMPLE_SIZE = 10_000;

/** Screened restarts that go on over every row (those whose centroids leave the lowest inertia on all rows). */
export const FINALISTS = 2;

/**
 * k-means with its restarts screened on a sample: the `restarts` k-means++ runs (kMeans, same seed) are made on
 * `sampleSize` rows drawn by sampleRows from createRng(seed); the FINALISTS runs whose centroids leave the lowest
 * inertia over all n rows then continue Lloyd's iterations over every row, and the better of them is the result.
 * The restarts exist to escape poor local optima, and which start is best shows on a sample as well as on every row
 * (Bradley & Fayyad 1998, "Refining initial points for k-means clustering", use the same idea); what the sample
 * cannot give, the final passes over all rows do. With sampleSize ≥ n it is kMeans itself.
 *
 * Cost O(restarts·iterations·m·k·d + (restarts + FINALISTS·iterations)·n·k·d), m = min(n, sampleSize), against
 * kMeans's O(restarts·iterations·n·k·d); memory O(n + m·d).
 *
 * @throws {InputError} when sampleSize is below k, and as kMeans.
 * @example
 * // 100,000 rows, k = 8, 10 restarts: ten runs over 10,000 rows, then two over the 100,000 from the best two.
 * screenedKMeans(X, 100_000, 8, { k: 8, restarts: 10, sampleSize: 10_000 }).inertia;
 */
export function screenedKMeans(
  X: Float64Array,
  n: number,
  d: number,
  options: { k: number; restarts: number; seed: number; sampleSize: number; onRestart?: (done: number) => void },
): KMeansResult {
  const { k, restarts, seed, sampleSize, onRestart } = options;
  if (!Number.isInteger(sampleSize) || sampleSize < k) {
    throw new InputError(
      `screenedKMeans: sampleSize=${sampleSize} must be a whole number of rows, at least k=${k}`,
      'restartSampleSize',
    );
  }
  if (sampleSize >= n) return kMeans(X, n, d, { k, restarts, seed, onRestart });
  const rows = sampleRows(n, sampleSize, createRng(seed));
  const sample = new Float64Array(sampleSize * d);
  for (let s = 0; s < sampleSize; s++) sample.set(X.subarray(rows[s] * d, rows[s] * d + d), s * d);
  const rng = createRng(seed);
  const screened: KMeansResult[] = [];
  for (let r = 0; r < restarts; r++) {
    const start = kMeansPlusPlus(sample, sampleSize, d, k, rng);
    screened.push(kMeans(sample, sampleSize, d, { k, initialCentroids: start }));
    onRestart?.(r + 1);
  }
  // Ranked by their inertia over every row, not the sample's: a small far group (a few bots among thousands of
  // customers) weighs on the sample by chance, and a start that isolates it can look worse there than it is.
  const full = screened.map((run) => nearestCentroidInertia(X, n, d, run.centroids, k));
  const order = screened.map((_, r) => r).sort((a, b) => full[a] - full[b] || a - b);
  let best: KMeansResult | null = null;
  const finalists = Math.min(FINALISTS, restarts);
  for (let f = 0; f < finalists; f++) {
    const run = kMeans(X, n, d, { k, initialCentroids: screened[order[f]].centroids });
    if (best === null || run.inertia < best.inertia) best = run;
    onRestart?.(restarts + f + 1);
  }
  return best as KMeansResult;
}

/**
 * Estimated work (WorkMeter units) of screenedKMeans: the restarts on the sample, then the FINALISTS runs over all
 * rows, each counted as kMeansRestartCost.
 */
export function screenedKMeansCost(n: number, k: number, restarts: number, sampleSize: number): number {
  if (sampleSize >= n) return restarts * kMeansRestartCost(n, k);
  return restarts * kMeansRestartCost(sampleSize, k) + Math.min(FINALISTS, restarts) * kMeansRestartCost(n, k);
}

/**
 * Σ over rows of the squared distance to the nearest of k centroids (k×d): the inertia the centroids leave. Rows go
 * in blocks, each centroid against the whole block with the padded distance kernel, as kMeans assigns.
 */
function nearestCentroidInertia(X: Float64Array, n: number, d: number, centroids: Float64Array, k: number): number {
  const width = paddedWidth(d);
  const rows = padRows(X, n, d, width);
  const centers = padRows(centroids, k, d, width);
  const size = Math.min(n, BLOCK);
  const block = new Float64Array(k * size);
  let total = 0;
  for (let from = 0; from < n; from += size) {
    const to = Math.min(n, from + size);
    for (let c = 0; c < k; c++) squaredDistances(centers, c * width, rows, width, from, to, block, c * size);
    for (let i = 0; i < to - from; i++) {
      let best = block[i];
      for (let c = 1, p = i + size; c < k; c++, p += size) if (block[p] < best) best = block[p];
      total += best;
    }
  }
  return total;
}

/** Rows per block of nearestCentroidInertia: k blocks of distances stay in L1 cache. */
const BLOCK = 256;
