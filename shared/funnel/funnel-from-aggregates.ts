import { MISSING_GROUP, UNMATCHED_GROUP, isExtraGroup, sortGroups, warnStepCounts } from './funnel';
import { funnelSteps } from './funnel-steps';
import type { FunnelOrder, FunnelReport, Percentiles } from './types';

/** One group's figures as a warehouse aggregates them (or the whole funnel's, for the overall line). */
export interface FunnelGroupAggregates {
  /** Users counted at each step (reached it in the funnel's order and window). */
  readonly users: ArrayLike<number>;
  /** Users with any event at each step. */
  readonly usersWithEvent: ArrayLike<number>;
  /** Per step, the median seconds from the previous step (NaN where none); null without times. */
  readonly medianSeconds: ArrayLike<number> | null;
  /** Per step, the time-to-convert percentiles (null where nobody reached it); null without times. */
  readonly timeToConvert?: readonly (Percentiles | null)[] | null;
}

export interface FunnelAggregates {
  readonly steps: readonly string[];
  readonly order: FunnelOrder;
  readonly overall: FunnelGroupAggregates;
  /**
   * Per breakdown value (every value the breakdown can take, also those no funnel user has), plus MISSING_GROUP and
   * UNMATCHED_GROUP when users fall there; null without a breakdown.
   */
  readonly groups: ReadonlyMap<string, FunnelGroupAggregates> | null;
  /** Warnings found while aggregating (missing users, join problems), printed before the step warnings. */
  readonly warnings: readonly string[];
  /** How the breakdown is named in warnings: ['breakdownColumn', '"device"'] or ['attributes', 'the segmentation']. */
  readonly breakdownSource?: readonly [argument: string, source: string];
  /** A few users who did step 1 and are missing from the join, for the "(unmatched)" warning. */
  readonly unmatchedExamples?: readonly string[];
}

/**
 * A funnel report from per-group aggregates, the counterpart of `funnelReport` for counts computed elsewhere (SQL in
 * a warehouse): the same step rows (funnelSteps), group order ("(missing)" and "(unmatched)" last, empty extra
 * groups dropped) and warnings, so both paths print the same report for the same rows.
 *
 * @example
 * funnelFromAggregates({ steps: ['visit', 'buy'], order: 'ANY', groups: null, warnings: [],
 *   overall: { users: [4, 1], usersWithEvent: [4, 2], medianSeconds: null } }).steps[1].conversionFromStart; // 0.25
 */
export function funnelFromAggregates(aggregates: FunnelAggregates): FunnelReport {
  const { steps: names, overall } = aggregates;
  const steps = funnelSteps(names, overall.users, overall.usersWithEvent, overall.medianSeconds, overall.timeToConvert);
  const warnings = [...aggregates.warnings];
  warnStepCounts(steps, warnings);
  const breakdown = [...(aggregates.groups ?? new Map<string, FunnelGroupAggregates>()).entries()]
    .map(([value, group]) => {
      const groupSteps = funnelSteps(
        names,
        group.users,
        group.usersWithEvent,
        group.medianSeconds,
        group.timeToConvert,
      );
      return { value, users: groupSteps[0].users, steps: groupSteps };
    })
    .filter((b) => b.users > 0 || !isExtraGroup(b.value));
  const missing = breakdown.find((b) => b.value === MISSING_GROUP)?.users ?? 0;
  const unmatched = breakdown.find((b) => b.value === UNMATCHED_GROUP)?.users ?? 0;
  const [argument, source] = aggregates.breakdownSource ?? ['attributes', 'the attributes table'];
  const messages: string[] = [];
  if (missing > 0) {
    messages.push(
      `${argument}: ${missing} of ${steps[0].users} funnel users with no value in ${source}, ` +
        `grouped under "${MISSING_GROUP}"`,
    );
  }
  if (unmatched > 0) {
    messages.push(
      `attributes: ${unmatched} of ${steps[0].users} funnel users with no row in ${source}` +
        `${examples(aggregates.unmatchedExamples)}, ` +
        `grouped under "${UNMATCHED_GROUP}"`,
    );
  }
  return {
    users: steps[0].users,
    unmatchedUsers: unmatched,
    steps,
    breakdown: sortGroups(breakdown),
    order: aggregates.order,
    warnings: [...warnings, ...messages],
  };
}

/**
 * The median from the two middle values of n sorted values (equal when n is odd), as pandas' `median` and
 * timeToConvert compute it: a SQL percentile_disc(0.5) ascending and descending gives the two.
 *
 * @example
 * medianOfMiddles(4, 10, 20); // 15
 */
export function medianOfMiddles(n: number, lower: number, upper: number): number {
  if (n === 0) return NaN;
  return n % 2 === 1 ? lower : (lower + upper) / 2;
}

function examples(users: readonly string[] | undefined): string {
  if (!users || users.length === 0) return '';
  return ` (e.g. ${users
    .slice(0, 3)
    .map((u) => `"${u}"`)
    .join(', ')})`;
}
