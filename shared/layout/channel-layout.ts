/**
 * The result layout of channel economics (GraphQL `ChannelReport`): one row per channel (volume, conversion, cost,
 * value, ROI, ROAS, LTV:CAC, recommendation and its reason) with a chart of ROAS by channel when spend is known and
 * of conversion rate otherwise; a profitability table (margin contribution, break-even CPA against CPA, payback
 * months, margin LTV:CAC, health) with a chart of CPA beside break-even CPA when a margin or lifetime was given; and the
 * segment × channel breakdown when there is one.
 */
import type { Cell } from '../table/types';
import { numberCell } from './cells';
import type { LayoutChart, LayoutTable, ResultLayout } from './types';

/** `ChannelMetrics`, the fields a layout shows. */
export interface ChannelMetricsResult {
  channel: string;
  users: number;
  conversions: number | null;
  conversionRate: number | null;
  spend: number | null;
  clicks: number | null;
  cpc: number | null;
  costPerUser: number | null;
  cpa: number | null;
  avgValue: number | null;
  totalValue: number | null;
  roi: number | null;
  roas: number | null;
  ltvToCac: number | null;
  /** Issue-15 economics; absent from documents that do not ask for them (then the profitability table is left out). */
  contribution?: number | null;
  breakEvenCpa?: number | null;
  paybackMonths?: number | null;
  marginLtvToCac?: number | null;
  health?: string | null;
  recommendation: string;
  reason: string;
}

/** `ChannelSegmentMetrics`, the fields a layout shows. */
export interface ChannelSegmentResult {
  segment: string;
  channel: string;
  users: number;
  conversions: number | null;
  conversionRate: number | null;
  shareOfSegment: number | null;
  avgValue: number | null;
  totalValue: number | null;
}

/** `ChannelReport`, the fields a layout shows. */
export interface ChannelResultShape {
  channels: readonly ChannelMetricsResult[];
  bySegment: readonly ChannelSegmentResult[];
  warnings: readonly string[];
}

export const CHANNELS_SHEET = 'Quadrant channels';

/**
 * Lays out a channel report (no row columns: the recommendation is per channel).
 * @example channelLayout(report).sheet.charts[0].title → 'ROAS by channel' (with costs)
 */
export function channelLayout(report: ChannelResultShape): ResultLayout {
  const channels: LayoutTable = {
    name: 'Channels',
    title: 'Channels: volume, conversion, cost and value (ratios from totals)',
    columns: [
      { header: 'Channel', format: 'text' },
      { header: 'Users', format: 'integer' },
      { header: 'Conversions', format: 'integer' },
      { header: 'Conversion rate', format: 'percent' },
      { header: 'Spend', format: 'currency' },
      { header: 'Clicks', format: 'integer' },
      { header: 'CPC', format: 'currency' },
      { header: 'Cost per user', format: 'currency' },
      { header: 'CPA', format: 'currency' },
      { header: 'Average value', format: 'currency' },
      { header: 'Total value', format: 'currency' },
      { header: 'ROI', format: 'percent' },
      { header: 'ROAS', format: 'number' },
      { header: 'LTV:CAC', format: 'number' },
      { header: 'Recommendation', format: 'text' },
      { header: 'Reason', format: 'text' },
    ],
    rows: report.channels.map((c): Cell[] => [
      c.channel,
      c.users,
      numberCell(c.conversions),
      numberCell(c.conversionRate),
      numberCell(c.spend),
      numberCell(c.clicks),
      numberCell(c.cpc),
      numberCell(c.costPerUser),
      numberCell(c.cpa),
      numberCell(c.avgValue),
      numberCell(c.totalValue),
      numberCell(c.roi),
      numberCell(c.roas),
      numberCell(c.ltvToCac),
      c.recommendation,
      c.reason,
    ]),
  };
  const withRoas = report.channels.some((c) => c.roas != null);
  const charts: LayoutChart[] = [
    withRoas
      ? {
          type: 'BarClustered',
          title: 'ROAS by channel',
          table: channels.name,
          categoryColumn: 0,
          valueColumns: [12],
          yAxisTitle: 'Value per unit of spend',
        }
      : {
          type: 'BarClustered',
          title: 'Conversion rate by channel',
          table: channels.name,
          categoryColumn: 0,
          valueColumns: [3],
          yAxisTitle: 'Conversion rate',
        },
  ];
  const tables = [channels];
  const profitability = profitabilityTable(report.channels);
  if (profitability) {
    tables.push(profitability);
    charts.push({
      type: 'BarClustered',
      title: 'CPA against break-even CPA by channel',
      table: profitability.name,
      categoryColumn: 0,
      valueColumns: [3, 4],
      yAxisTitle: 'Cost per acquisition',
    });
  }
  if (report.bySegment.length > 0) {
    tables.push({
      name: 'ChannelsBySegment',
      title: 'Channels within each segment',
      columns: [
        { header: 'Segment', format: 'text' },
        { header: 'Channel', format: 'text' },
        { header: 'Users', format: 'integer' },
        { header: 'Share of segment', format: 'percent' },
        { header: 'Conversions', format: 'integer' },
        { header: 'Conversion rate', format: 'percent' },
        { header: 'Average value', format: 'currency' },
        { header: 'Total value', format: 'currency' },
      ],
      rows: report.bySegment.map((s): Cell[] => [
        s.segment,
        s.channel,
        s.users,
        numberCell(s.shareOfSegment),
        numberCell(s.conversions),
        numberCell(s.conversionRate),
        numberCell(s.avgValue),
        numberCell(s.totalValue),
      ]),
    });
  }
  return {
    rowColumns: null,
    sheet: {
      name: CHANNELS_SHEET,
      title: `Channel economics: ${report.channels.length} channels`,
      notes: [...report.warnings],
      tables,
      charts,
    },
  };
}

/**
 * Margin economics per channel, shown only when a margin or a customer lifetime was given: contribution (total value × margin), the
 * break-even CPA beside the actual CPA, payback months and margin LTV:CAC, and the health they add up to.
 */
function profitabilityTable(channels: readonly ChannelMetricsResult[]): LayoutTable | null {
  // At the default margin (1) without a lifetime these figures repeat total value and LTV:CAC: leave them out.
  const told = channels.some(
    (c) =>
      c.paybackMonths != null || (c.contribution != null && c.totalValue != null && c.contribution !== c.totalValue),
  );
  if (!told) return null;
  return {
    name: 'ChannelProfitability',
    title: 'Profitability: margin contribution, break-even CPA and payback',
    columns: [
      { header: 'Channel', format: 'text' },
      { header: 'Health', format: 'text' },
      { header: 'Contribution', format: 'currency' },
      { header: 'CPA', format: 'currency' },
      { header: 'Break-even CPA', format: 'currency' },
      { header: 'Payback months', format: 'number' },
      { header: 'Margin LTV:CAC', format: 'number' },
    ],
    rows: channels.map((c): Cell[] => [
      c.channel,
      c.health ?? null,
      numberCell(c.contribution),
      numberCell(c.cpa),
      numberCell(c.breakEvenCpa),
      numberCell(c.paybackMonths),
      numberCell(c.marginLtvToCac),
    ]),
  };
}
