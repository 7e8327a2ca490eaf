/**
 * Types of the channel-economics analysis: the sufficient statistics the core aggregates, the report's rows (GraphQL
 * `ChannelMetrics`, `ChannelSegmentMetrics`; fields beyond the contract are additions) and the options.
 */

export type Recommendation = 'INVEST' | 'MAINTAIN' | 'REDUCE' | 'REMOVE';

/** A channel's verdict at the gross margin: marginLtvToCac against targetLtvToCac and 1 (see unitEconomics). */
export type ChannelHealth = 'PROFITABLE' | 'MARGINAL' | 'LOSS' | 'UNKNOWN';

/** Margin-adjusted figures of a channel (see unitEconomics); null where an input is missing. */
export interface UnitEconomics {
  /** totalValue × margin */
  readonly contribution: number | null;
  /** avgValue × margin: the CPA at which a customer just pays for themselves. */
  readonly breakEvenCpa: number | null;
  /** avgValue × margin ÷ cpa */
  readonly marginLtvToCac: number | null;
  /** cpa ÷ (avgValue × margin ÷ lifetimeMonths) */
  readonly paybackMonths: number | null;
  readonly health: ChannelHealth;
}

/** Per channel (or segment × channel): what the users table says. */
export interface ChannelTotals {
  readonly users: number;
  /** Users who converted; null when the data has no conversion information. */
  readonly conversions: number | null;
  /** Sum of the value over converters that have one; null without a value column. */
  readonly valueSum: number | null;
  /** Converters that have a value. */
  readonly valueCount: number;
  /** Converters whose value is missing. */
  readonly missingValues: number;
}

/** Per channel: what the costs table says (sums over its rows). */
export interface ChannelCosts {
  readonly spend: number;
  /** Null without a clicks column. */
  readonly clicks: number | null;
  /** Null without an impressions column. */
  readonly impressions: number | null;
}

/** The figures of one channel. Every ratio comes from totals; a zero denominator gives null. */
export interface ChannelFigures {
  readonly channel: string;
  readonly users: number;
  readonly conversions: number | null;
  /** conversions / users */
  readonly conversionRate: number | null;
  /** Null without a costs table. */
  readonly spend: number | null;
  readonly clicks: number | null;
  readonly impressions: number | null;
  /** spend / clicks */
  readonly cpc: number | null;
  /** spend / users */
  readonly costPerUser: number | null;
  /** spend / conversions */
  readonly cpa: number | null;
  /** Mean value of the converters that have one. */
  readonly avgValue: number | null;
  /** Sum of value over converters. */
  readonly totalValue: number | null;
  /** (totalValue − spend) / spend */
  readonly roi: number | null;
  /** totalValue / spend */
  readonly roas: number | null;
  /** avgValue / cpa */
  readonly ltvToCac: number | null;
  /** Converters with no value (left out of avgValue and totalValue). */
  readonly missingValues: number;
}

export interface ChannelMetrics extends ChannelFigures, UnitEconomics {
  readonly recommendation: Recommendation;
  /** One line that quotes the numbers behind the recommendation. */
  readonly reason: string;
}

/** The yardsticks a channel is compared with: all channels together. */
export interface OverallFigures {
  readonly users: number;
  readonly conversions: number | null;
  readonly conversionRate: number | null;
  readonly avgValue: number | null;
  /** Spend / conversions over the channels with spend > 0; null without costs or paid conversions. */
  readonly paidCpa: number | null;
}

export interface ChannelSegmentMetrics {
  readonly segment: string;
  readonly channel: string;
  readonly users: number;
  readonly conversions: number | null;
  readonly conversionRate: number | null;
  /** users − conversions */
  readonly dropOff: number | null;
  /** dropOff / users */
  readonly dropOffRate: number | null;
  readonly avgValue: number | null;
  readonly totalValue: number | null;
  /** users / users of the segment: the channel's share of the segment. */
  readonly shareOfSegment: number | null;
  readonly missingValues: number;
}

export interface ChannelReport {
  readonly channels: ChannelMetrics[];
  readonly bySegment: ChannelSegmentMetrics[];
  /** The yardsticks the recommendations used. */
  readonly overall: OverallFigures;
  readonly warnings: string[];
}

/** The thresholds of the recommendation rules (see recommendChannel). */
export interface RecommendationThresholds {
  /** LTV:CAC a paid channel must reach to keep or grow its budget (default 3). */
  readonly targetLtvToCac: number;
  /** LTV:CAC below which a paid channel loses money on each customer (default 1, break-even). */
  readonly minLtvToCac: number;
  /** Fewer users than this and a channel is too small to judge (default 30). */
  readonly minUsers: number;
  /** Without costs: a conversion rate below this share of the overall rate means REDUCE (default 0.5). */
  readonly reduceBelowShare: number;
}

export const DEFAULT_THRESHOLDS: RecommendationThresholds = {
  targetLtvToCac: 3,
  minLtvToCac: 1,
  minUsers: 30,
  reduceBelowShare: 0.5,
};

/** Column names of the costs table (GraphQL `CostsInput`). */
export interface CostsColumns {
  readonly channelColumn: string;
  readonly spendColumn: string;
  readonly clicksColumn?: string;
  readonly impressionsColumn?: string;
}

/** Options of `channelReport`, named as in the GraphQL `ChannelInput`, plus the recommendation thresholds. */
export interface ChannelOptions extends Partial<RecommendationThresholds> {
  readonly channelColumn: string;
  /** 0/1 or boolean; without it a user with a value above 0 counts as converted. */
  readonly convertedColumn?: string;
  /** The value (revenue, LTV) of each user; only converters' values count. */
  readonly valueColumn?: string;
  /** A column of the users table to break channels down by. */
  readonly segmentColumn?: string;
  /** A segment per row of the users table (from a stored segmentation), instead of segmentColumn. */
  readonly segments?: readonly (string | null)[];
  /** Column names of the costs table passed alongside. */
  readonly costs?: CostsColumns;
  /** Gross margin on value, in (0, 1] (default 1: value is already profit). */
  readonly margin?: number;
  /** Months over which a customer's value is earned, for paybackMonths; none = paybackMonths null. */
  readonly lifetimeMonths?: number;
}
