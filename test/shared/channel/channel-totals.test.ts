import { channelTotals } from '../../../shared/channel/channel-totals';
import { createRng } from '../../../shared/random';

describe('channelTotals', () => {
  const rows = {
    channelCodes: Int32Array.of(0, 0, 0, 1, 1, -1),
    channelCount: 2,
    converted: Float64Array.of(1, 1, 0, 1, NaN, 1),
    values: Float64Array.of(100, NaN, 40, 30, 99, 5),
  };

  test('channelTotals(rows) counts users, conversions and converters’ values per channel', () => {
    // channel 0: 3 users, converters rows 0 (100) and 1 (missing) → sum 100 over 1, 1 missing; row 2's 40 ignored
    // channel 1: 2 users, converter row 3 (30); row 4's flag is missing → not converted; row 5 has no channel
    expect(channelTotals(rows)).toEqual([
      { users: 3, conversions: 2, valueSum: 100, valueCount: 1, missingValues: 1 },
      { users: 2, conversions: 1, valueSum: 30, valueCount: 1, missingValues: 0 },
    ]);
  });

  test('channelTotals without a conversion column counts a value above 0 as converted, and without either knows none', () => {
    // channel 0: values 100 (conv), NaN, 40 (conv); channel 1: 30 (conv), 99 (conv)
    const byValue = channelTotals({ ...rows, converted: null });
    expect(byValue.map((t) => [t.conversions, t.valueSum])).toEqual([
      [2, 140],
      [2, 129],
    ]);
    expect(channelTotals({ ...rows, converted: null, values: null })[0]).toEqual({
      users: 3,
      conversions: null,
      valueSum: null,
      valueCount: 0,
      missingValues: 0,
    });
  });

  test('channelTotals(rows, groups) splits by group, and the groups add up to the channel totals', () => {
    const rng = createRng(5);
    const n = 2000;
    const random = {
      channelCodes: Int32Array.from({ length: n }, () => rng.int(4) - 1),
      channelCount: 3,
      converted: Float64Array.from({ length: n }, () => rng.int(2)),
      values: Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? NaN : rng.int(1000) / 7)),
    };
    const groups = Int32Array.from({ length: n }, () => rng.int(3));
    const whole = channelTotals(random);
    const split = channelTotals(random, groups, 3);
    for (let c = 0; c < 3; c++) {
      const parts = [0, 1, 2].map((g) => split[g * 3 + c]);
      expect(parts.reduce((s, t) => s + t.users, 0)).toBe(whole[c].users);
      expect(parts.reduce((s, t) => s + (t.conversions ?? 0), 0)).toBe(whole[c].conversions);
      expect(parts.reduce((s, t) => s + (t.valueSum ?? 0), 0)).toBeCloseTo(whole[c].valueSum ?? NaN, 8);
    }
  });
});
