import { InputError } from '../errors';

/** Default `minSegmentShare`: a segment of under 1% of the rows is flagged as an outlier segment. */
export const DEFAULT_MIN_SEGMENT_SHARE = 0.01;

/**
 * Flags the segments too small to be a market segment: size < minSegmentShare × (sum of sizes). Such a segment is
 * usually a handful of extreme rows (bots with huge usage and one active day, test accounts, data errors) that
 * k-means isolates because they sit far from everyone; `runSegmentation` can set them aside and cluster the rest.
 *
 * @throws InputError unless 0 ≤ minSegmentShare < 1.
 * @example
 * flagSmallSegments([990, 9, 1], 0.01); // [false, true, true]
 */
export function flagSmallSegments(sizes: ArrayLike<number>, minSegmentShare: number): boolean[] {
  checkMinSegmentShare(minSegmentShare);
  let total = 0;
  for (let s = 0; s < sizes.length; s++) total += sizes[s];
  return Array.from(sizes, (size) => size < minSegmentShare * total);
}

/** @throws InputError unless 0 ≤ minSegmentShare < 1. */
export function checkMinSegmentShare(minSegmentShare: number): void {
  if (!(minSegmentShare >= 0 && minSegmentShare < 1)) {
    throw new InputError(
      `minSegmentShare=${minSegmentShare} must be a fraction of the rows, at least 0 and below 1`,
      'minSegmentShare',
    );
  }
}

/**
 * The positions i whose label is flagged (labels[i] ≥ 0 and flagged[labels[i]]), ascending.
 *
 * @example
 * rowsInSegments(Int32Array.of(0, 2, -1, 2), [false, false, true]); // [1, 3]
 */
export function rowsInSegments(labels: Int32Array, flagged: readonly boolean[]): number[] {
  const rows: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0 && flagged[labels[i]]) rows.push(i);
  return rows;
}
