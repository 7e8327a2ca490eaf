/** The conventional RFM segments, in the order results list them. */
export const RFM_SEGMENTS = [
  'Champions',
  'Loyal customers',
  'Potential loyalist',
  'New customers',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  'Cannot lose them',
  'Hibernating',
  'Lost',
] as const;
export type RfmSegmentName = (typeof RFM_SEGMENTS)[number];

/** RFM_GRID[5 − R][F − 1]: rows R = 5..1, columns F = 1..5. */
const RFM_GRID: readonly (readonly RfmSegmentName[])[] = [
  ['New customers', 'Potential loyalist', 'Potential loyalist', 'Champions', 'Champions'],
  ['Promising', 'Potential loyalist', 'Potential loyalist', 'Loyal customers', 'Loyal customers'],
  ['About to sleep', 'About to sleep', 'Need attention', 'Loyal customers', 'Loyal customers'],
  ['Hibernating', 'Hibernating', 'At risk', 'At risk', 'Cannot lose them'],
  ['Lost', 'Hibernating', 'At risk', 'At risk', 'Cannot lose them'],
];

/**
 * The conventional RFM segment of an R and F score (1–5), from the widely used R×F segment map (the regular
 * expressions `5[4-5]` Champions, `[3-4][4-5]` Loyal customers, `[4-5][2-3]` Potential loyalist, `51` New
 * customers, `41` Promising, `33` Need attention, `3[1-2]` About to sleep, `[1-2][3-4]` At risk, `[1-2]5` Cannot
 * lose them, `[1-2][1-2]` Hibernating), with R1 F1 split off as Lost:
 *
 * | R \ F | 1              | 2                  | 3                  | 4               | 5                |
 * |-------|----------------|--------------------|--------------------|-----------------|------------------|
 * | 5     | New customers  | Potential loyalist | Potential loyalist | Champions       | Champions        |
 * | 4     | Promising      | Potential loyalist | Potential loyalist | Loyal customers | Loyal customers  |
 * | 3     | About to sleep | About to sleep     | Need attention     | Loyal customers | Loyal customers  |
 * | 2     | Hibernating    | Hibernating        | At risk            | At risk         | Cannot lose them |
 * | 1     | Lost           | Hibernating        | At risk            | At risk         | Cannot lose them |
 *
 * M does not enter the map (it follows F closely); it stays in the scores for reporting.
 *
 * @example
 * rfmSegmentName(5, 5); // 'Champions'
 * rfmSegmentName(1, 5); // 'Cannot lose them'
 */
export function rfmSegmentName(r: number, f: number): RfmSegmentName {
  return RFM_GRID[5 - r][f - 1];
}

/** The four archetypes of k-means RFM clusters, by whether recency and value are better than the others'. */
export const RFM_CLUSTER_NAMES = ['Top customers', 'Potential loyal', 'At risk', 'Inactive'] as const;
const ARCHETYPE_SIGNS: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
];

/**
 * Names k-means RFM clusters from their centres in the clustering space (standardised log1p recency, frequency,
 * monetary; one row of 3 per cluster). Each centre gets two relative levels: freshness = −recency (recent is good)
 * and value = (frequency + monetary) / 2. The four archetypes want
 *
 * | name            | freshness | value |
 * |-----------------|-----------|-------|
 * | Top customers   | high      | high  |
 * | Potential loyal | high      | low   |
 * | At risk         | low       | high  |
 * | Inactive        | low       | low   |
 *
 * and go to distinct clusters so as to maximise the total agreement Σ (±freshness ± value), searched exhaustively
 * over the one-to-one matchings (at most 10·9·8·7 for k = 10), the first best in enumeration order winning. So k ≤ 4
 * clusters get distinct archetype names ranked against each other; beyond 4, each unmatched cluster takes the name
 * of the archetype it agrees with most plus " (2)", " (3)", … in cluster order.
 *
 * @example
 * // centres (recency, frequency, monetary): fresh & rich, stale & poor
 * nameRfmClusters(Float64Array.of(-1, 1, 1, 1, -1, -1), 2); // ['Top customers', 'Inactive']
 */
export function nameRfmClusters(centres: Float64Array, k: number): string[] {
  const agreement = (cluster: number, archetype: number): number => {
    const freshness = -centres[cluster * 3];
    const value = (centres[cluster * 3 + 1] + centres[cluster * 3 + 2]) / 2;
    const [sFresh, sValue] = ARCHETYPE_SIGNS[archetype];
    return sFresh * freshness + sValue * value;
  };
  const archetypeOf = bestMatching(k, agreement);
  const counts = new Map<number, number>();
  archetypeOf.forEach((a) => a >= 0 && counts.set(a, 1));
  return archetypeOf.map((archetype, cluster) => {
    if (archetype >= 0) return RFM_CLUSTER_NAMES[archetype];
    let best = 0;
    for (let a = 1; a < 4; a++) if (agreement(cluster, a) > agreement(cluster, best)) best = a;
    const n = (counts.get(best) ?? 0) + 1;
    counts.set(best, n);
    return `${RFM_CLUSTER_NAMES[best]} (${n})`;
  });
}

/** For each cluster, its archetype (0..3) in the matching of maximal total agreement, or -1 when unmatched. */
function bestMatching(k: number, agreement: (cluster: number, archetype: number) => number): number[] {
  const size = Math.min(k, 4);
  let best: number[] = [];
  let bestScore = -Infinity;
  const current: number[] = new Array(k).fill(-1);
  const usedArchetype = new Uint8Array(4);
  // Assign archetypes to clusters in cluster order; a cluster may stay unmatched while enough clusters remain.
  const visit = (cluster: number, matched: number, score: number): void => {
    if (matched === size) {
      if (score > bestScore) {
        bestScore = score;
        best = current.slice();
      }
      return;
    }
    if (cluster === k) return;
    for (let a = 0; a < 4; a++) {
      if (usedArchetype[a]) continue;
      usedArchetype[a] = 1;
      current[cluster] = a;
      visit(cluster + 1, matched + 1, score + agreement(cluster, a));
      current[cluster] = -1;
      usedArchetype[a] = 0;
    }
    if (k - cluster - 1 >= size - matched) visit(cluster + 1, matched, score);
  };
  visit(0, 0, 0);
  return best;
}
