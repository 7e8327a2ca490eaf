import type { CategoryProfile, FeatureProfile, SegmentProfile } from './types';

export interface ProfileInput {
  /** One label per row: 0..k-1, or -1 for a row in no segment (ignored everywhere). */
  labels: Int32Array;
  k: number;
  /** Original numeric features, raw values per row (NaN = missing). */
  numeric: readonly { name: string; values: Float64Array }[];
  /** Categorical columns as level codes per row (-1 = missing). */
  categorical: readonly { name: string; codes: Int32Array; levels: readonly string[] }[];
  /** Silhouette of each row (NaN = none); omitted → every segment's silhouette is null. */
  silhouettes?: Float64Array;
  /**
   * Labels whose rows form the "overall" reference (default all). Leaving a handful of extreme rows out keeps
   * them from skewing every other segment's comparison.
   */
  baselineLabels?: readonly number[];
}

/**
 * Describes each segment against the overall population, as an analyst would with pandas:
 * - size, and share = size / rows in any segment (so shares sum to 1);
 * - silhouette: mean silhouette of the members (`silhouette_samples` averaged per segment);
 * - per numeric feature: `df.groupby(label)[x].mean()` against `df[x].mean()` over the baseline rows (missing
 *   values skipped, original units), and the standardised difference (mean − overallMean) / overall population
 *   std (`std(ddof=0)`), null when the std is 0 or a mean has no value;
 * - per categorical level: `value_counts(normalize=True)` within the segment against the baseline, shares of the
 *   members whose level is known.
 * One pass over the rows per column: O(n · (features + columns) + k · levels).
 *
 * @example
 * const x = { name: 'x', values: Float64Array.of(1, 3, 8) };
 * profileSegments({ labels: Int32Array.of(0, 0, 1), k: 2, numeric: [x], categorical: [] })[0].features[0];
 * // { name: 'x', mean: 2, overallMean: 4, difference: -0.679… }  (population std √(26/3))
 */
export function profileSegments(input: ProfileInput): SegmentProfile[] {
  const { labels, k } = input;
  const baseline = new Uint8Array(k);
  if (input.baselineLabels) for (const label of input.baselineLabels) baseline[label] = 1;
  else baseline.fill(1);

  const sizes = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) sizes[labels[i]]++;
  let total = 0;
  for (let s = 0; s < k; s++) total += sizes[s];

  const silhouettes = input.silhouettes ? groupMeans(labels, k, input.silhouettes) : null;
  const features: FeatureProfile[][] = Array.from({ length: k }, () => []);
  for (const { name, values } of input.numeric) {
    const means = groupMeans(labels, k, values);
    const { mean, std } = baselineMoments(labels, baseline, values);
    for (let s = 0; s < k; s++) {
      const m = means[s];
      const difference = m === null || mean === null || !(std > 0) ? null : (m - mean) / std;
      features[s].push({ name, mean: m, overallMean: mean, difference });
    }
  }

  const categories: CategoryProfile[][] = Array.from({ length: k }, () => []);
  for (const { name, codes, levels } of input.categorical) {
    const counts = new Float64Array(k * levels.length);
    const known = new Float64Array(k);
    for (let i = 0; i < labels.length; i++) {
      const s = labels[i];
      if (s < 0 || codes[i] < 0) continue;
      counts[s * levels.length + codes[i]]++;
      known[s]++;
    }
    let baselineKnown = 0;
    for (let s = 0; s < k; s++) if (baseline[s]) baselineKnown += known[s];
    levels.forEach((level, l) => {
      let baselineCount = 0;
      for (let s = 0; s < k; s++) if (baseline[s]) baselineCount += counts[s * levels.length + l];
      const overallShare = baselineKnown > 0 ? baselineCount / baselineKnown : 0;
      for (let s = 0; s < k; s++) {
        const share = known[s] > 0 ? counts[s * levels.length + l] / known[s] : 0;
        categories[s].push({ column: name, level, share, overallShare });
      }
    });
  }

  return Array.from({ length: k }, (_, s) => ({
    label: s,
    size: sizes[s],
    share: total > 0 ? sizes[s] / total : 0,
    silhouette: silhouettes ? silhouettes[s] : null,
    features: features[s],
    categories: categories[s],
  }));
}

/** Mean of the non-missing values of each segment; null for a segment with none. */
function groupMeans(labels: Int32Array, k: number, values: Float64Array): (number | null)[] {
  // Adder's compensated sum, one per segment, kept in arrays: the same operations in the same order.
  const sums = new Float64Array(k);
  const compensations = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    const s = labels[i];
    const v = values[i];
    if (s < 0 || v !== v) continue;
    const sum = sums[s];
    const t = sum + v;
    compensations[s] += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sums[s] = t;
    counts[s]++;
  }
  return Array.from(sums, (sum, s) => (counts[s] > 0 ? (sum + compensations[s]) / counts[s] : null));
}

/** Mean and population std of the non-missing values of the baseline rows (two passes, compensated as Adder). */
function baselineMoments(
  labels: Int32Array,
  baseline: Uint8Array,
  values: Float64Array,
): { mean: number | null; std: number } {
  let sum = 0;
  let compensation = 0;
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    const s = labels[i];
    const v = values[i];
    if (s < 0 || !baseline[s] || v !== v) continue;
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    count++;
  }
  if (count === 0) return { mean: null, std: NaN };
  const mean = (sum + compensation) / count;
  let squares = 0;
  let squaresCompensation = 0;
  for (let i = 0; i < labels.length; i++) {
    const s = labels[i];
    const v = values[i];
    if (s < 0 || !baseline[s] || v !== v) continue;
    const x = (v - mean) ** 2;
    const t = squares + x;
    squaresCompensation += Math.abs(squares) >= Math.abs(x) ? squares - t + x : x - t + squares;
    squares = t;
  }
  return { mean, std: Math.sqrt((squares + squaresCompensation) / count) };
}
