import { InputError } from '../errors';
import { bucketEvents } from './bucket-events';
import type { FunnelEvents, FunnelOrder, FunnelPaths } from './types';

/**
 * How far each user went through the funnel, and the time of the event that counted at each step.
 *
 * ORDERED (needs times) is the greedy rule of Mixpanel and Amplitude: the user's earliest step-1 event starts the
 * funnel (a later step-1 event does not restart it); at each next step the earliest event at or after the time of the
 * event counted at the previous step counts. Events in the same instant count as in order. With a window, an event
 * counts only if it is at most `windowSeconds` after the counted step-1 event (inclusive).
 * ANY: a user counts at step i when they have events at every step 1..i, whatever their order; the time counted at
 * each step is the user's first event there (so gaps between steps may be negative).
 * Repeated events count once per user either way. O(n + users × steps): ORDERED groups the event times by (user,
 * step) with a counting sort and scans each short run once, so no comparison sort is needed.
 *
 * @throws InputError when ORDERED is asked without times, or a window with ANY order.
 * @example
 * // user 0: step 0 at t=10 s, step 1 at t=5 s (before step 0), step 1 again at t=20 s
 * funnelPaths({ userCodes: Int32Array.of(0, 0, 0), stepCodes: Int32Array.of(0, 1, 1),
 *   times: Float64Array.of(10e3, 5e3, 20e3), userCount: 1, stepCount: 2 }, 'ORDERED').stepTimes; // [10000, 20000]
 */
export function funnelPaths(events: FunnelEvents, order: FunnelOrder, windowSeconds?: number): FunnelPaths {
  if (order === 'ORDERED' && !events.times) {
    throw new InputError('order: ORDERED needs event times; without them only ANY order applies', 'order');
  }
  if (windowSeconds !== undefined && order !== 'ORDERED') {
    throw new InputError(
      'conversionWindowSeconds: a window needs order ORDERED; ANY order has no first step to count it from',
      'conversionWindowSeconds',
    );
  }
  return order === 'ORDERED' ? orderedPaths(events, windowSeconds) : anyOrderPaths(events);
}

function orderedPaths(events: FunnelEvents, windowSeconds: number | undefined): FunnelPaths {
  const { userCodes, stepCodes, userCount, stepCount } = events;
  const windowMs = windowSeconds === undefined ? Infinity : windowSeconds * 1000;
  const { offsets, times } = bucketEvents(userCodes, stepCodes, events.times as Float64Array, userCount, stepCount);
  const depth = new Int32Array(userCount);
  const stepTimes = new Float64Array(userCount * stepCount).fill(NaN);
  const didStep = new Uint8Array(userCount * stepCount);
  for (let u = 0; u < userCount; u++) {
    const base = u * stepCount;
    let reached = 0;
    let previous = -Infinity;
    let start = 0;
    for (let s = 0; s < stepCount; s++) {
      const from = offsets[base + s];
      const to = offsets[base + s + 1];
      if (to > from) didStep[base + s] = 1;
      if (reached !== s) continue;
      let earliest = Infinity;
      for (let p = from; p < to; p++) {
        const t = times[p];
        if (t >= previous && t < earliest) earliest = t;
      }
      if (earliest === Infinity) continue;
      if (s === 0) start = earliest;
      else if (earliest - start > windowMs) continue;
      stepTimes[base + s] = earliest;
      previous = earliest;
      reached++;
    }
    depth[u] = reached;
  }
  return { depth, stepTimes, didStep };
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
