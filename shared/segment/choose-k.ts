import { InputError } from '../errors';
import { checkMatrix } from './check-matrix';
import { elbowK } from './elbow';
import { kMeans } from './kmeans';
import { fsum } from '../math/sum';
import { silhouetteSamples } from './silhouette';
import { cutLinkage, wardLinkage } from './ward';

export interface KScore {
  k: number;
  /** Within-cluster sum of squared distances to the centroids. */
  inertia: number;
  /** Mean silhouette; null when the partition has fewer than 2 or more than n−1 clusters (k = 1 always). */
  silhouette: number | null;
}

export interface KFit {
  k: number;
  labels: Int32Array;
  /** One row per cluster found (k, or fewer when duplicate rows or tied merges leave clusters out), row-major. */
  centroids: Float64Array;
  inertia: number;
  silhouette: number | null;
  /** Each row's silhouette (silhouetteSamples; invariant under renumbering the labels), or null with silhouette. */
  silhouettes: Float64Array | null;
}

export interface ChooseKResult {
  /** One entry per k in kMin..kMax, in order. */
  scores: KScore[];
  /** The partition behind each score, in the same order. */
  fits: KFit[];
  /** The k with the highest silhouette (the smaller k on ties); the elbow, or kMin, when no k has a silhouette. */
  recommendedK: number;
  /** Elbow of the inertia curve (see elbowK), or null. */
  elbowK: number | null;
  /** One sentence quoting the figures behind the recommendation. */
  reason: string;
  /** Non-fatal problems met on the way (k-means warnings, prefixed by their k). */
  warnings: string[];
}

export interface ChooseKOptions {
  kMin: number;
  kMax: number;
  method: 'KMEANS' | 'WARD';
  /** k-means restarts per k (default 10); unused by WARD. */
  restarts?: number;
  /** k-means seed, the same for every k (default 0); unused by WARD. */
  seed?: number;
  /** WARD only: wardLinkage(X, n, d) when the caller already has it, so it is not built twice. */
  linkage?: Float64Array;
  /** Called after each unit of work (the Ward linkage when built here, then each k). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Fits every k in kMin..kMax and scores it by inertia (within-cluster sum of squares) and the exact mean
 * silhouette (as scikit-learn's silhouette_score), recommending the k with the highest silhouette; the elbow of the
 * inertia curve is reported alongside. KMEANS runs kMeans per k; WARD builds the linkage once and cuts it at every
 * k (as SciPy's fcluster maxclust), so the partitions are nested.
 *
 * Cost: KMEANS O(K·(restarts·iterations·n·k·d + n²·d)); WARD O(n²·d) for the linkage plus O(K·n²·d) for the
 * silhouettes, K being the number of k values.
 *
 * @throws {InputError} when kMin < 1, kMin > kMax, kMax exceeds n, the method is unknown, a given linkage does not
 * fit, or X is not a finite n×d matrix.
 * @example
 * // Three tight groups of three rows: (0,0) (0,1) (1,0) | (10,10) (10,11) (11,10) | (20,0) (21,0) (20,1).
 * chooseK(X, 9, 2, { kMin: 1, kMax: 5, method: 'KMEANS' }).reason;
 * // "k=3 has the highest silhouette (0.919) and is also the elbow of the inertia curve"
 */
export function chooseK(X: Float64Array, n: number, d: number, options: ChooseKOptions): ChooseKResult {
  checkMatrix('chooseK', X, n, d);
  const { kMin, kMax, method, restarts, seed, onProgress, linkage: given } = options;
  if (!Number.isInteger(kMin) || kMin < 1)
    throw new InputError(`chooseK: kMin=${kMin} must be an integer >= 1`, 'kMin');
  if (!Number.isInteger(kMax)) throw new InputError(`chooseK: kMax=${kMax} must be an integer`, 'kMax');
  if (kMin > kMax) throw new InputError(`chooseK: kMin=${kMin} exceeds kMax=${kMax}`, 'kMin');
  if (kMax > n) throw new InputError(`chooseK: k=${kMax} exceeds the ${n} usable rows`, 'kMax');
  if (method !== 'KMEANS' && method !== 'WARD') {
    throw new InputError(`chooseK: method=${String(method)} must be KMEANS or WARD`, 'method');
  }
  if (given !== undefined && (method !== 'WARD' || given.length !== (n - 1) * 4)) {
    throw new InputError(
      `chooseK: linkage must be WARD's (n−1)×4 = ${(n - 1) * 4} values, got ${given.length}`,
      'linkage',
    );
  }

  const building = method === 'WARD' && given === undefined;
  const total = kMax - kMin + 1 + (building ? 1 : 0);
  let done = 0;
  const progress = () => onProgress?.(++done, total);
  const linkage = method === 'WARD' ? (given ?? wardLinkage(X, n, d)) : null;
  if (building) progress();

  const fits: KFit[] = [];
  const warnings: string[] = [];
  for (let k = kMin; k <= kMax; k++) {
    let labels: Int32Array;
    let centroids: Float64Array;
    let inertia: number;
    if (linkage === null) {
      const run = kMeans(X, n, d, { k, restarts, seed });
      ({ labels, centroids, inertia } = run);
      for (const warning of run.warnings) warnings.push(`k=${k}: ${warning}`);
    } else {
      labels = cutLinkage(linkage, n, k);
      ({ centroids, inertia } = withinCluster(X, n, d, labels));
    }
    const clusters = countClusters(labels);
    const silhouettes = clusters >= 2 && clusters <= n - 1 ? silhouetteSamples(X, n, d, labels) : null;
    const silhouette = silhouettes === null ? null : fsum(silhouettes) / n;
    fits.push({ k, labels, centroids, inertia, silhouette, silhouettes });
    progress();
  }

  const scores = fits.map(({ k, inertia, silhouette }) => ({ k, inertia, silhouette }));
  const elbow = elbowK(
    scores.map((s) => s.k),
    scores.map((s) => s.inertia),
  );
  let best: KScore | null = null;
  for (const score of scores) {
    if (score.silhouette !== null && (best === null || score.silhouette > (best.silhouette as number))) best = score;
  }
  return {
    scores,
    fits,
    recommendedK: best?.k ?? elbow ?? kMin,
    elbowK: elbow,
    reason: explain(best, elbow, kMin, kMax),
    warnings,
  };
}

function explain(best: KScore | null, elbow: number | null, kMin: number, kMax: number): string {
  const elbowPart =
    elbow === null ? 'the inertia curve has no clear elbow' : `the elbow of the inertia curve is at k=${elbow}`;
  if (best === null) {
    return `no k in ${kMin}..${kMax} has a silhouette (it needs at least 2 clusters); ${elbowPart}`;
  }
  const lead = `k=${best.k} has the highest silhouette (${(best.silhouette as number).toFixed(3)})`;
  return elbow === best.k ? `${lead} and is also the elbow of the inertia curve` : `${lead}; ${elbowPart}`;
}

function countClusters(labels: Int32Array): number {
  return new Set(labels).size;
}

/** Centroids of labels 0..m−1 and the within-cluster sum of squares. */
function withinCluster(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
): { centroids: Float64Array; inertia: number } {
  let m = 0;
  for (let i = 0; i < n; i++) if (labels[i] + 1 > m) m = labels[i] + 1;
  const centroids = new Float64Array(m * d);
  const counts = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    counts[labels[i]]++;
    for (let j = 0; j < d; j++) centroids[labels[i] * d + j] += X[i * d + j];
  }
  for (let c = 0; c < m; c++) for (let j = 0; j < d; j++) centroids[c * d + j] /= counts[c];
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const t = X[i * d + j] - centroids[labels[i] * d + j];
      inertia += t * t;
    }
  }
  return { centroids, inertia };
}
