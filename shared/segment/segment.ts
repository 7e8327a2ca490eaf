import { InputError } from '../errors';
import { fsum } from '../math/sum';
import { getColumn, stringValues } from '../table/access';
import type { Table } from '../table/types';
import { chooseK, type KFit, type KScore } from './choose-k';
import { kMeans } from './kmeans';
import { nameSegments } from './names';
import { checkMinSegmentShare, DEFAULT_MIN_SEGMENT_SHARE, flagSmallSegments, rowsInSegments } from './outliers';
import { preprocess, type Preprocessed } from './preprocess';
import { segmentModel } from './assign';
import { checkStabilityResamples, segmentStability, stabilityProgress } from './stability';
import { profileSegments } from './profile';
import { relabelBySize } from './relabel';
import { silhouetteSamples } from './silhouette';
import type { Segment, SegmentationResult, SegmentMethod, SegmentOptions } from './types';
import { cutLinkage, wardLinkage } from './ward';

/**
 * Segments the rows of a table: preprocess (see `preprocess`), cluster with k-means or Ward, profile, name.
 *
 * - k omitted → every k in kMin..kMax (capped at usable rows − 1, the silhouette's limit) is fitted and the
 *   highest mean silhouette wins (`chooseK`); k given → that k alone is fitted and `kSelection` holds its score,
 *   unless kMin or kMax is given too, in which case the range is scored as well (and `recommendedK` reported).
 *   kMin 1 adds the inertia of a single segment (no silhouette), the anchor of an elbow plot; k is chosen from 2.
 * - Segments are numbered by size, largest first. Each is profiled against all segmented rows (`profileSegments`)
 *   and named from its traits (`nameSegments`).
 * - Segments under `minSegmentShare` of the rows (default 1%) are flagged `isOutlier`. With `excludeOutliers`,
 *   their rows are set aside (label −1, listed in `outlierRows`) and the remaining rows go through the whole
 *   pipeline again with the same options — scaling included, so a few extreme rows no longer squash everyone else —
 *   once; the set-aside rows are described as one more segment, label −1, compared against the segmented rows, with
 *   the silhouettes they had in the first clustering.
 * - `labels` has one entry per input row: −1 for rows dropped (missing = DROP) or set aside.
 * Deterministic for a given seed. Cost: that of `chooseK` (O(K·n²·d) for the silhouettes), twice with outliers set
 * aside.
 *
 * @throws InputError for bad options (k < 2, kMin < 1, kMax < kMin, kMax < 2 without k, restarts < 1, an unknown method, a share
 *   outside [0, 1)), fewer usable rows than k (or than kMin + 1), and every input problem `preprocess` reports.
 * @example
 * runSegmentation(table, { features: ['spend', 'visits', 'region'], categorical: ['region'], logTransform: ['spend'] });
 * // { k: 4, recommendedK: 4, segments: [{ name: 'High spend · region=2', share: 0.31, … }, …], … }
 */
export function runSegmentation(table: Table, options: SegmentOptions): SegmentationResult {
  const settings = resolve(options);
  checkStabilityResamples(options.stabilityResamples);
  const keys = options.keyColumn === undefined ? null : stringValues(getColumn(table, options.keyColumn, 'keyColumn'));
  const fits = (settings.scoreRange ? settings.kMax - settings.kMin + 1 : 1) * (settings.excludeOutliers ? 2 : 1);
  const overall = stabilityProgress(options.onProgress, options.stabilityResamples, fits);
  const progress = progressReporter(overall.clustering, settings.excludeOutliers);

  const first = analyse(table, settings, undefined, progress.first);
  const firstFlags = flagSmallSegments(first.sizes, settings.minSegmentShare);
  let final = first;
  let outlierRows: number[] = [];
  const warnings: string[] = [];
  if (settings.excludeOutliers && firstFlags.some(Boolean)) {
    if (firstFlags.every(Boolean)) {
      warnings.push(
        `excludeOutliers: every segment is under minSegmentShare=${settings.minSegmentShare}; nothing was set aside`,
      );
    } else {
      outlierRows = rowsInSegments(first.labels, firstFlags).map((i) => first.prep.rowIndex[i]);
      const outliers = new Set(outlierRows);
      const remaining = Array.from(first.prep.rowIndex).filter((row) => !outliers.has(row));
      final = analyse(table, settings, remaining, progress.second);
      const segmentCount = firstFlags.filter(Boolean).length;
      warnings.push(
        `${outlierRows.length} row${plural(outlierRows.length)} in ${segmentCount} segment${plural(segmentCount)} under ` +
          `minSegmentShare=${settings.minSegmentShare} set aside as outliers; the other ${remaining.length} rows were segmented again`,
      );
    }
  }
  progress.done();

  const k = final.sizes.length;
  const labels = new Int32Array(table.rowCount).fill(-1);
  final.prep.rowIndex.forEach((row, i) => (labels[row] = final.labels[i]));
  const profileLabels = Int32Array.from(labels);
  const silhouettes = new Float64Array(table.rowCount).fill(NaN);
  const finalSilhouettes = final.silhouettes;
  if (finalSilhouettes) final.prep.rowIndex.forEach((row, i) => (silhouettes[row] = finalSilhouettes[i]));
  if (outlierRows.length > 0) {
    const position = new Map(Array.from(first.prep.rowIndex, (row, i) => [row, i]));
    for (const row of outlierRows) {
      profileLabels[row] = k;
      if (first.silhouettes) silhouettes[row] = first.silhouettes[position.get(row) as number];
    }
  }

  // Profiles read the first pass's encoding: its levels cover the set-aside rows too.
  const sources = first.prep.sources;
  const profiles = profileSegments({
    labels: profileLabels,
    k: outlierRows.length > 0 ? k + 1 : k,
    numeric: sources.flatMap((s) => (s.kind === 'NUMERIC' ? [{ name: s.name, values: s.values }] : [])),
    categorical: sources.flatMap((s) => (s.kind === 'CATEGORICAL' ? [s] : [])),
    silhouettes,
    baselineLabels: Array.from({ length: k }, (_, s) => s),
  });
  const isOutlier = [
    ...flagSmallSegments(final.sizes, settings.minSegmentShare),
    ...(outlierRows.length > 0 ? [true] : []),
  ];
  const names = nameSegments(profiles, { levelNames: options.levelNames, isOutlier });
  const segments: Segment[] = profiles.map((p, s) => ({
    ...p,
    label: s < k ? p.label : -1,
    name: names[s],
    isOutlier: isOutlier[s],
  }));

  if (first.prep.droppedRows.length > 0) {
    const dropped = first.prep.droppedRows.length;
    warnings.unshift(`${dropped} row${plural(dropped)} with a missing feature value dropped (missing = DROP)`);
  }
  for (const s of segments.slice(0, k)) {
    if (!s.isOutlier) continue;
    const advice = settings.excludeOutliers ? '' : '; set excludeOutliers to set such rows aside and segment the rest';
    warnings.push(
      `segment ${s.label} "${s.name}" holds ${s.size} row${plural(s.size)} (${percent(s.share)}), under ` +
        `minSegmentShare=${settings.minSegmentShare}: likely outliers${advice}`,
    );
  }

  const { X, n, d } = final.prep;
  const stability = segmentStability(X, n, d, final.labels, segments, {
    ...settings,
    k,
    resamples: options.stabilityResamples,
    onResample: overall.resample,
  });
  warnings.push(...stability.warnings);

  return {
    method: settings.method,
    k,
    rowCount: table.rowCount,
    labels,
    silhouette: final.silhouette,
    inertia: final.inertia,
    recommendedK: final.recommendedK,
    recommendationReason: final.reason,
    kSelection: final.kSelection,
    segments,
    keys,
    droppedRows: first.prep.droppedRows,
    outlierRows,
    featureNames: final.prep.featureNames,
    stability: stability.overall,
    model: segmentModel(final.prep, final.labels, k, settings.missing ?? 'ZERO', settings.scaling ?? 'STANDARD'),
    warnings: [...warnings, ...final.warnings],
    ...(final.linkage ? { linkage: final.linkage, linkageRows: final.prep.rowIndex } : {}),
  };
}

interface Settings {
  features: readonly string[];
  categorical?: readonly string[];
  missing: SegmentOptions['missing'];
  scaling: SegmentOptions['scaling'];
  logTransform?: readonly string[];
  method: SegmentMethod;
  k: number | undefined;
  kMin: number;
  kMax: number;
  /** kMin or kMax was given: score the range even when k is given. */
  scoreRange: boolean;
  restarts: number;
  seed: number;
  minSegmentShare: number;
  excludeOutliers: boolean;
}

/** Options with defaults applied, checked before any work is done. */
function resolve(options: SegmentOptions): Settings {
  const method = options.method ?? 'KMEANS';
  if (method !== 'KMEANS' && method !== 'WARD') {
    throw new InputError(`method=${String(method)} must be KMEANS or WARD`, 'method');
  }
  const { k, kMin = 2, kMax = 10, restarts = 10, seed = 0 } = options;
  if (k !== undefined && !(Number.isInteger(k) && k >= 2)) {
    throw new InputError(`k=${k} must be a whole number of segments, at least 2`, 'k');
  }
  if (!(Number.isInteger(kMin) && kMin >= 1)) {
    throw new InputError(`kMin=${kMin} must be a whole number, at least 1`, 'kMin');
  }
  if (!Number.isInteger(kMax)) throw new InputError(`kMax=${kMax} must be a whole number`, 'kMax');
  if (kMax < kMin) throw new InputError(`kMax=${kMax} is below kMin=${kMin}`, 'kMax');
  if (k === undefined && kMax < 2) {
    throw new InputError(
      `kMax=${kMax} must be at least 2 to choose k: a silhouette compares two segments or more`,
      'kMax',
    );
  }
  if (!(Number.isInteger(restarts) && restarts >= 1)) {
    throw new InputError(`restarts=${restarts} must be a whole number, at least 1`, 'restarts');
  }
  if (!Number.isInteger(seed)) throw new InputError(`seed=${seed} must be a whole number`, 'seed');
  const minSegmentShare = options.minSegmentShare ?? DEFAULT_MIN_SEGMENT_SHARE;
  checkMinSegmentShare(minSegmentShare);
  return {
    features: options.features,
    categorical: options.categorical,
    missing: options.missing,
    scaling: options.scaling,
    logTransform: options.logTransform,
    method,
    k,
    kMin,
    kMax,
    scoreRange: k === undefined || options.kMin !== undefined || options.kMax !== undefined,
    restarts,
    seed,
    minSegmentShare,
    excludeOutliers: options.excludeOutliers ?? false,
  };
}

/** One pass of the pipeline over some input rows: preprocess, choose or fit k, relabel by size, silhouettes. */
interface Analysis {
  prep: Preprocessed;
  /** Per row of prep.X: 0..m−1, numbered by size. */
  labels: Int32Array;
  sizes: number[];
  inertia: number;
  silhouette: number | null;
  silhouettes: Float64Array | null;
  kSelection: KScore[];
  recommendedK: number | null;
  reason: string;
  warnings: string[];
  linkage?: Float64Array;
}

function analyse(
  table: Table,
  settings: Settings,
  rows: number[] | undefined,
  onProgress: (done: number, total: number) => void,
): Analysis {
  const prep = preprocess(table, {
    features: settings.features,
    categorical: settings.categorical,
    missing: settings.missing,
    scaling: settings.scaling,
    logTransform: settings.logTransform,
    rows,
  });
  const { X, n, d } = prep;
  const { k, kMin, method, restarts, seed } = settings;
  const warnings: string[] = [];
  if (k !== undefined && k > n) throw new InputError(`k=${k} exceeds the ${n} usable rows`, 'k');

  const linkage = method === 'WARD' ? wardLinkage(X, n, d) : undefined;
  let fit: (Pick<KFit, 'k' | 'labels' | 'inertia'> & Partial<Pick<KFit, 'silhouettes'>>) | undefined;
  let kSelection: KScore[] = [];
  let recommendedK: number | null = null;
  let reason = `k=${k} was given; no other k was tried`;
  if (settings.scoreRange) {
    const kMax = Math.min(settings.kMax, n - 1);
    if (kMax < kMin) {
      throw new InputError(
        `kMin=${kMin} needs at least ${kMin + 1} usable rows to compare silhouettes; there are ${n}`,
        'kMin',
      );
    }
    if (kMax < settings.kMax) {
      warnings.push(
        `kMax lowered from ${settings.kMax} to ${kMax}: the silhouette needs fewer segments than the ${n} usable rows`,
      );
    }
    const selection = chooseK(X, n, d, { kMin, kMax, method, restarts, seed, onProgress, linkage });
    ({ recommendedK, reason } = selection);
    kSelection = selection.scores;
    warnings.push(...selection.warnings);
    fit = selection.fits.find((f) => f.k === (k ?? recommendedK));
  }
  // The given k outside the scored range: fitted here, so its silhouette is computed once, below.
  const scoreGivenK = !fit;
  if (!fit) {
    fit = fitK(X, n, d, k as number, settings, linkage, warnings);
    if (!settings.scoreRange) onProgress(1, 1);
  }

  const { labels, sizes } = relabelBySize(fit.labels);
  if (sizes.length < fit.k) {
    warnings.push(
      `k=${fit.k} asked for, but only ${sizes.length} distinct segments could be formed (repeated rows or tied merges)`,
    );
  }
  // A row's silhouette does not depend on how segments are numbered: reuse chooseK's when it scored this k.
  const silhouettes =
    sizes.length >= 2 && sizes.length <= n - 1 ? (fit.silhouettes ?? silhouetteSamples(X, n, d, labels)) : null;
  const silhouette = silhouettes ? fsum(silhouettes) / n : null;
  if (scoreGivenK) {
    kSelection = [...kSelection, { k: fit.k, inertia: fit.inertia, silhouette }].sort((a, b) => a.k - b.k);
  }
  return {
    prep,
    labels,
    sizes,
    inertia: fit.inertia,
    silhouette,
    silhouettes,
    kSelection,
    recommendedK,
    reason,
    warnings,
    ...(linkage ? { linkage } : {}),
  };
}

/** One partition into k: k-means, or the Ward tree cut as SciPy's fcluster(maxclust). */
function fitK(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  settings: Settings,
  linkage: Float64Array | undefined,
  warnings: string[],
): Pick<KFit, 'k' | 'labels' | 'inertia'> {
  if (!linkage) {
    const run = kMeans(X, n, d, { k, restarts: settings.restarts, seed: settings.seed });
    warnings.push(...run.warnings);
    return { k, labels: run.labels, inertia: run.inertia };
  }
  const labels = cutLinkage(linkage, n, k);
  return { k, labels, inertia: withinClusterSumOfSquares(X, n, d, labels) };
}

/** Σ‖x − centroid of x's cluster‖², the k-means inertia of any partition (labels 0..m−1). */
function withinClusterSumOfSquares(X: Float64Array, n: number, d: number, labels: Int32Array): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, labels[i] + 1);
  const centroids = new Float64Array(m * d);
  const counts = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    counts[labels[i]]++;
    for (let j = 0; j < d; j++) centroids[labels[i] * d + j] += X[i * d + j];
  }
  for (let c = 0; c < m; c++) for (let j = 0; j < d; j++) centroids[c * d + j] /= counts[c];
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) squares[i] += (X[i * d + j] - centroids[labels[i] * d + j]) ** 2;
  }
  return fsum(squares);
}

/**
 * Progress over one or two passes: with excludeOutliers the first pass counts as half the work, since a second pass
 * may repeat it; when none is needed the count jumps to the end, so a progress bar never stops at half.
 */
function progressReporter(onProgress: SegmentOptions['onProgress'], twoPasses: boolean) {
  let firstTotal = 0;
  let secondRan = false;
  return {
    first: (done: number, total: number) => {
      firstTotal = total;
      onProgress?.(done, twoPasses ? 2 * total : total);
    },
    second: (done: number, total: number) => {
      secondRan = true;
      onProgress?.(firstTotal + done, firstTotal + total);
    },
    done: () => {
      if (twoPasses && !secondRan && firstTotal > 0) onProgress?.(2 * firstTotal, 2 * firstTotal);
    },
  };
}

function plural(count: number): string {
  return count === 1 ? '' : 's';
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
