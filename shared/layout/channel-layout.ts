/**
 * The results layout of a channel report (GUIDE §2 `ChannelReport`): one row per channel with volume, conversion,
 * cost, value and the recommendation, and a bar chart of ROAS by channel when spend is known, else of conversion
 * rate by channel; the per-segment table when the report has one.
 */
import type { Cell } from '../table/types';
import type { LayoutTable, ResultLayout } from './types';

export interface ChannelsForLayout {
  warnings: string[];
  channels: {
    channel: string;
    users: number;
    conversions?: number | null;
    conversionRate?: number | null;
    spend?: number | null;
    cpc?: number | null;
    cpa?: number | null;
    avgValue?: number | null;
    totalValue?: number | null;
    roi?: number | null;
    roas?: number | null;
    ltvToCac?: number | null;
    recommendation: string;
    reason: string;
  }[];
  bySegment: { segment: string; channel: string; users: number; conversionRate?: number | null }[];
}

/**
 * @example channelLayout(report, { source: 'Users!A1:F900' }).sheet.charts[0].title // 'ROAS by channel'
 */
export function channelLayout(report: ChannelsForLayout, options: { source: string }): ResultLayout {
  const hasSpend = report.channels.some((c) => c.roas != null);
  const tables: LayoutTable[] = [
    {
      name: 'Channels',
      title: 'Channel economics',
      columns: [
        { header: 'Channel', format: 'text' },
        { header: 'Users', format: 'integer' },
        { header: 'Conversions', format: 'integer' },
        { header: 'Conversion rate', format: 'percent' },
        { header: 'Spend', format: 'currency' },
        { header: 'CPC', format: 'currency' },
        { header: 'CPA', format: 'currency' },
        { header: 'Average value', format: 'currency' },
        { header: 'Total value', format: 'currency' },
        { header: 'ROI', format: 'percent' },
        { header: 'ROAS', format: 'number' },
        { header: 'LTV:CAC', format: 'number' },
        { header: 'Recommendation', format: 'text' },
        { header: 'Why', format: 'text' },
      ],
      rows: report.channels.map((c): Cell[] => [
        c.channel,
        c.users,
        c.conversions ?? null,
        c.conversionRate ?? null,
        c.spend ?? null,
        c.cpc ?? null,
        c.cpa ?? null,
        c.avgValue ?? null,
        c.totalValue ?? null,
        c.roi ?? null,
        c.roas ?? null,
        c.ltvToCac ?? null,
        c.recommendation,
        c.reason,
      ]),
    },
  ];
  if (report.bySegment.length > 0) {
    tables.push({
      name: 'ChannelsBySegment',
      title: 'Channels by segment',
      columns: [
        { header: 'Segment', format: 'text' },
        { header: 'Channel', format: 'text' },
        { header: 'Users', format: 'integer' },
        { header: 'Conversion rate', format: 'percent' },
      ],
      rows: report.bySegment.map((s): Cell[] => [s.segment, s.channel, s.users, s.conversionRate ?? null]),
    });
  }
  return {
    rowColumns: null,
    sheet: {
      name: 'Quadrant channels',
      title: `Channels of ${options.source}`,
      notes: report.warnings,
      tables,
      charts: [
        {
          type: 'BarClustered',
          title: hasSpend ? 'ROAS by channel' : 'Conversion rate by channel',
          table: 'Channels',
          categoryColumn: 0,
          valueColumns: [hasSpend ? 10 : 3],
          xAxisTitle: 'Channel',
          yAxisTitle: hasSpend ? 'ROAS (value ÷ spend)' : 'Conversion rate',
        },
      ],
    },
  };
}
