import { channelSegmentMetrics } from '../../../shared/channel/channel-segments';
import type { ChannelTotals } from '../../../shared/channel/types';

const t = (users: number, conversions: number | null, valueSum: number | null, valueCount: number): ChannelTotals => ({
  users,
  conversions,
  valueSum,
  valueCount,
  missingValues: 0,
});

describe('channelSegmentMetrics', () => {
  test('channelSegmentMetrics(totals, …) gives rates, drop-off and share of segment per pair with users', () => {
    // segments × channels (A, B): small = [4 users 1 conv 80; 0], big = [6 users 3 conv 90 over 2; 4 users 0 conv]
    const totals = [t(4, 1, 80, 1), t(0, 0, 0, 0), t(6, 3, 90, 2), t(4, 0, 0, 0)];
    const rows = channelSegmentMetrics(totals, ['small', 'big'], ['A', 'B'], [1, 0], -1);
    // big first (10 users), channels in the given order B, A; small has no B users
    expect(rows.map((r) => [r.segment, r.channel])).toEqual([
      ['big', 'B'],
      ['big', 'A'],
      ['small', 'A'],
    ]);
    expect(rows[1]).toEqual({
      segment: 'big',
      channel: 'A',
      users: 6,
      conversions: 3,
      conversionRate: 0.5,
      dropOff: 3,
      dropOffRate: 0.5,
      avgValue: 45,
      totalValue: 90,
      shareOfSegment: 0.6,
      missingValues: 0,
    });
    expect(rows[0].avgValue).toBeNull();
  });

  test('channelSegmentMetrics lists the missing segment last whatever its size', () => {
    const totals = [t(1, 0, null, 0), t(9, 1, null, 0)];
    const rows = channelSegmentMetrics(totals, ['x', '(missing)'], ['A'], [0], 1);
    expect(rows.map((r) => r.segment)).toEqual(['x', '(missing)']);
    expect(rows[1].totalValue).toBeNull();
  });
});
