/**
 * Ranks 1..n of the values, ties sharing the mean of the ranks they span, as scipy.stats.rankdata(method='average')
 * and pandas' rank(): the ranks Spearman's correlation is Pearson's of. NaN values are not expected (callers rank the
 * complete rows of a pair). O(n log n).
 *
 * @example
 * averageRanks(Float64Array.of(10, 20, 10, 30)); // Float64Array [1.5, 3, 1.5, 4]
 */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
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
