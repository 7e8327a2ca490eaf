import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';

/**
 * What fields cost in the query complexity limit (QUADRANT_MAX_COMPLEXITY, default 2000), in units of one plain
 * field. Set on the fields with type-graphql's `complexity` option. Calibrated so every README example costs under
 * 300 while twenty aliased segmentations, or per-row lists under many runs, go over.
 */
export const COST = {
  /** An analysis computed on the request (funnel, channels, experiment, period comparison). */
  analysis: 50,
  /** A stored segmentation or RFM run: the heaviest work there is. */
  run: 100,
  /** An import: parsing, typing and writing up to the row limit. */
  import: 50,
  /** A list with one entry per input row (labels, dropped or outlier rows). */
  perRowList: 20,
  /** A bounded page (preview rows, dendrogram merges). */
  page: 10,
} as const;

/** A Relay page costs its fields once, plus one unit per 50 rows asked for. */
export function pageCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const first = typeof args.first === 'number' ? args.first : 100;
  return COST.page + childComplexity + Math.ceil(Math.max(0, first) / 50);
}
