import { createRng } from '../random';
import { InputError } from '../errors';
import { checkMatrix } from './check-matrix';
import { elbowK } from './elbow';
import {
  algorithmFor,
  buildWardTree,
  fitCost,
  fitPartition,
  treeCost,
  type Algorithm,
  type SizeLimits,
  type WardTree,
} from './fit-partition';
import { silhouetteCost, WorkMeter } from './progress';
import { RESTART_SAMPLE_SIZE } from './screened-kmeans';
import {
  estimateSilhouette,
  sampleRows,
  SILHOUETTE_SAMPLE_SIZE,
  type SilhouetteEstimate,
  type SilhouetteMethod,
} from './sampled-silhouette';

export interface KScore {
  k: number;
  /** Within-cluster sum of squared distances to the centroids. */
  inertia: number;
  /**
   * Mean silhouette (exact, or of the seeded sample: see silhouetteMethod); null when the partition has fewer than
   * 2 or more than n−1 clusters (k = 1 always).
   */
  silhouette: number | null;
}

export interface KFit {
  k: number;
  labels: Int32Array;
  /** One row per cluster found (k, or fewer when duplicate rows or tied merges leave clusters out), row-major. */
  centroids: Float64Array;
  inertia: number;
  silhouette: number | null;
  /**
   * Each row's silhouette (invariant under renumbering the labels): every row when exact; when sampled, the sampled
   * rows' values within the sample and NaN elsewhere. Null with silhouette.
   */
  silhouettes: Float64Array | null;
  silhouetteMethod: SilhouetteMethod | null;
  silhouetteSampleSize: number | null;
  silhouetteStandardError: number | null;
  /** MINI_BATCH_KMEANS only: the steps taken and the batch size. */
  miniBatch?: { steps: number; batchSize: number };
  /** The fit's own warnings (k-means), unprefixed; chooseK's result lists them prefixed by their k. */
  warnings?: string[];
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
  /** What partitioned the rows at this size (see algorithmFor). */
  algorithm: Algorithm;
  /** The Ward tree that was cut (WARD and WARD_HYBRID), for the dendrogram and for fits outside kMin..kMax. */
  tree: WardTree | null;
  /** The rows every sampled silhouette was computed on (the same for every k), or null when exact. */
  silhouetteRows: Int32Array | null;
}

export interface ChooseKOptions extends SizeLimits {
  kMin: number;
  kMax: number;
  method: 'KMEANS' | 'WARD';
  /** k-means restarts per k (default 10); unused by WARD. */
  restarts?: number;
  /** Seed of the k-means runs (the same for every k), the Ward hybrid and the silhouette sample (default 0). */
  seed?: number;
  /** WARD only: wardLinkage(X, n, d) when the caller already has it, so it is not built twice. */
  linkage?: Float64Array;
  /** WARD only: the tree (exact or hybrid, as algorithmFor picks) when the caller already has it. */
  tree?: WardTree;
  /** Always compute the exact silhouette, however many rows (O(n²) time). */
  exactSilhouette?: boolean;
  /**
   * KMEANS above this many rows screens each k's restarts on a seeded sample of this many rows and runs Lloyd over
   * every row only from the best (screenedKMeans); default RESTART_SAMPLE_SIZE (10,000). At or below it, every
   * restart runs on all rows, as kMeans.
   */
  restartSampleSize?: number;
  /**
   * Fits already made for some k of the range (by fitKs with the same X and options, e.g. in other threads): they
   * are used as they are, and only the other k are fitted here.
   */
  fitted?: readonly KFit[];
  /** Rows up to which the silhouette is exact, and the rows sampled above it (default SILHOUETTE_SAMPLE_SIZE). */
  silhouetteSampleSize?: number;
  /**
   * Called as work finishes, in estimated units (see WorkMeter): the tree when built here, each k-means restart, each
   * silhouette. `done` grows to `total`.
   */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The rows a silhouette is computed on: null (all rows, exact) when n ≤ sampleSize or exact is asked for, else a
 * sampleRows draw of sampleSize rows from createRng(seed).
 *
 * @throws {InputError} when sampleSize is not an integer ≥ 2.
 */
export function silhouetteRowsFor(
  n: number,
  options: { exact?: boolean; sampleSize?: number; seed?: number },
): Int32Array | null {
  const sampleSize = options.sampleSize ?? SILHOUETTE_SAMPLE_SIZE;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) {
    throw new InputError(
      `silhouetteSampleSize=${sampleSize} must be a whole number, at least 2`,
      'silhouetteSampleSize',
    );
  }
  if (options.exact || n <= sampleSize) return null;
  return sampleRows(n, sampleSize, createRng(options.seed ?? 0));
}

/**
 * Fits every k in kMin..kMax and scores it by inertia (within-cluster sum of squares) and the mean silhouette,
 * recommending the k with the highest silhouette; the elbow of the inertia curve is reported alongside.
 *
 * - Partitions (algorithmFor): KMEANS runs kMeans per k — above restartSampleSize rows (default 10,000) with its
 *   restarts screened on a seeded sample and one run over every row from the best (screenedKMeans) — or
 *   miniBatchKMeans from miniBatchThreshold rows; WARD
 *   builds the tree once (exact wardLinkage, or wardHybrid above exactWardLimit rows) and cuts it at every k (as
 *   SciPy's fcluster maxclust), so the partitions are nested.
 * - Silhouettes: exact (as scikit-learn's silhouette_score) up to silhouetteSampleSize rows or with exactSilhouette;
 *   above, the silhouette of one seeded sample of silhouetteSampleSize rows (sampledSilhouette, as scikit-learn's
 *   silhouette_score(sample_size=…)), the same rows for every k so that the k are compared on equal terms.
 *
 * - Fits handed in as `fitted` (made elsewhere, e.g. one k per thread, by scoreK with the same options) are used as
 *   they are; the result is the same as fitting them here.
 *
 * Cost: KMEANS O(K·restarts·iterations·r·k·d + K·iterations·n·k·d), r = min(n, restart sample), plus O(K·m²·d) for
 * the silhouettes, m = min(n, silhouette sample); WARD O(n²·d) for an exact tree, K being the number of k values.
 *
 * @throws {InputError} when kMin < 1, kMin > kMax, kMax exceeds n, the method is unknown, a given linkage does not
 * fit, the sample size is below 2, or X is not a finite n×d matrix.
 * @example
 * // Three tight groups of three rows: (0,0) (0,1) (1,0) | (10,10) (10,11) (11,10) | (20,0) (21,0) (20,1).
 * chooseK(X, 9, 2, { kMin: 1, kMax: 5, method: 'KMEANS' }).reason;
 * // "k=3 has the highest silhouette (0.919) and is also the elbow of the inertia curve"
 */
export function chooseK(X: Float64Array, n: number, d: number, options: ChooseKOptions): ChooseKResult {
  checkMatrix('chooseK', X, n, d);
  const { kMin, kMax, method, restarts = 10, seed = 0, onProgress, linkage } = options;
  const given: WardTree | undefined = options.tree ?? (linkage ? { kind: 'WARD', linkage } : undefined);
  if (!Number.isInteger(kMin) || kMin < 1)
    throw new InputError(`chooseK: kMin=${kMin} must be an integer >= 1`, 'kMin');
  if (!Number.isInteger(kMax)) throw new InputError(`chooseK: kMax=${kMax} must be an integer`, 'kMax');
  if (kMin > kMax) throw new InputError(`chooseK: kMin=${kMin} exceeds kMax=${kMax}`, 'kMin');
  if (kMax > n) throw new InputError(`chooseK: k=${kMax} exceeds the ${n} usable rows`, 'kMax');
  if (method !== 'KMEANS' && method !== 'WARD') {
    throw new InputError(`chooseK: method=${String(method)} must be KMEANS or WARD`, 'method');
  }
  const algorithm = algorithmFor(method, n, options);
  if (linkage !== undefined && (algorithm !== 'WARD' || linkage.length !== (n - 1) * 4)) {
    throw new InputError(
      `chooseK: linkage must be WARD's (n−1)×4 = ${(n - 1) * 4} values, got ${linkage.length}`,
      'linkage',
    );
  }
  if (given !== undefined && given.kind !== algorithm) {
    throw new InputError(`chooseK: a ${given.kind} tree was given, but ${n} rows call for ${algorithm}`, 'tree');
  }
  const silhouetteRows = silhouetteRowsFor(n, {
    exact: options.exactSilhouette,
    sampleSize: options.silhouetteSampleSize,
    seed,
  });
  const scored = silhouetteRows?.length ?? n;

  const building = (algorithm === 'WARD' || algorithm === 'WARD_HYBRID') && given === undefined;
  const screen = restartScreening(algorithm, n, options.restartSampleSize);
  const fitted = new Map((options.fitted ?? []).map((fit) => [fit.k, fit]));
  for (const fit of fitted.values()) checkFitted(fit, n, kMin, kMax);
  let total = building ? treeCost(algorithm, n) : 0;
  for (let k = kMin; k <= kMax; k++) if (!fitted.has(k)) total += kCost(algorithm, n, k, restarts, scored, screen);
  const meter = new WorkMeter(total, onProgress);
  let tree: WardTree | null = given ?? null;
  if (building) {
    tree = buildWardTree(X, n, d, algorithm, seed);
    meter.advance(treeCost(algorithm, n));
  }

  const fits: KFit[] = [];
  const warnings: string[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const fit =
      fitted.get(k) ??
      scoreK(X, n, d, k, {
        algorithm,
        restarts,
        seed,
        restartSampleSize: screen,
        tree,
        silhouetteRows,
        onWork: (units) => meter.advance(units),
      });
    for (const warning of fit.warnings ?? []) warnings.push(`k=${k}: ${warning}`);
    fits.push(fit);
  }
  meter.finish();

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
    algorithm,
    tree,
    silhouetteRows,
  };
}

/**
 * Estimated work (WorkMeter units) of chooseK's fits and silhouettes, the tree aside; `scored` rows per silhouette,
 * restarts screened on `restartSampleSize` rows as chooseK does by default.
 */
export function chooseKCost(
  algorithm: Algorithm,
  n: number,
  kMin: number,
  kMax: number,
  restarts: number,
  scored: number,
  restartSampleSize: number = RESTART_SAMPLE_SIZE,
): number {
  const screen = restartScreening(algorithm, n, restartSampleSize);
  let total = 0;
  for (let k = kMin; k <= kMax; k++) total += kCost(algorithm, n, k, restarts, scored, screen);
  return total;
}

/** Estimated work of one k: its fit, and its silhouette from k = 2. */
function kCost(
  algorithm: Algorithm,
  n: number,
  k: number,
  restarts: number,
  scored: number,
  screen: number | undefined,
): number {
  return fitCost(algorithm, n, k, restarts, screen) + (k >= 2 ? silhouetteCost(scored) : 0);
}

/**
 * The restart sample chooseK fits KMEANS with: restartSampleSize (default RESTART_SAMPLE_SIZE) when there are more
 * rows than that, else undefined (every restart over all rows).
 *
 * @throws {InputError} when restartSampleSize is not a whole number ≥ 1.
 */
export function restartScreening(
  algorithm: Algorithm,
  n: number,
  restartSampleSize: number = RESTART_SAMPLE_SIZE,
): number | undefined {
  if (!Number.isInteger(restartSampleSize) || restartSampleSize < 1) {
    throw new InputError(
      `restartSampleSize=${restartSampleSize} must be a whole number, at least 1`,
      'restartSampleSize',
    );
  }
  return algorithm === 'KMEANS' && n > restartSampleSize ? restartSampleSize : undefined;
}

/**
 * One k of a range, fitted (fitPartition) and scored by its silhouette over `silhouetteRows` (all rows when null). `onWork` receives the progress units of the fit, then of the silhouette.
 */
export function scoreK(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  context: {
    algorithm: Algorithm;
    restarts: number;
    seed: number;
    restartSampleSize: number | undefined;
    tree: WardTree | null;
    silhouetteRows: Int32Array | null;
    onWork: (units: number) => void;
  },
): KFit {
  const { algorithm, restarts, seed, restartSampleSize, tree, silhouetteRows, onWork } = context;
  const partition = fitPartition(X, n, d, k, {
    algorithm,
    restarts,
    seed,
    ...(restartSampleSize !== undefined ? { restartSampleSize } : {}),
    tree: tree ?? undefined,
    onWork,
  });
  const estimate = estimateSilhouette(X, n, d, partition.labels, {
    exact: silhouetteRows === null,
    rows: silhouetteRows,
  });
  if (k >= 2) onWork(silhouetteCost(silhouetteRows?.length ?? n));
  return {
    k,
    labels: partition.labels,
    centroids: partition.centroids,
    inertia: partition.inertia,
    ...silhouetteFields(estimate),
    ...(partition.miniBatch ? { miniBatch: partition.miniBatch } : {}),
    warnings: partition.warnings,
  };
}

/** A fit handed to chooseK must be one of its range over the same rows. */
function checkFitted(fit: KFit, n: number, kMin: number, kMax: number): void {
  if (fit.k < kMin || fit.k > kMax || fit.labels.length !== n) {
    throw new Error(
      `chooseK: a fit for k=${fit.k} over ${fit.labels.length} rows does not belong to k=${kMin}..${kMax} over ${n} rows`,
    );
  }
}

/** The silhouette fields of a KFit from an estimate (all null when the silhouette is undefined). */
export function silhouetteFields(
  estimate: SilhouetteEstimate | null,
): Pick<KFit, 'silhouette' | 'silhouettes' | 'silhouetteMethod' | 'silhouetteSampleSize' | 'silhouetteStandardError'> {
  return {
    silhouette: estimate?.score ?? null,
    silhouettes: estimate?.samples ?? null,
    silhouetteMethod: estimate?.method ?? null,
    silhouetteSampleSize: estimate?.sampleSize ?? null,
    silhouetteStandardError: estimate?.standardError ?? null,
  };
}

function explain(best: KScore | null, elbow: number | null, kMin: number, kMax: number): string {
  const elbowPart =
    elbow === null ? 'the inertia curve has no clear elbow' : `the elbow of the inertia curve is at k=${elbow}`;
  if (best === null) {
    return `no k in ${kMin}..${kMax} has a silhouette (it needs at least 2 clusters); ${elbowPart}`;
  }
  const lead = `k=${best.k} has the highest silhouette (${(best.silhouette as number).toFixed(3)})`;
  const reason = elbow === best.k ? `${lead} and is also the elbow of the inertia curve` : `${lead}; ${elbowPart}`;
  // The best score at the edge of the range says only that the peak lies there or beyond: tell the analyst.
  return best.k === kMax && kMax > kMin
    ? `${reason}; it is the largest k tried, so a wider range (kMax) may score higher`
    : reason;
}
