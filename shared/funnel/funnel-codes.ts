import { InputError } from '../errors';
import { funnelPaths } from './funnel-paths';
import { funnelSteps } from './funnel-steps';
import { timeToConvert } from './step-times';
import type { ExclusionRule, FunnelBreakdown, FunnelEvents, FunnelOrder, FunnelPaths, FunnelStep } from './types';

export interface FunnelCodesOptions {
  /** Step names, one per step code. */
  readonly steps: readonly string[];
  readonly order: FunnelOrder;
  readonly conversionWindowSeconds?: number;
  /** ORDERED only: per step, most seconds from the previous step (entry 0 ignored); null entries = no limit. */
  readonly stepWindowsSeconds?: readonly (number | null)[] | null;
  /** ORDERED only: excluded events (FunnelEvents.exclusionCodes) between two steps end a user's path there. */
  readonly exclusions?: readonly ExclusionRule[] | null;
  /** Per user a code into `values` (a breakdown group), or a negative code to leave the user out of every group. */
  readonly groups?: { readonly codes: Int32Array; readonly values: readonly string[] } | null;
}

export interface FunnelCounts {
  /** Users who reached step 1. */
  readonly users: number;
  readonly steps: FunnelStep[];
  /** One entry per group value, in the order of `groups.values`; empty without groups. */
  readonly breakdown: FunnelBreakdown[];
}

/**
 * The funnel of encoded events (see funnelPaths for the ORDERED and ANY rules), overall and per breakdown group:
 * users at each step, conversions, drop-off and the time between steps (median and timeToConvert percentiles). This
 * is the core a service calls with codes it built itself (from SQL or a stored dataset); `funnelReport` wraps it for
 * a Table, and funnelFromPaths does the counting for paths already computed elsewhere.
 *
 * @throws InputError when the window is negative or not a number, stepWindowsSeconds does not give one entry per
 *   step (the first null) of seconds ≥ 0, an exclusion's steps are not 1 ≤ afterStep < beforeStep ≤ steps, or per
 *   funnelPaths.
 * @example
 * // user 0 does both steps, user 1 only the first
 * funnelFromCodes({ userCodes: Int32Array.of(0, 0, 1), stepCodes: Int32Array.of(0, 1, 0), times: null,
 *   userCount: 2, stepCount: 2 }, { steps: ['visit', 'buy'], order: 'ANY' }).steps[1].conversionFromStart; // 0.5
 */
export function funnelFromCodes(events: FunnelEvents, options: FunnelCodesOptions): FunnelCounts {
  const { stepCount } = events;
  const window = options.conversionWindowSeconds;
  if (window !== undefined && !(Number.isFinite(window) && window >= 0)) {
    throw new InputError(
      `conversionWindowSeconds: ${window} is not a number of seconds ≥ 0`,
      'conversionWindowSeconds',
    );
  }
  if (options.steps.length !== stepCount) {
    throw new InputError(`steps: ${options.steps.length} names for ${stepCount} step codes`, 'steps');
  }
  checkStepWindows(options.stepWindowsSeconds, stepCount);
  checkExclusions(options.exclusions, stepCount);
  const paths = funnelPaths(events, options.order, window, {
    stepWindowsSeconds: options.stepWindowsSeconds,
    exclusions: options.exclusions,
  });
  return funnelFromPaths(paths, options.steps, options.groups);
}

/**
 * The funnel report from per-user paths (see FunnelPaths: steps reached, the counted time at each step, whether the
 * user had any event at each step), overall and per group: what a warehouse computes in SQL (one row per user with
 * their depth and step times) comes here without the events. O(users × steps) plus sorting the time gaps.
 *
 * @param steps step names, one per step.
 * @param groups per user a code into `values`, negative to leave the user out of every group.
 * @example
 * // two users: one reached both steps 90 s apart, one only step 1
 * funnelFromPaths({ depth: Int32Array.of(2, 1), stepTimes: Float64Array.of(0, 90e3, 0, NaN),
 *   didStep: Uint8Array.of(1, 1, 1, 0) }, ['visit', 'buy']).steps[1].timeToConvert?.median; // 90
 */
export function funnelFromPaths(
  paths: FunnelPaths,
  stepNames: readonly string[],
  groupsOption?: FunnelCodesOptions['groups'],
): FunnelCounts {
  const stepCount = stepNames.length;
  const userCount = paths.depth.length;
  if (paths.didStep.length !== userCount * stepCount) {
    throw new InputError(
      `steps: ${stepCount} names for paths of ${paths.didStep.length} user × step cells (${userCount} users)`,
      'steps',
    );
  }
  const groups = groupsOption ?? null;
  const groupCount = groups ? groups.values.length : 0;
  const users = new Int32Array(stepCount);
  const withEvent = new Int32Array(stepCount);
  const groupUsers = new Int32Array(groupCount * stepCount);
  const groupWithEvent = new Int32Array(groupCount * stepCount);
  for (let u = 0; u < userCount; u++) {
    const g = groups ? groups.codes[u] : -1;
    const base = u * stepCount;
    for (let s = 0; s < paths.depth[u]; s++) users[s]++;
    for (let s = 0; s < stepCount; s++) withEvent[s] += paths.didStep[base + s];
    if (g < 0) continue;
    for (let s = 0; s < paths.depth[u]; s++) groupUsers[g * stepCount + s]++;
    for (let s = 0; s < stepCount; s++) groupWithEvent[g * stepCount + s] += paths.didStep[base + s];
  }
  const times = paths.stepTimes
    ? timeToConvert(paths.depth, paths.stepTimes, stepCount, groups?.codes ?? null, groupCount)
    : null;
  const steps = funnelSteps(stepNames, users, withEvent, times?.medians.overall ?? null, times?.overall);
  const breakdown = (groups?.values ?? []).map((value, g) => {
    const row = (a: Int32Array | Float64Array) => a.subarray(g * stepCount, (g + 1) * stepCount);
    const groupSteps = funnelSteps(
      stepNames,
      row(groupUsers),
      row(groupWithEvent),
      times && row(times.medians.byGroup),
      times?.byGroup.slice(g * stepCount, (g + 1) * stepCount),
    );
    return { value, users: groupSteps[0].users, steps: groupSteps };
  });
  return { users: steps[0].users, steps, breakdown };
}

/** One window per step, the first null, each null or seconds ≥ 0. */
export function checkStepWindows(windows: readonly (number | null)[] | null | undefined, stepCount: number): void {
  if (windows === undefined || windows === null) return;
  if (windows.length !== stepCount) {
    throw new InputError(
      `stepWindowsSeconds: ${windows.length} entries for ${stepCount} steps; give one per step (null for none)`,
      'stepWindowsSeconds',
    );
  }
  if (windows[0] !== null) {
    throw new InputError(
      `stepWindowsSeconds: entry 1 is ${windows[0]}; step 1 has no previous step, so it must be null`,
      'stepWindowsSeconds',
    );
  }
  windows.forEach((w, s) => {
    if (w !== null && !(Number.isFinite(w) && w >= 0)) {
      throw new InputError(
        `stepWindowsSeconds: entry ${s + 1} is ${w}; expected a number of seconds ≥ 0 or null`,
        'stepWindowsSeconds',
      );
    }
  });
}

/** Each exclusion rule's steps satisfy 1 ≤ afterStep < beforeStep ≤ stepCount, with an event code ≥ 0. */
export function checkExclusions(rules: readonly ExclusionRule[] | null | undefined, stepCount: number): void {
  (rules ?? []).forEach((rule, i) => {
    const { afterStep: a, beforeStep: b } = rule;
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 1 && a < b && b <= stepCount)) {
      throw new InputError(
        `exclusions: entry ${i + 1} has afterStep ${a} and beforeStep ${b}; expected step numbers with ` +
          `1 ≤ afterStep < beforeStep ≤ ${stepCount}`,
        'exclusions',
      );
    }
    if (!(Number.isInteger(rule.event) && rule.event >= 0)) {
      throw new InputError(
        `exclusions: entry ${i + 1} has event code ${rule.event}; expected a code ≥ 0`,
        'exclusions',
      );
    }
  });
}
