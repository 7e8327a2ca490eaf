import { fsum } from '../math/sum';
import type { Percentiles } from './types';

/**
 * The distribution of seconds from the event counted at step i − 1 to the one counted at step i, over the users who
 * reached step i, overall and within each group: the 25th, 50th, 75th and 90th percentiles with numpy's default
 * (linear) interpolation, as `numpy.percentile(gaps, [25, 50, 75, 90])`, and the mean. Step 1 and steps nobody
 * reached get null. `medians` holds the medians from the same sort (the mean of the two middle values of an even
 * count, as pandas' `median`), NaN where the percentiles are null. O(users × steps + sorting the gaps).
 *
 * @param depth steps reached per user (see funnelPaths).
 * @param stepTimes userCount × stepCount counted times in epoch ms.
 * @param groupCodes per user 0..groupCount-1, or -1 to leave the user out of every group; null for no groups.
 *
 * @example
 * // two users: steps at 0 s and 60 s, and at 0 s and 180 s
 * timeToConvert(Int32Array.of(2, 2), Float64Array.of(0, 60e3, 0, 180e3), 2, null, 0).overall[1];
 * // { p25: 90, median: 120, p75: 150, p90: 168, mean: 120 }
 */
export function timeToConvert(
  depth: Int32Array,
  stepTimes: Float64Array,
  stepCount: number,
  groupCodes: Int32Array | null,
  groupCount: number,
): {
  overall: (Percentiles | null)[];
  byGroup: (Percentiles | null)[];
  medians: { overall: Float64Array; byGroup: Float64Array };
} {
  const userCount = depth.length;
  const medians = {
    overall: new Float64Array(stepCount).fill(NaN),
    byGroup: new Float64Array(groupCount * stepCount).fill(NaN),
  };
  const overall: (Percentiles | null)[] = new Array<Percentiles | null>(stepCount).fill(null);
  const byGroup: (Percentiles | null)[] = new Array<Percentiles | null>(groupCount * stepCount).fill(null);
  const gaps = new Float64Array(userCount);
  const gapGroups = new Int32Array(userCount);
  for (let s = 1; s < stepCount; s++) {
    let m = 0;
    for (let u = 0; u < userCount; u++) {
      if (depth[u] <= s) continue;
      gaps[m] = (stepTimes[u * stepCount + s] - stepTimes[u * stepCount + s - 1]) / 1000;
      gapGroups[m] = groupCodes ? groupCodes[u] : -1;
      m++;
    }
    if (groupCodes && groupCount > 0) {
      for (const [g, values] of bucketByGroup(gaps, gapGroups, m, groupCount)) {
        byGroup[g * stepCount + s] = percentiles(values);
        medians.byGroup[g * stepCount + s] = median(values);
      }
    }
    overall[s] = percentiles(gaps.subarray(0, m));
    medians.overall[s] = median(gaps.subarray(0, m));
  }
  return { overall, byGroup, medians };
}

/** Sorts `values` in place; null when empty. The mean uses a compensated sum. */
function percentiles(values: Float64Array): Percentiles | null {
  const n = values.length;
  if (n === 0) return null;
  values.sort();
  return {
    p25: linearPercentile(values, 0.25),
    median: linearPercentile(values, 0.5),
    p75: linearPercentile(values, 0.75),
    p90: linearPercentile(values, 0.9),
    mean: fsum(values) / n,
  };
}

/**
 * The q-quantile of sorted values by numpy's 'linear' method: virtual index (n − 1)·q between the order statistics
 * below and above, interpolated as numpy's `_lerp` (from the upper value when the fraction is ½ or more).
 */
export function linearPercentile(sorted: ArrayLike<number>, q: number): number {
  const index = (sorted.length - 1) * q;
  const below = Math.floor(index);
  const fraction = index - below;
  const a = sorted[below];
  const b = sorted[Math.min(below + 1, sorted.length - 1)];
  const difference = b - a;
  return fraction >= 0.5 ? b - difference * (1 - fraction) : a + difference * fraction;
}

/** Sorts `values` in place (a no-op when already sorted) and returns its median; NaN when empty. */
function median(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  values.sort();
  const mid = n >> 1;
  return n % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** The first m gaps split by group with a counting sort: one Float64Array per non-empty group. */
function bucketByGroup(
  gaps: Float64Array,
  groups: Int32Array,
  m: number,
  groupCount: number,
): Map<number, Float64Array> {
  const starts = new Int32Array(groupCount + 1);
  for (let i = 0; i < m; i++) if (groups[i] >= 0) starts[groups[i] + 1]++;
  for (let g = 0; g < groupCount; g++) starts[g + 1] += starts[g];
  const sorted = new Float64Array(starts[groupCount]);
  const next = starts.slice(0, groupCount);
  for (let i = 0; i < m; i++) if (groups[i] >= 0) sorted[next[groups[i]]++] = gaps[i];
  const buckets = new Map<number, Float64Array>();
  for (let g = 0; g < groupCount; g++) {
    if (starts[g + 1] > starts[g]) buckets.set(g, sorted.subarray(starts[g], starts[g + 1]));
  }
  return buckets;
}
