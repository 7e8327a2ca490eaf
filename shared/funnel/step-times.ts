/**
 * Median seconds from the event counted at step i − 1 to the one counted at step i, over the users who reached
 * step i: overall and within each group. Step 1 and steps nobody reached get NaN. The median of an even count is the
 * mean of the two middle values, as pandas' `median`.
 *
 * @param depth steps reached per user (see funnelPaths).
 * @param stepTimes userCount × stepCount counted times in epoch ms.
 * @param groupCodes per user 0..groupCount-1, or -1 to leave the user out of every group; null for no groups.
 * @returns `overall` (stepCount) and `byGroup` (groupCount × stepCount, row-major).
 * @example
 * // two users: steps at 0 s and 60 s, and at 0 s and 180 s
 * medianStepSeconds(Int32Array.of(2, 2), Float64Array.of(0, 60e3, 0, 180e3), 2, null, 0).overall; // [NaN, 120]
 */
export function medianStepSeconds(
  depth: Int32Array,
  stepTimes: Float64Array,
  stepCount: number,
  groupCodes: Int32Array | null,
  groupCount: number,
): { overall: Float64Array; byGroup: Float64Array } {
  const userCount = depth.length;
  const overall = new Float64Array(stepCount).fill(NaN);
  const byGroup = new Float64Array(groupCount * stepCount).fill(NaN);
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
    overall[s] = median(gaps.slice(0, m));
    if (groupCodes && groupCount > 0) {
      for (const [g, values] of bucketByGroup(gaps, gapGroups, m, groupCount)) {
        byGroup[g * stepCount + s] = median(values);
      }
    }
  }
  return { overall, byGroup };
}

/** Sorts `values` in place and returns its median; NaN when empty. */
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
