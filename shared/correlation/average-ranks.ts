/**
 * Ranks 1..n of the values, ties sharing the mean of the ranks they span, as scipy.stats.rankdata(method='average')
 * and pandas' rank(): the ranks Spearman's correlation is Pearson's of. NaN values are not expected (callers rank the
 * complete rows of a pair). O(n): the row order comes from an LSD radix sort on the values' bits (four passes of
 * 16 bits), since a comparator sort of a million indices takes seconds and a Spearman matrix ranks each column
 * once per missing-value pattern it meets.
 *
 * @example
 * averageRanks(Float64Array.of(10, 20, 10, 30)); // Float64Array [1.5, 3, 1.5, 4]
 */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = sortedOrder(values);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    // Positions start..end−1 hold ranks start+1..end; their mean is (start + 1 + end) / 2.
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}

/**
 * The row indices in ascending order of value, ties in row order (a stable LSD radix sort, one byte per pass, keys
 * carried along so every pass reads sequentially). Each double's bits are mapped to an unsigned integer that sorts
 * as the double does: negative values have every bit flipped, others only the sign bit; −0 lands just before +0,
 * and the two compare equal when ties are grouped. A pass whose byte is the same in every value is skipped (the low
 * mantissa bytes of whole numbers are all zero).
 */
function sortedOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, values.byteLength / 4);
  // Little-endian: word 2i is the low half of value i, word 2i + 1 the high half with the sign bit.
  let low = new Uint32Array(n);
  let high = new Uint32Array(n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const negative = words[2 * i + 1] >>> 31 === 1;
    low[i] = negative ? ~words[2 * i] >>> 0 : words[2 * i];
    high[i] = negative ? ~words[2 * i + 1] >>> 0 : (words[2 * i + 1] ^ 0x80000000) >>> 0;
    order[i] = i;
  }
  let nextLow = new Uint32Array(n);
  let nextHigh = new Uint32Array(n);
  let nextOrder = new Uint32Array(n);
  const counts = new Uint32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const shift = (pass & 3) * 8;
    const keys = pass < 4 ? low : high;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i] >>> shift) & 0xff]++;
    if (n === 0 || counts[(keys[0] >>> shift) & 0xff] === n) continue;
    let total = 0;
    for (let d = 0; d < 256; d++) {
      const c = counts[d];
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(keys[i] >>> shift) & 0xff]++;
      nextLow[at] = low[i];
      nextHigh[at] = high[i];
      nextOrder[at] = order[i];
    }
    [low, nextLow] = [nextLow, low];
    [high, nextHigh] = [nextHigh, high];
    [order, nextOrder] = [nextOrder, order];
  }
  return order;
}
