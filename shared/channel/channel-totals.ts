import { Adder } from '../math/sum';
import type { ChannelTotals } from './types';

/** A users table encoded for the core: one entry per row. */
export interface ChannelRows {
  /** Channel of each row, 0..channelCount-1; -1 = missing (the row is left out). */
  readonly channelCodes: Int32Array;
  readonly channelCount: number;
  /** 1 = converted, anything else = not; null when there is no conversion column. */
  readonly converted: Float64Array | null;
  /** Value of each row, NaN = missing; null when there is no value column. */
  readonly values: Float64Array | null;
}

/**
 * The sufficient statistics of channel economics, per channel or per group × channel: users (rows), conversions,
 * the compensated sum and count of converters' values, and converters without a value — what a pandas
 * `groupby(channel).agg(...)` over the rows gives, and what a service can compute in SQL instead.
 * A converter is a row with converted = 1; without a conversion column, a row whose value is above 0; with neither,
 * conversions are unknown (null). Values of non-converters do not count. O(n).
 *
 * @param groupCodes per row 0..groupCount-1, or -1 to leave the row out; null for per-channel totals.
 * @returns groupCount × channelCount totals, row-major (channelCount of them without groups).
 * @example
 * channelTotals({ channelCodes: Int32Array.of(0, 0, 1), channelCount: 2, converted: Float64Array.of(1, 0, 1),
 *   values: Float64Array.of(100, 50, NaN) })[0];
 * // { users: 2, conversions: 1, valueSum: 100, valueCount: 1, missingValues: 0 }
 */
export function channelTotals(
  rows: ChannelRows,
  groupCodes: Int32Array | null = null,
  groupCount = 1,
): ChannelTotals[] {
  const { channelCodes, channelCount, converted, values } = rows;
  const cells = (groupCodes ? groupCount : 1) * channelCount;
  const users = new Float64Array(cells);
  const conversions = new Float64Array(cells);
  const valueCount = new Float64Array(cells);
  const missingValues = new Float64Array(cells);
  const sums = Array.from({ length: cells }, () => new Adder());
  for (let i = 0; i < channelCodes.length; i++) {
    const c = channelCodes[i];
    if (c < 0) continue;
    let cell = c;
    if (groupCodes) {
      if (groupCodes[i] < 0) continue;
      cell += groupCodes[i] * channelCount;
    }
    users[cell]++;
    const converter = converted ? converted[i] === 1 : values !== null && values[i] > 0;
    if (!converter) continue;
    conversions[cell]++;
    if (!values) continue;
    const v = values[i];
    if (v !== v) missingValues[cell]++;
    else {
      valueCount[cell]++;
      sums[cell].add(v);
    }
  }
  const known = converted !== null || values !== null;
  return Array.from({ length: cells }, (_, cell) => ({
    users: users[cell],
    conversions: known ? conversions[cell] : null,
    valueSum: values ? +sums[cell] : null,
    valueCount: valueCount[cell],
    missingValues: missingValues[cell],
  }));
}
