import { ratio } from './channel-metrics';
import type { ChannelSegmentMetrics, ChannelTotals } from './types';

/**
 * Channel figures within each segment, as a pandas `groupby([segment, channel])` over the users gives them:
 * users, conversions, conversion rate, drop-off (users who did not convert) and its rate, average and total value of
 * converters, and the channel's share of the segment's users. Only pairs with users are listed; segments come
 * biggest first (ties by name) and `lastSegment` (the "(missing)" group) at the end; channels in `channelOrder`.
 *
 * @param totals segmentNames.length × channelNames.length totals, row-major (see channelTotals).
 * @param channelOrder channel codes in the order to list them.
 * @param lastSegment the index of a segment to list last, or -1.
 * @example
 * channelSegmentMetrics([{ users: 4, conversions: 1, valueSum: 80, valueCount: 1, missingValues: 0 }], ['VIP'],
 *   ['Google'], [0], -1)[0]; // { segment: 'VIP', channel: 'Google', users: 4, conversionRate: 0.25, dropOff: 3, … }
 */
export function channelSegmentMetrics(
  totals: readonly ChannelTotals[],
  segmentNames: readonly string[],
  channelNames: readonly string[],
  channelOrder: readonly number[],
  lastSegment: number,
): ChannelSegmentMetrics[] {
  const channelCount = channelNames.length;
  const at = (g: number, c: number) => totals[g * channelCount + c];
  const segmentUsers = segmentNames.map((_, g) => channelOrder.reduce((sum, c) => sum + at(g, c).users, 0));
  const segments = segmentNames
    .map((_, g) => g)
    .filter((g) => segmentUsers[g] > 0)
    .sort(
      (a, b) =>
        Number(a === lastSegment) - Number(b === lastSegment) ||
        segmentUsers[b] - segmentUsers[a] ||
        (segmentNames[a] < segmentNames[b] ? -1 : segmentNames[a] > segmentNames[b] ? 1 : 0),
    );
  return segments.flatMap((g) =>
    channelOrder
      .filter((c) => at(g, c).users > 0)
      .map((c) => {
        const t = at(g, c);
        const dropOff = t.conversions === null ? null : t.users - t.conversions;
        return {
          segment: segmentNames[g],
          channel: channelNames[c],
          users: t.users,
          conversions: t.conversions,
          conversionRate: ratio(t.conversions, t.users),
          dropOff,
          dropOffRate: ratio(dropOff, t.users),
          avgValue: t.valueSum === null ? null : ratio(t.valueSum, t.valueCount),
          totalValue: t.valueSum,
          shareOfSegment: ratio(t.users, segmentUsers[g]),
          missingValues: t.missingValues,
        };
      }),
  );
}
