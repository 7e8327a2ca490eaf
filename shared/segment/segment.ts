import { InputError } from '../errors';
import type { Helper } from '../parallel/helper';
import { fsum } from '../math/sum';
import { getColumn, stringValues } from '../table/access';
import type { Table } from '../table/types';
import { createRng } from '../random';
import {
  chooseK,
  chooseKCost,
  restartScreening,
  scoreK,
  silhouetteFields,
  silhouetteRowsFor,
  type KFit,
  type KScore,
} from './choose-k';
import { WorkMeter } from './progress';
import {
  algorithmFor,
  buildWardTree,
  fitCost,
  fitPartition,
  treeCost,
  withinCluster,
  type Algorithm,
  type WardTree,
} from './fit-partition';
import { centroidDistances } from './centroid-distances';
import { kMeans } from './kmeans';
import { nameSegments } from './names';
import { checkMinSegmentShare, DEFAULT_MIN_SEGMENT_SHARE, flagSmallSegments, rowsInSegments } from './outliers';
import { preprocess, type Preprocessed } from './preprocess';
import { segmentModel } from './assign';
import { checkStabilityResamples, segmentStability, stabilityProgress } from './stability';
import { profileSegments } from './profile';
import { relabelBySize } from './relabel';
import { kMeansRestartCost, silhouetteCost } from './progress';
import { estimateSilhouette, sampleRows, SILHOUETTE_SAMPLE_SIZE, type SilhouetteMethod } from './sampled-silhouette';
import { silhouetteAgainstSample } from './silhouette-against-sample';
import type { Segment, SegmentationResult, SegmentMethod, SegmentOptions } from './types';

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
 * - At scale (see algorithmFor, SILHOUETTE_SAMPLE_SIZE): k-means turns mini-batch from `miniBatchThreshold` rows
 *   (default 1,000,000; `miniBatch` then reports its fit against full k-means on a 20,000-row sample), Ward turns
 *   hybrid above `exactWardLimit` rows (default 20,000; k-means micro-clusters, then Ward on them), and the
 *   silhouette is that of one seeded sample of `silhouetteSampleSize` rows (default 5,000) above that many rows,
 *   with its standard error, unless `exactSilhouette` is set. The result says which (`algorithm`,
 *   `silhouetteMethod`).
 * Deterministic for a given seed. Cost: that of `chooseK` (O(K·m²·d) for the silhouettes, m = min(n, sample
 * size)), twice with outliers set aside.
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
  const metricsProgress = withRowMetricsWork(
    options.onProgress,
    options.rowMetrics ? rowMetricsCost(table.rowCount, settings) : 0,
  );
  const overall = stabilityProgress(metricsProgress.onProgress, options.stabilityResamples, fits);
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
    ...(options.rowMetrics ? rowMetrics(final, table.rowCount, metricsProgress.rows) : {}),
    silhouette: final.silhouette,
    silhouetteMethod: final.silhouetteMethod,
    silhouetteSampleSize: final.silhouetteSampleSize,
    silhouetteStandardError: final.silhouetteStandardError,
    algorithm: final.algorithm,
    miniBatch: final.miniBatch,
    wardHybrid: final.tree?.kind === 'WARD_HYBRID' ? { microClusters: final.tree.hybrid.microClusters } : null,
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
    ...dendrogram(final),
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
  exactSilhouette: boolean;
  silhouetteSampleSize?: number;
  restartSampleSize?: number;
  miniBatchThreshold?: number;
  exactWardLimit?: number;
  fitted?: readonly KFit[];
  helper?: Helper;
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
    exactSilhouette: options.exactSilhouette ?? false,
    silhouetteSampleSize: options.silhouetteSampleSize,
    restartSampleSize: positiveWhole(options.restartSampleSize, 'restartSampleSize'),
    miniBatchThreshold: positiveWhole(options.miniBatchThreshold, 'miniBatchThreshold'),
    exactWardLimit: positiveWhole(options.exactWardLimit, 'exactWardLimit'),
    fitted: options.fitted,
    helper: options.helper,
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
  silhouetteMethod: SilhouetteMethod | null;
  silhouetteSampleSize: number | null;
  silhouetteStandardError: number | null;
  /** The rows (of prep.X) the silhouette was sampled on; null when it is exact. */
  silhouetteRows: Int32Array | null;
  kSelection: KScore[];
  recommendedK: number | null;
  reason: string;
  warnings: string[];
  algorithm: Algorithm;
  tree: WardTree | null;
  miniBatch: SegmentationResult['miniBatch'];
}

/** Rows of the seeded sample on which a mini-batch fit is checked against full k-means. */
const MINI_BATCH_CHECK_ROWS = 20_000;

function analyse(
  table: Table,
  settings: Settings,
  rows: number[] | undefined,
  onProgress: (done: number, total: number) => void,
): Analysis {
  const prep = preprocessFor(table, settings, rows);
  const { X, n, d } = prep;
  const { k, kMin, method, restarts, seed } = settings;
  const warnings: string[] = [];
  if (k !== undefined && k > n) throw new InputError(`k=${k} exceeds the ${n} usable rows`, 'k');

  const algorithm = algorithmFor(method, n, settings);
  const silhouetteRows = silhouetteRowsFor(n, {
    exact: settings.exactSilhouette,
    sampleSize: settings.silhouetteSampleSize,
    seed,
  });
  const scored = silhouetteRows?.length ?? n;
  const kMax = settings.scoreRange ? Math.min(settings.kMax, n - 1) : settings.kMax;
  if (settings.scoreRange && kMax < kMin) {
    throw new InputError(
      `kMin=${kMin} needs at least ${kMin + 1} usable rows to compare silhouettes; there are ${n}`,
      'kMin',
    );
  }

  // Progress: chooseK plans its own work; around it come the tree, a given k outside the scored range and the
  // mini-batch check, planned here as `extra`.
  const givenOutside = k !== undefined && (!settings.scoreRange || k < kMin || k > kMax);
  const checkRows = Math.min(n, MINI_BATCH_CHECK_ROWS);
  let extra = treeCost(algorithm, n);
  if (givenOutside) extra += fitCost(algorithm, n, k, restarts) + silhouetteCost(scored);
  if (algorithm === 'MINI_BATCH_KMEANS') extra += restarts * kMeansRestartCost(checkRows, k ?? kMax);
  let planned = 0;
  let plannedDone = 0;
  let extraDone = 0;
  const advance = (units: number) => {
    extraDone = Math.min(extra, extraDone + units);
    onProgress(plannedDone + extraDone, planned + extra);
  };
  if (settings.scoreRange) {
    // chooseK's plan, known before its first report, so the first total reported is already the whole pass.
    planned = chooseKCost(algorithm, n, kMin, kMax, restarts, scored, settings.restartSampleSize);
  }

  const tree = algorithm === 'WARD' || algorithm === 'WARD_HYBRID' ? buildWardTree(X, n, d, algorithm, seed) : null;
  advance(treeCost(algorithm, n));

  let fit: Omit<KFit, 'centroids'> | undefined;
  let kSelection: KScore[] = [];
  let recommendedK: number | null = null;
  let reason = `k=${k} was given; no other k was tried`;
  if (settings.scoreRange) {
    if (kMax < settings.kMax) {
      warnings.push(
        `kMax lowered from ${settings.kMax} to ${kMax}: the silhouette needs fewer segments than the ${n} usable rows`,
      );
    }
    const selection = chooseK(X, n, d, {
      kMin,
      kMax,
      method,
      restarts,
      seed,
      tree: tree ?? undefined,
      exactSilhouette: settings.exactSilhouette,
      silhouetteSampleSize: settings.silhouetteSampleSize,
      restartSampleSize: settings.restartSampleSize,
      miniBatchThreshold: settings.miniBatchThreshold,
      exactWardLimit: settings.exactWardLimit,
      // Fits made elsewhere are of every input row: they belong to the first pass only.
      ...(rows === undefined && settings.fitted ? { fitted: settings.fitted } : {}),
      onProgress: (done, total) => {
        planned = total;
        plannedDone = done;
        onProgress(plannedDone + extraDone, planned + extra);
      },
    });
    ({ recommendedK, reason } = selection);
    kSelection = selection.scores;
    warnings.push(...selection.warnings);
    fit = selection.fits.find((f) => f.k === (k ?? recommendedK));
  }
  // The given k outside the scored range: fitted here, so its silhouette is computed once, below.
  const scoreGivenK = !fit;
  if (!fit) {
    const partition = fitPartition(X, n, d, k as number, {
      algorithm,
      restarts,
      seed,
      tree: tree ?? undefined,
      helper: settings.helper,
      onWork: advance,
    });
    warnings.push(...partition.warnings);
    fit = {
      k: k as number,
      labels: partition.labels,
      inertia: partition.inertia,
      ...silhouetteFields(null),
      ...(partition.miniBatch ? { miniBatch: partition.miniBatch } : {}),
    };
  }

  const { labels, sizes } = relabelBySize(fit.labels);
  if (sizes.length < fit.k) {
    warnings.push(
      `k=${fit.k} asked for, but only ${sizes.length} distinct segments could be formed (repeated rows or tied merges)`,
    );
  }
  // A row's silhouette does not depend on how segments are numbered: reuse chooseK's when it scored this k.
  const silhouette = scoreGivenK
    ? silhouetteFields(
        estimateSilhouette(X, n, d, labels, {
          exact: silhouetteRows === null,
          rows: silhouetteRows,
          helper: settings.helper,
        }),
      )
    : fit;
  if (scoreGivenK) {
    advance(silhouetteCost(scored));
    kSelection = [...kSelection, { k: fit.k, inertia: fit.inertia, silhouette: silhouette.silhouette }].sort(
      (a, b) => a.k - b.k,
    );
  }
  const miniBatch = fit.miniBatch ? checkMiniBatch(X, n, d, labels, settings, checkRows, fit.miniBatch) : null;
  advance(extra);
  return {
    prep,
    labels,
    sizes,
    inertia: fit.inertia,
    silhouette: silhouette.silhouette,
    silhouettes: silhouette.silhouettes,
    silhouetteMethod: silhouette.silhouetteMethod,
    silhouetteSampleSize: silhouette.silhouetteSampleSize,
    silhouetteStandardError: silhouette.silhouetteStandardError,
    silhouetteRows,
    kSelection,
    recommendedK,
    reason,
    warnings,
    algorithm,
    tree,
    miniBatch,
  };
}

function preprocessFor(table: Table, settings: Settings, rows: number[] | undefined): Preprocessed {
  return preprocess(table, {
    features: settings.features,
    categorical: settings.categorical,
    missing: settings.missing,
    scaling: settings.scaling,
    logTransform: settings.logTransform,
    rows,
  });
}

/**
 * The fits runSegmentation's choice of k makes for the given k values, each scored by its silhouette (chooseK's
 * scoreK over the same preprocessed rows, silhouette sample and restart screening), so that the k of one range can
 * be fitted in several threads and handed to runSegmentation as `fitted`: runSegmentation(table, { ...options,
 * fitted }) then returns what runSegmentation(table, options) returns. k values outside the range runSegmentation
 * would score (kMin..kMax, capped at usable rows − 1) are skipped. KMEANS only: a Ward tree is built once for all k.
 *
 * Cost: that of the given k's share of chooseK; progress (`onProgress`) counts their fits and silhouettes.
 *
 * @throws InputError as runSegmentation, and for method WARD.
 */
export function fitSegmentKs(table: Table, options: SegmentOptions, ks: readonly number[]): KFit[] {
  const settings = resolve(options);
  if (settings.method !== 'KMEANS') {
    throw new InputError('fitSegmentKs: only KMEANS fits k values apart; WARD cuts one tree', 'method');
  }
  const { X, n, d } = preprocessFor(table, settings, undefined);
  const kMax = Math.min(settings.kMax, n - 1);
  const wanted = ks.filter((k) => k >= settings.kMin && k <= kMax);
  const algorithm = algorithmFor(settings.method, n, settings);
  const silhouetteRows = silhouetteRowsFor(n, {
    exact: settings.exactSilhouette,
    sampleSize: settings.silhouetteSampleSize,
    seed: settings.seed,
  });
  const screen = restartScreening(algorithm, n, settings.restartSampleSize);
  const scored = silhouetteRows?.length ?? n;
  const total = wanted.reduce(
    (sum, k) => sum + chooseKCost(algorithm, n, k, k, settings.restarts, scored, settings.restartSampleSize),
    0,
  );
  const meter = new WorkMeter(total, options.onProgress);
  const fits = wanted.map((k) =>
    scoreK(X, n, d, k, {
      algorithm,
      restarts: settings.restarts,
      seed: settings.seed,
      restartSampleSize: screen,
      tree: null,
      silhouetteRows,
      onWork: (units) => meter.advance(units),
    }),
  );
  meter.finish();
  return fits;
}

/**
 * A mini-batch fit against full k-means on a seeded sample of rows (sampleRows from createRng(seed)): the sample's
 * squared distances to the nearest segment centroid (the segments' means over all rows) against the inertia of
 * kMeans (same k, restarts and seed) fitted on the sample alone.
 */
function checkMiniBatch(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  settings: Settings,
  sampleSize: number,
  run: { steps: number; batchSize: number },
): NonNullable<SegmentationResult['miniBatch']> {
  const { centroids } = withinCluster(X, n, d, labels);
  const m = centroids.length / d;
  const rows = sampleRows(n, sampleSize, createRng(settings.seed));
  const sample = new Float64Array(sampleSize * d);
  rows.forEach((row, s) => sample.set(X.subarray(row * d, row * d + d), s * d));
  const squares = new Float64Array(sampleSize);
  for (let s = 0; s < sampleSize; s++) {
    let best = Infinity;
    for (let c = 0; c < m; c++) {
      let t = 0;
      for (let j = 0; j < d; j++) t += (sample[s * d + j] - centroids[c * d + j]) ** 2;
      if (t < best) best = t;
    }
    squares[s] = best;
  }
  const full = kMeans(sample, sampleSize, d, { k: m, restarts: settings.restarts, seed: settings.seed });
  return {
    batchSize: run.batchSize,
    steps: run.steps,
    sampleSize,
    inertiaOnSample: fsum(squares),
    fullInertiaOnSample: full.inertia,
  };
}

/**
 * Progress over one or two passes: with excludeOutliers the first pass counts as half the work, since a second pass
 * may repeat it; when none is needed the count jumps to the end, so a progress bar never stops at half. The second
 * pass is planned from its own rows; should it plan more work than the first (Ward turning exact below its limit),
 * the share already reported is kept rather than moving back.
 */
function progressReporter(onProgress: SegmentOptions['onProgress'], twoPasses: boolean) {
  let firstTotal = 0;
  let secondRan = false;
  let shown = 0;
  const report = (done: number, total: number) => {
    if (total > 0) shown = Math.max(shown, done / total);
    onProgress?.(shown * total, total);
  };
  return {
    first: (done: number, total: number) => {
      firstTotal = total;
      report(done, twoPasses ? 2 * total : total);
    },
    second: (done: number, total: number) => {
      secondRan = true;
      report(firstTotal + done, firstTotal + total);
    },
    done: () => {
      if (twoPasses && !secondRan && firstTotal > 0) report(2 * firstTotal, 2 * firstTotal);
    },
  };
}

/**
 * The work of the row metrics in progress units (silhouetteCost's: 1.5 per distance with its square root and sum):
 * n·m distances when the silhouette is sampled (m rows), nothing worth counting when it is exact (reused).
 */
function rowMetricsCost(rows: number, settings: Settings): number {
  const m = settings.silhouetteSampleSize ?? SILHOUETTE_SAMPLE_SIZE;
  return settings.exactSilhouette || rows <= m ? 0 : 1.5 * rows * m;
}

/**
 * Progress with the row metrics as the last `work` units, after the clustering and stability reported through
 * `onProgress`: their totals grow by `work`, and `rows(done, total)` moves the bar through that last stretch. The
 * fraction shown never goes back.
 */
function withRowMetricsWork(onProgress: SegmentOptions['onProgress'], work: number) {
  let total = 0;
  let shown = 0;
  const report = (done: number, all: number) => {
    if (all > 0) shown = Math.max(shown, done / all);
    onProgress?.(shown * all, all);
  };
  return {
    onProgress:
      onProgress &&
      (work === 0
        ? onProgress
        : (done: number, all: number) => {
            total = all;
            report(done, all + work);
          }),
    rows: (done: number, rows: number) => {
      if (work > 0 && rows > 0) report(total + (work * done) / rows, total + work);
    },
  };
}

/**
 * Each input row's distance to its segment's centre (the segment's mean in the scaled space: the k-means centre,
 * the centroid `assignSegments` uses) and its own silhouette: exact (silhouetteSamples) when the run's silhouette is,
 * otherwise measured against the run's silhouette sample (silhouetteAgainstSample: the sampled rows get their
 * in-sample values, every other row is scored against the sample). Rows left out (dropped, set aside) get NaN.
 */
function rowMetrics(
  final: Analysis,
  rowCount: number,
  onRows: (done: number, total: number) => void,
): Pick<SegmentationResult, 'rowDistances' | 'rowSilhouettes'> {
  const { X, n, d, rowIndex } = final.prep;
  const { centroids } = withinCluster(X, n, d, final.labels);
  const distances = centroidDistances(X, n, d, final.labels, centroids);
  const silhouettes =
    final.silhouetteRows === null
      ? (final.silhouettes ?? new Float64Array(n).fill(NaN))
      : silhouetteAgainstSample(X, n, d, final.labels, final.silhouetteRows, onRows);
  onRows(n, n);
  const rowDistances = new Float64Array(rowCount).fill(NaN);
  const rowSilhouettes = new Float64Array(rowCount).fill(NaN);
  rowIndex.forEach((row, i) => {
    rowDistances[row] = distances[i];
    rowSilhouettes[row] = silhouettes[i];
  });
  return { rowDistances, rowSilhouettes };
}

/** The Ward tree for the dendrogram: leaves are rows (exact) or micro-clusters shown by their central row. */
function dendrogram(analysis: Analysis): Pick<SegmentationResult, 'linkage' | 'linkageRows'> {
  const tree = analysis.tree;
  if (tree === null) return {};
  if (tree.kind === 'WARD') return { linkage: tree.linkage, linkageRows: analysis.prep.rowIndex };
  const rowIndex = analysis.prep.rowIndex;
  return {
    linkage: tree.hybrid.linkage,
    linkageRows: Int32Array.from(tree.hybrid.representatives, (i) => rowIndex[i]),
  };
}

function positiveWhole(value: number | undefined, name: string): number | undefined {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
    throw new InputError(`${name}=${value} must be a whole number of rows, at least 1`, name);
  }
  return value;
}

function plural(count: number): string {
  return count === 1 ? '' : 's';
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
