import type { Table } from '../table/types';

/**
 * Types of the funnel analysis: the encoded events the core reads, the options of the Table-level report and the
 * report itself (GraphQL `FunnelReport`, `FunnelStep`, `FunnelBreakdown`; fields beyond the contract are additions).
 */

/**
 * ORDERED: a user counts at step i after doing steps 1..i in time order (ties count as in order).
 * ANY: a user counts at step i after doing every step 1..i, in any order.
 */
export type FunnelOrder = 'ORDERED' | 'ANY';

export const FUNNEL_ORDERS: readonly FunnelOrder[] = ['ORDERED', 'ANY'];

/** Events encoded for the core: one entry per event row. */
export interface FunnelEvents {
  /** The user of each event, 0..userCount-1; -1 = missing (the row is ignored). */
  readonly userCodes: Int32Array;
  /** The funnel step of each event, 0..stepCount-1; -1 = not a funnel step. */
  readonly stepCodes: Int32Array;
  /** Event times in epoch milliseconds, or null when there are none (then only ANY order applies). */
  readonly times: Float64Array | null;
  readonly userCount: number;
  readonly stepCount: number;
  /**
   * Per row, the code of the row's combination of hold-constant values (a missing value is a value of its own);
   * absent or null without holdConstant. Along a user's ORDERED path every counted event has the step-1 event's code.
   */
  readonly holdCodes?: Int32Array | null;
  /** Per row, the exclusion event the row is (a code that ExclusionRule.event refers to), -1 for none. */
  readonly exclusionCodes?: Int32Array | null;
}

/**
 * An exclusion on encoded events: a user with an event coded `event` (FunnelEvents.exclusionCodes) strictly between
 * the times counted at steps `afterStep` and `beforeStep` (1-based, afterStep < beforeStep) leaves the funnel there.
 */
export interface ExclusionRule {
  readonly event: number;
  readonly afterStep: number;
  readonly beforeStep: number;
}

/** An exclusion as FunnelInput names it: the excluded event's name in the step column and two step numbers. */
export interface FunnelExclusion {
  readonly step: string;
  readonly afterStep: number;
  readonly beforeStep: number;
}

/** The extra ORDERED rules of a path (see funnelPaths). */
export interface PathConstraints {
  /** Per step, the most seconds from the previous step's counted event (inclusive); null or absent = no limit. */
  readonly stepWindowsSeconds?: readonly (number | null)[] | null;
  readonly exclusions?: readonly ExclusionRule[] | null;
}

/** The distribution of a time to convert, in seconds: percentiles as numpy's default (linear) and the mean. */
export interface Percentiles {
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly p90: number;
  readonly mean: number;
}

/** Per user: how far they went and when. */
export interface FunnelPaths {
  /** Steps reached, 0..stepCount (a user at depth 3 counts at steps 1, 2 and 3). */
  readonly depth: Int32Array;
  /**
   * userCount × stepCount, row-major: the time (epoch ms) of the event that counted at each step reached; NaN past
   * the depth. Null without times.
   */
  readonly stepTimes: Float64Array | null;
  /** userCount × stepCount: 1 where the user has any event at the step, regardless of order and window. */
  readonly didStep: Uint8Array;
}

/** One step of a funnel, as the report prints it. */
export interface FunnelStep {
  readonly name: string;
  /** Users counted at this step. */
  readonly users: number;
  /** users / users at the previous step (1 for the first step; 0 when nobody reached the previous step). */
  readonly conversionFromPrevious: number;
  /** users / users at step 1 (1 for the first step; 0 when nobody reached step 1). */
  readonly conversionFromStart: number;
  /** Users at the previous step who did not reach this one (0 for the first step). */
  readonly dropOff: number;
  /** dropOff / users at the previous step (0 for the first step and when nobody reached the previous step). */
  readonly dropOffRate: number;
  /** Median seconds from the previous step's counted event to this one's; null for step 1, without times or users. */
  readonly medianSecondsFromPrevious: number | null;
  /**
   * Seconds from the previous step's counted event to this one's over the users who reached this step; null for
   * step 1, without times or without users.
   */
  readonly timeToConvert: Percentiles | null;
  /** Distinct users with any event at this step, regardless of order and window (a data-quality figure). */
  readonly usersWithEvent: number;
}

/** The funnel of the users who share one breakdown value. */
export interface FunnelBreakdown {
  readonly value: string;
  /** Users who reached step 1. */
  readonly users: number;
  readonly steps: FunnelStep[];
}

export interface FunnelReport {
  /** Users who reached step 1. */
  readonly users: number;
  /** Users who reached step 1 but have no row in the attributes table or segmentation (0 without a join). */
  readonly unmatchedUsers: number;
  readonly steps: FunnelStep[];
  readonly breakdown: FunnelBreakdown[];
  readonly order: FunnelOrder;
  readonly warnings: string[];
}

/** Options of `funnelReport`, named as in the GraphQL `FunnelInput`. */
export interface FunnelOptions {
  readonly userColumn: string;
  readonly stepColumn: string;
  /** Step names in funnel order, as they appear in the step column (at least 2, no repeats). */
  readonly steps: readonly string[];
  /** DATE (epoch ms) or NUMBER (epoch seconds) column. */
  readonly timeColumn?: string;
  /** ORDERED only: later steps must happen within this many seconds of the user's step-1 event (inclusive). */
  readonly conversionWindowSeconds?: number;
  /** Default ORDERED with a time column, ANY without. */
  readonly order?: FunnelOrder;
  /** A column of the events table to break the funnel down by (a user's value is the one on their step-1 event). */
  readonly breakdownColumn?: string;
  /** ORDERED only: users who do an excluded event between two steps of their path leave the funnel there. */
  readonly exclusions?: readonly FunnelExclusion[];
  /** ORDERED only: columns whose value on every counted event must equal the one on the step-1 event. */
  readonly holdConstant?: readonly string[];
  /** ORDERED only: per step, the most seconds from the previous step (entry 1 must be null); null = no limit. */
  readonly stepWindowsSeconds?: readonly (number | null)[];
}

/** A breakdown from outside the events table: a second table keyed by user, or a key → value map (a segmentation). */
export type FunnelAttributes =
  | { readonly table: Table; readonly userColumn: string; readonly column: string }
  | { readonly keys: readonly string[]; readonly values: readonly (string | null)[] };
