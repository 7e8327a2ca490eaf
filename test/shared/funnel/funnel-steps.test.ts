import { funnelSteps } from '../../../shared/funnel/funnel-steps';

describe('funnelSteps', () => {
  test('funnelSteps(names, users, …) gives conversion, drop-off and its rate per step', () => {
    // 200 → 50 → 40: from previous 0.25 then 0.8; from start 0.25 then 0.2; drop-off 150 (0.75), 10 (0.2)
    const buy = { p25: 20, median: 45.5, p75: 60, p90: 90, mean: 50 };
    const steps = funnelSteps(
      ['visit', 'signup', 'buy'],
      [200, 50, 40],
      [200, 60, 40],
      [NaN, 30, 45.5],
      [null, null, buy],
    );
    expect(steps).toEqual([
      {
        name: 'visit',
        users: 200,
        conversionFromPrevious: 1,
        conversionFromStart: 1,
        dropOff: 0,
        dropOffRate: 0,
        medianSecondsFromPrevious: null,
        timeToConvert: null,
        usersWithEvent: 200,
      },
      {
        name: 'signup',
        users: 50,
        conversionFromPrevious: 0.25,
        conversionFromStart: 0.25,
        dropOff: 150,
        dropOffRate: 0.75,
        medianSecondsFromPrevious: 30,
        timeToConvert: null,
        usersWithEvent: 60,
      },
      {
        name: 'buy',
        users: 40,
        conversionFromPrevious: 0.8,
        conversionFromStart: 0.2,
        dropOff: 10,
        dropOffRate: 0.2,
        medianSecondsFromPrevious: 45.5,
        timeToConvert: buy,
        usersWithEvent: 40,
      },
    ]);
  });

  test('funnelSteps gives 0 for rates over zero users and null medians without times', () => {
    const steps = funnelSteps(['visit', 'buy'], [0, 0], [0, 3], null);
    expect(steps.map((s) => [s.conversionFromPrevious, s.conversionFromStart, s.dropOffRate])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(steps[1].medianSecondsFromPrevious).toBeNull();
  });
});
