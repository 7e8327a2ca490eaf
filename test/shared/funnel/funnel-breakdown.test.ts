import { MISSING_VALUE, UNMATCHED, joinUserValues, valueOnFirstStep } from '../../../shared/funnel/funnel-breakdown';

describe('valueOnFirstStep', () => {
  test('valueOnFirstStep(events, codes, values) takes the value on the earliest step-1 event', () => {
    // user 0: step 0 on "web" at t=5 and "ios" at t=1 → ios; user 1: step 0 on "web" (and "ios" at step 1) → web
    const events = {
      userCodes: Int32Array.of(0, 0, 1, 1),
      stepCodes: Int32Array.of(0, 0, 0, 1),
      times: Float64Array.of(5, 1, 9, 3),
      userCount: 2,
      stepCount: 2,
    };
    expect([...valueOnFirstStep(events, Int32Array.of(0, 1, 0, 1), ['web', 'ios']).codes]).toEqual([1, 0]);
  });

  test('valueOnFirstStep takes the first row on a time tie or without times, and marks users without a value', () => {
    // user 0: two step-1 rows at t=4 → the first (ios); user 1: no step-1 event; user 2: step-1 value missing
    const base = {
      userCodes: Int32Array.of(0, 0, 1, 2),
      stepCodes: Int32Array.of(0, 0, 1, 0),
      userCount: 3,
      stepCount: 2,
    };
    const codes = Int32Array.of(1, 0, 0, -1);
    const expected = [1, MISSING_VALUE, MISSING_VALUE];
    expect([...valueOnFirstStep({ ...base, times: Float64Array.of(4, 4, 0, 0) }, codes, ['web', 'ios']).codes]).toEqual(
      expected,
    );
    expect([...valueOnFirstStep({ ...base, times: null }, codes, ['web', 'ios']).codes]).toEqual(expected);
  });
});

describe('joinUserValues', () => {
  test('joinUserValues(users, keys, values) matches users to keys and lists what did not line up', () => {
    const join = joinUserValues(
      ['u1', 'u2', 'u3', 'u4'],
      ['u2', 'u9', 'u1', 'u1', null, 'u3'],
      ['VIP', 'Dormant', 'New', 'VIP', 'New', null],
    );
    // u1 → New (first row; the second says VIP: conflicting), u2 → VIP, u3 → missing value, u4 → no row
    expect(join.values).toEqual(['VIP', 'Dormant', 'New']);
    expect([...join.codes]).toEqual([2, 0, MISSING_VALUE, UNMATCHED]);
    expect(join.keysWithoutEvents).toEqual(['u9']);
    expect(join.conflictingKeys).toEqual(['u1']);
  });
});
