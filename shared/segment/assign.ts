import { InputError } from '../errors';
import { numericValues, stringValues } from '../table/access';
import type { Table } from '../table/types';
import type { Preprocessed } from './preprocess';
import type { MissingPolicy, Scaling } from './types';

/** One expanded feature of a run as stored: how a new row's value becomes its coordinate in the scaled space. */
export interface ModelFeature {
  /** "income", or "region=1" for the indicator of a level. */
  name: string;
  source: string;
  /** The level this indicator stands for; null for a numeric feature. */
  level: string | null;
  log: boolean;
  /** The value that stood in for a missing cell (ZERO: 0; MEAN: the run's mean or the level's share); null under DROP. */
  fill: number | null;
  /** coordinate = (value − center) / scale. */
  center: number;
  scale: number;
}

/**
 * What a segmentation run keeps so that new rows can be put into its segments without clustering again, as a
 * fitted scikit-learn pipeline does: the missing policy and fill values, the log1p columns, the category levels
 * (one indicator each), the scaling means and spreads, and each segment's centroid in the scaled space.
 */
export interface SegmentModel {
  missing: MissingPolicy;
  scaling: Scaling;
  /** The original columns, in the run's order: numbers, or categories expanded into indicators. */
  sources: { name: string; kind: 'NUMERIC' | 'CATEGORICAL' }[];
  features: ModelFeature[];
  /** Per segment label 0..k−1: the mean of its rows in the scaled space (k-means: the final cluster centre). */
  centroids: number[][];
  /** Per segment: the largest distance of one of its rows to its centroid in the run. */
  maxDistances: number[];
}

/**
 * The model of a run from its final pass: `prep` (the matrix and its preprocessing) and the labels 0..k−1 of its rows.
 * Centroids are the segments' means, which for k-means at convergence are scikit-learn's `cluster_centers_` and for
 * Ward the centres a new row is compared with.
 */
export function segmentModel(
  prep: Preprocessed,
  labels: Int32Array,
  k: number,
  missing: MissingPolicy,
  scaling: Scaling,
): SegmentModel {
  const { X, n, d } = prep;
  // Flat k×d arrays in the loops; sums in row order, so the same centroids as summing row by row per segment.
  const flat = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0, p = 0; i < n; i++, p += d) {
    const q = labels[i] * d;
    counts[labels[i]]++;
    for (let j = 0; j < d; j++) flat[q + j] += X[p + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) flat[c * d + j] /= counts[c];
  // The largest squared distance per segment, its root taken once: the root is monotone, so the same maximum.
  const maxSquares = new Float64Array(k);
  for (let i = 0, p = 0; i < n; i++, p += d) {
    const q = labels[i] * d;
    let sum = 0;
    for (let j = 0; j < d; j++) sum += (X[p + j] - flat[q + j]) ** 2;
    if (sum > maxSquares[labels[i]]) maxSquares[labels[i]] = sum;
  }
  const centroids = Array.from({ length: k }, (_, c) => Array.from(flat.subarray(c * d, c * d + d)));
  const maxDistances = Array.from(maxSquares, Math.sqrt);
  return {
    missing,
    scaling,
    sources: prep.sources.map((s) => ({ name: s.name, kind: s.kind })),
    features: prep.columns.map((f) => ({ ...f, fill: Number.isNaN(f.fill) ? null : f.fill })),
    centroids,
    maxDistances,
  };
}

export interface Assignment {
  /** Per row: the nearest segment's label, or −1 for a row that cannot be placed (see warnings). */
  labels: Int32Array;
  /** Per row: Euclidean distance to that segment's centroid in the scaled space; NaN when unplaced. */
  distances: Float64Array;
  warnings: string[];
}

/**
 * Puts new rows into a stored run's segments: the run's own preprocessing is applied to them — a missing value
 * filled with the run's fill (ZERO, MEAN) or the row left unplaced (DROP), log1p where the run took it, one
 * indicator per level the run saw (a level it never saw counts as no level), each coordinate scaled with the run's
 * centre and spread — and each row goes to the nearest centroid (ties to the lower label), as scikit-learn's
 * `scaler.transform(X_new)` then `KMeans.predict`. Nothing is refitted: new rows do not move the segments.
 * Rows set aside as outliers in the run (excludeOutliers) formed no centroid, so every new row goes to one of the k
 * clustered segments; a warning counts the rows farther from their centroid than any member of that segment was.
 *
 * @throws InputError naming every one of the run's feature columns that the new rows lack, or a column that holds
 *   text where the run had numbers.
 * @example
 * assignSegments(nextMonth, run.model); // { labels: [2, 0, …], distances: [0.41, 1.3, …], warnings: [] }
 */
export function assignSegments(table: Table, model: SegmentModel): Assignment {
  const names = new Set(table.columns.map((c) => c.name));
  const absent = model.sources.filter((s) => !names.has(s.name)).map((s) => `"${s.name}"`);
  if (absent.length > 0) {
    throw new InputError(
      `columns: the new rows lack ${absent.length === 1 ? 'the column' : 'the columns'} ${absent.join(', ')} that ` +
        `the segmentation was made from; every one of ${model.sources.map((s) => `"${s.name}"`).join(', ')} is needed`,
      'columns',
    );
  }
  const n = table.rowCount;
  const d = model.features.length;
  const X = new Float64Array(n * d);
  const unplaced = new Uint8Array(n);
  const missingByColumn = new Map<string, number>();
  const invalidByColumn = new Map<string, number>();
  const unseenLevels = new Map<string, Map<string, number>>();
  const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

  for (const source of model.sources) {
    const column = table.columns.find((c) => c.name === source.name)!;
    const features = model.features.map((f, j) => ({ f, j })).filter(({ f }) => f.source === source.name);
    if (source.kind === 'NUMERIC') {
      const { f, j } = features[0];
      const values = numericValues(column, 'columns');
      for (let i = 0; i < n; i++) {
        let v = values[i];
        if (Number.isNaN(v)) {
          bump(missingByColumn, source.name);
          if (f.fill === null) {
            unplaced[i] = 1;
            continue;
          }
          v = f.fill;
        }
        if (f.log) v = Math.log1p(v);
        if (!Number.isFinite(v)) {
          bump(invalidByColumn, source.name);
          unplaced[i] = 1;
          continue;
        }
        X[i * d + j] = (v - f.center) / f.scale;
      }
    } else {
      const values = stringValues(column);
      const position = new Map(features.map(({ f }, index) => [f.level as string, index]));
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const missing = v === null || v === '';
        if (missing) bump(missingByColumn, source.name);
        if (missing && features[0].f.fill === null) {
          unplaced[i] = 1;
          continue;
        }
        const at = missing ? -1 : (position.get(v) ?? -1);
        if (!missing && at < 0) {
          const levels = unseenLevels.get(source.name) ?? new Map<string, number>();
          unseenLevels.set(source.name, levels);
          bump(levels, v);
        }
        features.forEach(({ f, j }, index) => {
          const raw = missing ? (f.fill as number) : index === at ? 1 : 0;
          X[i * d + j] = (raw - f.center) / f.scale;
        });
      }
    }
  }

  const labels = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n).fill(NaN);
  let beyond = 0;
  for (let i = 0; i < n; i++) {
    if (unplaced[i]) continue;
    let best = 0;
    let bestSquared = Infinity;
    model.centroids.forEach((centroid, c) => {
      const squared = squaredDistance(X, i * d, centroid);
      if (squared < bestSquared) {
        bestSquared = squared;
        best = c;
      }
    });
    labels[i] = best;
    distances[i] = Math.sqrt(bestSquared);
    if (distances[i] > model.maxDistances[best]) beyond++;
  }

  return {
    labels,
    distances,
    warnings: warningsOf(model, n, unplaced, missingByColumn, invalidByColumn, unseenLevels, beyond),
  };
}

function warningsOf(
  model: SegmentModel,
  n: number,
  unplaced: Uint8Array,
  missingByColumn: Map<string, number>,
  invalidByColumn: Map<string, number>,
  unseenLevels: Map<string, Map<string, number>>,
  beyond: number,
): string[] {
  const warnings: string[] = [];
  const list = (counts: Map<string, number>) => [...counts].map(([name, count]) => `"${name}" (${count})`).join(', ');
  if (missingByColumn.size > 0) {
    warnings.push(
      model.missing === 'DROP'
        ? `rows with a missing value get no segment, as the run dropped such rows (missing = DROP): ${list(missingByColumn)}`
        : `missing values filled as the run filled them (missing = ${model.missing}): ${list(missingByColumn)}`,
    );
  }
  if (invalidByColumn.size > 0) {
    warnings.push(
      `rows with a value log1p cannot take (≤ −1) or an infinite value get no segment: ${list(invalidByColumn)}`,
    );
  }
  for (const [column, levels] of unseenLevels) {
    const shown = [...levels].map(([level, count]) => `"${level}" (${count} row${count === 1 ? '' : 's'})`).join(', ');
    warnings.push(`column "${column}": ${shown} never seen in the run; such rows count as no level of "${column}"`);
  }
  const count = unplaced.reduce((s, u) => s + u, 0);
  if (count > 0) warnings.push(`${count} of ${n} rows got no segment (label null)`);
  if (beyond > 0) {
    warnings.push(
      `${beyond} row${beyond === 1 ? ' lies' : 's lie'} farther from the nearest segment's centre than any of that ` +
        "segment's members did in the run: they may fit no segment well (see distances)",
    );
  }
  return warnings;
}

function squaredDistance(X: Float64Array, offset: number, centroid: number[]): number {
  let sum = 0;
  for (let j = 0; j < centroid.length; j++) sum += (X[offset + j] - centroid[j]) ** 2;
  return sum;
}
