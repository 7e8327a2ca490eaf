/** Event times grouped by (user, step): the times of user u at step s are `times[offsets[c]..offsets[c + 1] - 1]`. */
export interface EventBuckets {
  /** userCount × stepCount + 1 boundaries into `times`, cell c = u × stepCount + s. */
  readonly offsets: Int32Array;
  /** Event times (epoch ms) in row order within each cell. */
  readonly times: Float64Array;
  /** The row of each bucketed event, parallel to `times` (to read the row's other codes). */
  readonly rows: Int32Array;
}

/**
 * Groups the times of the events that have a user and a funnel step by (user, step) with a counting sort: two passes
 * over the rows, O(n + users × steps), typed arrays only and no comparison sort. The greedy ORDERED rule needs no more
 * than this: the earliest time in a cell at or after a given instant is one scan of a short run.
 *
 * @example
 * bucketEvents(Int32Array.of(1, 0, 1), Int32Array.of(0, 1, 0), Float64Array.of(5, 9, 3), 2, 2);
 * // { offsets: [0, 0, 1, 3, 3], times: [9, 5, 3], rows: [1, 0, 2] }: user 0 step 1 → 9; user 1 step 0 → 5, 3
 */
export function bucketEvents(
  userCodes: Int32Array,
  stepCodes: Int32Array,
  times: Float64Array,
  userCount: number,
  stepCount: number,
): EventBuckets {
  const cells = userCount * stepCount;
  const offsets = new Int32Array(cells + 1);
  for (let i = 0; i < userCodes.length; i++) {
    if (userCodes[i] >= 0 && stepCodes[i] >= 0) offsets[userCodes[i] * stepCount + stepCodes[i] + 1]++;
  }
  for (let c = 0; c < cells; c++) offsets[c + 1] += offsets[c];
  const next = offsets.slice(0, cells);
  const bucketed = new Float64Array(offsets[cells]);
  const rows = new Int32Array(offsets[cells]);
  for (let i = 0; i < userCodes.length; i++) {
    const u = userCodes[i];
    const s = stepCodes[i];
    if (u < 0 || s < 0) continue;
    const p = next[u * stepCount + s]++;
    bucketed[p] = times[i];
    rows[p] = i;
  }
  return { offsets, times: bucketed, rows };
}
