import type { FunnelEvents } from './types';

/** Group code of a user whose breakdown value is missing. */
export const MISSING_VALUE = -1;
/** Group code of a user with no row in the joined attributes (or segmentation). */
export const UNMATCHED = -2;

/** Each user's breakdown value as a code into `values`, or MISSING_VALUE / UNMATCHED. */
export interface UserValues {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

/** A join of the events' users to a second table keyed by user, with what did not line up. */
export interface AttributeJoin extends UserValues {
  /** Attribute keys that are not users of the events table, in table order. */
  readonly keysWithoutEvents: string[];
  /** Keys that appear more than once with different values (the first row's value is used). */
  readonly conflictingKeys: string[];
}

/**
 * Breakdown by a column of the events table: a user's value is the one on their earliest step-1 event (by time,
 * then row; by row without times), so a user who switches device mid-funnel stays in the group they started in.
 * Users with no step-1 event get MISSING_VALUE, as do users whose step-1 event has no value. O(n).
 *
 * @param valueCodes per event row, a code into `values` or -1 for missing.
 * @example
 * // user 0 did step 1 on "web" at t=5 and on "ios" at t=1: the earlier event decides
 * valueOnFirstStep({ userCodes: Int32Array.of(0, 0), stepCodes: Int32Array.of(0, 0), times: Float64Array.of(5, 1),
 *   userCount: 1, stepCount: 2 }, Int32Array.of(0, 1), ['web', 'ios']).codes; // [1]
 */
export function valueOnFirstStep(events: FunnelEvents, valueCodes: Int32Array, values: readonly string[]): UserValues {
  const { userCodes, stepCodes, times, userCount } = events;
  const firstRow = new Int32Array(userCount).fill(-1);
  for (let i = 0; i < userCodes.length; i++) {
    const u = userCodes[i];
    if (u < 0 || stepCodes[i] !== 0) continue;
    const current = firstRow[u];
    if (current < 0 || (times !== null && times[i] < times[current])) firstRow[u] = i;
  }
  const codes = new Int32Array(userCount);
  for (let u = 0; u < userCount; u++) {
    codes[u] = firstRow[u] < 0 || valueCodes[firstRow[u]] < 0 ? MISSING_VALUE : valueCodes[firstRow[u]];
  }
  return { codes, values };
}

/**
 * Breakdown by a value held outside the events table: `keys[i]` (a user id) has value `values[i]`, e.g. a column of
 * a customers table or a stored segmentation's labels. Like a pandas left join of the users on the key. Users with no
 * key get UNMATCHED; a null value gives MISSING_VALUE. The values are every distinct non-null value in `values`
 * (in order of first appearance), so a segment none of whose users are in the funnel still shows, empty.
 *
 * @example
 * joinUserValues(['u1', 'u2'], ['u2', 'u9'], ['VIP', 'New']);
 * // { codes: [UNMATCHED, 0], values: ['VIP', 'New'], keysWithoutEvents: ['u9'], conflictingKeys: [] }
 */
export function joinUserValues(
  users: readonly string[],
  keys: readonly (string | null)[],
  values: readonly (string | null)[],
): AttributeJoin {
  const valueIndex = new Map<string, number>();
  const distinct: string[] = [];
  const byKey = new Map<string, number>();
  const conflicting = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    const value = values[i];
    let code = MISSING_VALUE;
    if (value !== null) {
      const known = valueIndex.get(value);
      if (known === undefined) {
        code = distinct.length;
        valueIndex.set(value, code);
        distinct.push(value);
      } else code = known;
    }
    const key = keys[i];
    if (key === null) continue;
    const earlier = byKey.get(key);
    if (earlier === undefined) byKey.set(key, code);
    else if (earlier !== code) conflicting.add(key);
  }
  const codes = new Int32Array(users.length);
  const userSet = new Set(users);
  for (let u = 0; u < users.length; u++) codes[u] = byKey.get(users[u]) ?? UNMATCHED;
  const keysWithoutEvents = [...byKey.keys()].filter((key) => !userSet.has(key));
  return { codes, values: distinct, keysWithoutEvents, conflictingKeys: [...conflicting] };
}
