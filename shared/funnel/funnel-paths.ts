import { InputError } from '../errors';
import { bucketEvents, type EventBuckets } from './bucket-events';
import type { ExclusionRule, FunnelEvents, FunnelOrder, FunnelPaths, PathConstraints } from './types';

/**
 * How far each user went through the funnel, and the time of the event that counted at each step.
 *
 * ORDERED (needs times) is the greedy rule of Mixpanel and Amplitude: the user's earliest step-1 event starts the
 * funnel (a later step-1 event does not restart it); at each next step the earliest event at or after the time of the
 * event counted at the previous step counts. Events in the same instant count as in order. With a window, an event
 * counts only if it is at most `windowSeconds` after the counted step-1 event (inclusive). ORDERED also takes:
 * - `stepWindowsSeconds[s]`: the event counted at step s must be at most that many seconds after the one counted at
 *   step s − 1 (inclusive), on top of the window from step 1;
 * - `holdCodes` (in the events): only events with the same hold code as the counted step-1 event count;
 * - `exclusions`: the path stops before step s (afterStep < s ≤ beforeStep) when an excluded event lies strictly
 *   between the time counted at afterStep and the time of the event that would count at s; an excluded event in the
 *   same instant as either step is not between them (ties count as in order, as for steps). Excluded events count
 *   whatever their hold code.
 * Each rule only removes candidates, and the earliest remaining candidate is still the best for every later step, so
 * the greedy path stays the longest one.
 * ANY: a user counts at step i when they have events at every step 1..i, whatever their order; the time counted at
 * each step is the user's first event there (so gaps between steps may be negative).
 * Repeated events count once per user either way. O(n + users × steps): ORDERED groups the event times by (user,
 * step) with a counting sort and scans each short run once, so no comparison sort is needed.
 *
 * @throws InputError when ORDERED is asked without times, or a window or constraint with ANY order.
 * @example
 * // user 0: step 0 at t=10 s, step 1 at t=5 s (before step 0), step 1 again at t=20 s
 * funnelPaths({ userCodes: Int32Array.of(0, 0, 0), stepCodes: Int32Array.of(0, 1, 1),
 *   times: Float64Array.of(10e3, 5e3, 20e3), userCount: 1, stepCount: 2 }, 'ORDERED').stepTimes; // [10000, 20000]
 */
export function funnelPaths(
  events: FunnelEvents,
  order: FunnelOrder,
  windowSeconds?: number,
  constraints: PathConstraints = {},
): FunnelPaths {
  if (order === 'ORDERED' && !events.times) {
    throw new InputError('order: ORDERED needs event times; without them only ANY order applies', 'order');
  }
  if (windowSeconds !== undefined && order !== 'ORDERED') {
    throw new InputError(
      'conversionWindowSeconds: a window needs order ORDERED; ANY order has no first step to count it from',
      'conversionWindowSeconds',
    );
  }
  if (order !== 'ORDERED') {
    const used = [
      ['stepWindowsSeconds', constraints.stepWindowsSeconds],
      ['exclusions', constraints.exclusions],
      ['holdConstant', events.holdCodes],
    ].find(([, value]) => value !== undefined && value !== null);
    if (used) throw new InputError(`${used[0]}: needs order ORDERED (a path in time)`, used[0] as string);
  }
  return order === 'ORDERED' ? orderedPaths(events, windowSeconds, constraints) : anyOrderPaths(events);
}

function orderedPaths(
  events: FunnelEvents,
  windowSeconds: number | undefined,
  constraints: PathConstraints,
): FunnelPaths {
  const { userCodes, stepCodes, userCount, stepCount } = events;
  const eventTimes = events.times as Float64Array;
  const holdCodes = events.holdCodes ?? null;
  const windowMs = windowSeconds === undefined ? Infinity : windowSeconds * 1000;
  const stepWindowMs = Float64Array.from({ length: stepCount }, (_, s) => {
    const w = constraints.stepWindowsSeconds?.[s];
    return s === 0 || w === undefined || w === null ? Infinity : w * 1000;
  });
  const rules = constraints.exclusions ?? [];
  const exclusionCodes = events.exclusionCodes ?? null;
  const eventCount = rules.reduce((m, r) => Math.max(m, r.event + 1), 0);
  const excluded =
    rules.length > 0 && exclusionCodes
      ? bucketEvents(userCodes, exclusionCodes, eventTimes, userCount, eventCount)
      : null;
  const { offsets, times, rows } = bucketEvents(userCodes, stepCodes, eventTimes, userCount, stepCount);
  const depth = new Int32Array(userCount);
  const stepTimes = new Float64Array(userCount * stepCount).fill(NaN);
  const didStep = new Uint8Array(userCount * stepCount);
  for (let u = 0; u < userCount; u++) {
    const base = u * stepCount;
    let reached = 0;
    let previous = -Infinity;
    let start = 0;
    let hold = 0;
    for (let s = 0; s < stepCount; s++) {
      const from = offsets[base + s];
      const to = offsets[base + s + 1];
      if (to > from) didStep[base + s] = 1;
      if (reached !== s) continue;
      let earliest = Infinity;
      let earliestRow = -1;
      for (let p = from; p < to; p++) {
        const t = times[p];
        if (t >= previous && t < earliest && (s === 0 || !holdCodes || holdCodes[rows[p]] === hold)) {
          earliest = t;
          earliestRow = rows[p];
        }
      }
      if (earliest === Infinity) continue;
      if (s === 0) {
        start = earliest;
        if (holdCodes) hold = holdCodes[earliestRow];
      } else if (earliest - start > windowMs || earliest - previous > stepWindowMs[s]) continue;
      if (excluded && s > 0 && leftBefore(u, s, earliest, stepTimes, stepCount, rules, excluded, eventCount)) continue;
      stepTimes[base + s] = earliest;
      previous = earliest;
      reached++;
    }
    depth[u] = reached;
  }
  return { depth, stepTimes, didStep };
}

/** Whether an exclusion stops user u before step s (0-based), whose candidate event is at `at`. */
function leftBefore(
  u: number,
  s: number,
  at: number,
  stepTimes: Float64Array,
  stepCount: number,
  rules: readonly ExclusionRule[],
  excluded: EventBuckets,
  eventCount: number,
): boolean {
  for (const rule of rules) {
    // rule steps are 1-based: s (0-based) is step s + 1
    if (!(rule.afterStep < s + 1 && s + 1 <= rule.beforeStep)) continue;
    const after = stepTimes[u * stepCount + rule.afterStep - 1];
    const cell = u * eventCount + rule.event;
    for (let p = excluded.offsets[cell]; p < excluded.offsets[cell + 1]; p++) {
      const t = excluded.times[p];
      if (t > after && t < at) return true;
    }
  }
  return false;
}

function anyOrderPaths(events: FunnelEvents): FunnelPaths {
  const { userCodes, stepCodes, times, userCount, stepCount } = events;
  const first = new Float64Array(userCount * stepCount).fill(NaN);
  const didStep = new Uint8Array(userCount * stepCount);
  for (let i = 0; i < userCodes.length; i++) {
    const u = userCodes[i];
    const s = stepCodes[i];
    if (u < 0 || s < 0) continue;
    const cell = u * stepCount + s;
    didStep[cell] = 1;
    if (times && !(first[cell] <= times[i])) first[cell] = times[i];
  }
  const depth = new Int32Array(userCount);
  for (let u = 0; u < userCount; u++) {
    const base = u * stepCount;
    let reached = 0;
    while (reached < stepCount && didStep[base + reached]) reached++;
    depth[u] = reached;
    for (let s = reached; s < stepCount; s++) first[base + s] = NaN;
  }
  return { depth, stepTimes: times ? first : null, didStep };
}
