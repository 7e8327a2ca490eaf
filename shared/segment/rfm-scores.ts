import type { RfmCustomers, RfmScores } from './types';

/**
 * Quintile scores 1–5 as pandas' `pd.qcut(x.rank(method='first'), 5, labels=[1, 2, 3, 4, 5])`: values are ranked
 * 1..n with ties broken by position (so a column full of ties still splits into five groups), and rank r lands in
 * the first quintile q whose edge 1 + (n − 1)·q/5 it does not exceed — computed exactly in integers:
 * q = max(1, ⌈5(r − 1) / (n − 1)⌉). `descending` reverses the labels (labels=[5, 4, 3, 2, 1]), so the smallest
 * values score 5. A single value scores 1 (5 when descending), where pandas refuses duplicate bin edges.
 * Values must not be NaN. O(n log n).
 *
 * @example
 * quintileScores(Float64Array.of(10, 3, 3, 7, 1)); // ranks 5, 2, 3, 4, 1 → [5, 2, 3, 4, 1]
 */
export function quintileScores(values: Float64Array, descending = false): Int32Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const scores = new Int32Array(n);
  order.forEach((row, index) => {
    const q = n === 1 ? 1 : Math.max(1, Math.ceil((5 * index) / (n - 1)));
    scores[row] = descending ? 6 - q : q;
  });
  return scores;
}

/**
 * R, F and M quintile scores of each customer: R from recency with the most recent scoring 5, F from frequency and
 * M from monetary with the highest scoring 5 (see quintileScores).
 *
 * @example
 * rfmScores(customers).r[0]; // 5 for the customer who bought most recently (of at least five)
 */
export function rfmScores(customers: RfmCustomers): RfmScores {
  return {
    r: quintileScores(customers.recency, true),
    f: quintileScores(customers.frequency),
    m: quintileScores(customers.monetary),
  };
}
