import { InputError } from '../errors';
import { channelFigures, overallFigures } from './channel-metrics';
import { channelSegmentMetrics } from './channel-segments';
import { recommendChannel } from './recommendation';
import { unitEconomics } from './unit-economics';
import {
  DEFAULT_THRESHOLDS,
  type ChannelCosts,
  type ChannelMetrics,
  type ChannelOptions,
  type ChannelReport,
  type ChannelTotals,
  type RecommendationThresholds,
} from './types';

/** Segment of the rows whose segment is missing. */
export const MISSING_SEGMENT = '(missing)';

/** Segment × channel totals: `names.length × channelLevels.length`, row-major (see channelTotals). */
export interface SegmentTotals {
  readonly names: readonly string[];
  readonly totals: readonly ChannelTotals[];
  /** The index of the "(missing)" group, listed last, or -1. */
  readonly lastSegment: number;
  /** The warning about rows with no segment, or null. */
  readonly missingWarning: string | null;
}

/**
 * What channelReport needs from the users and costs tables, whoever counted it: the in-memory rows
 * (channel-report.ts) or SQL aggregates in the warehouse (server/warehouse/connected-channels.ts).
 */
export interface ChannelAggregates {
  /** Every channel of the users table, in any order; totals[i] belongs to channelLevels[i]. */
  readonly channelLevels: readonly string[];
  readonly totals: readonly ChannelTotals[];
  /** Whether conversions are known (a conversion or value column was given). */
  readonly hasConversions: boolean;
  readonly hasValues: boolean;
  /** Sums per channel of the costs table (first appearance first) and its warnings, or null without costs. */
  readonly costs: { costs: Map<string, ChannelCosts>; warnings: string[] } | null;
  readonly segments: SegmentTotals | null;
  /** Warnings about the users table, raised while counting. */
  readonly warnings: readonly string[];
}

/**
 * The channel report from per-channel totals and costs: figures (channelFigures), unit economics at the gross margin
 * (unitEconomics), a recommendation (recommendChannel) per channel, segment × channel figures and the warnings, as
 * channelReport describes them. Channels come most users first (ties by name); a channel with costs but no users is
 * listed with 0 users.
 *
 * @throws InputError for a margin outside (0, 1], lifetimeMonths not above 0, or a threshold out of range.
 */
export function channelReportFromTotals(aggregates: ChannelAggregates, options: ChannelOptions): ChannelReport {
  const thresholds = recommendationThresholds(options);
  const { margin, lifetimeMonths } = economicsOptions(options);
  const warnings = [...aggregates.warnings];
  const costTable = aggregates.costs;
  if (costTable) warnings.push(...costTable.warnings);
  const names: string[] = [];
  const totalsByChannel: ChannelTotals[] = [];
  aggregates.channelLevels.forEach((level, c) => {
    if (aggregates.totals[c].users === 0) return;
    names.push(level);
    totalsByChannel.push(aggregates.totals[c]);
  });
  const costsOnly = costTable ? [...costTable.costs.keys()].filter((name) => !names.includes(name)) : [];
  const empty: ChannelTotals = {
    users: 0,
    conversions: aggregates.hasConversions ? 0 : null,
    valueSum: aggregates.hasValues ? 0 : null,
    valueCount: 0,
    missingValues: 0,
  };
  for (const name of costsOnly) {
    names.push(name);
    totalsByChannel.push(empty);
  }
  const channelCosts = names.map((name) => costsOf(name, costTable?.costs ?? null, options));
  const overall = overallFigures(totalsByChannel, channelCosts);
  const metrics: ChannelMetrics[] = names.map((name, i) => {
    const figures = channelFigures(name, totalsByChannel[i], channelCosts[i]);
    return {
      ...figures,
      ...unitEconomics(figures, margin, lifetimeMonths, thresholds.targetLtvToCac),
      ...recommendChannel(figures, overall, thresholds),
    };
  });
  metrics.sort((a, b) => b.users - a.users || compare(a.channel, b.channel));

  warnCosts(costTable?.costs ?? null, metrics, warnings);
  warnMissingValues(metrics, options.valueColumn, warnings);
  warnEconomics(metrics, options, costTable !== null, lifetimeMonths, warnings);
  const segments = aggregates.segments;
  if (!segments) return { channels: metrics, bySegment: [], overall, warnings };
  if (segments.missingWarning) warnings.push(segments.missingWarning);
  const channelIndex = new Map(aggregates.channelLevels.map((level, c) => [level, c]));
  const channelOrder = metrics.flatMap((m) => channelIndex.get(m.channel) ?? []);
  const bySegment = channelSegmentMetrics(
    segments.totals,
    segments.names,
    aggregates.channelLevels,
    channelOrder,
    segments.lastSegment,
  );
  return { channels: metrics, bySegment, overall, warnings };
}

/** The warning about rows with no segment; `firstRow` (from 1) when the rows have an order. */
export function missingSegmentWarning(options: ChannelOptions, count: number, firstRow: number | null): string {
  const argument = options.segmentColumn === undefined ? 'segments' : 'segmentColumn';
  return (
    `${argument}: ${plural(count, 'row')} with no segment, grouped under "${MISSING_SEGMENT}"` +
    (firstRow === null ? '' : ` (first: row ${firstRow})`)
  );
}

function economicsOptions(options: ChannelOptions): { margin: number; lifetimeMonths: number | null } {
  const margin = options.margin ?? 1;
  if (!(Number.isFinite(margin) && margin > 0 && margin <= 1)) {
    throw new InputError(`margin: ${margin} is not a gross margin in (0, 1] (0.4 = 40%)`, 'margin');
  }
  const lifetimeMonths = options.lifetimeMonths ?? null;
  if (lifetimeMonths !== null && !(Number.isFinite(lifetimeMonths) && lifetimeMonths > 0)) {
    throw new InputError(`lifetimeMonths: ${lifetimeMonths} is not a number of months > 0`, 'lifetimeMonths');
  }
  return { margin, lifetimeMonths };
}

/** Which input each null margin figure or UNKNOWN health lacks. */
function warnEconomics(
  metrics: readonly ChannelMetrics[],
  options: ChannelOptions,
  hasCosts: boolean,
  lifetimeMonths: number | null,
  warnings: string[],
): void {
  if (options.valueColumn === undefined) {
    warnings.push(
      'valueColumn: none given, so contribution, breakEvenCpa and paybackMonths are null and health UNKNOWN',
    );
  }
  if (!hasCosts) warnings.push('costs: none given, so paybackMonths is null and health UNKNOWN');
  if (lifetimeMonths === null && hasCosts && options.valueColumn !== undefined) {
    warnings.push('lifetimeMonths: none given, so paybackMonths is null');
  }
  if (!hasCosts || options.valueColumn === undefined) return;
  const unknown = metrics.filter((m) => m.health === 'UNKNOWN');
  if (unknown.length > 0) {
    const why = (m: ChannelMetrics) =>
      !(m.spend !== null && m.spend > 0) ? 'no spend' : !m.conversions ? 'no conversions' : 'no values';
    warnings.push(`health: UNKNOWN for ${unknown.map((m) => `"${m.channel}" (${why(m)})`).join(', ')}`);
  }
}

/** The thresholds with their defaults, each checked. */
export function recommendationThresholds(options: ChannelOptions): RecommendationThresholds {
  const thresholds: RecommendationThresholds = {
    targetLtvToCac: options.targetLtvToCac ?? DEFAULT_THRESHOLDS.targetLtvToCac,
    minLtvToCac: options.minLtvToCac ?? DEFAULT_THRESHOLDS.minLtvToCac,
    minUsers: options.minUsers ?? DEFAULT_THRESHOLDS.minUsers,
    reduceBelowShare: options.reduceBelowShare ?? DEFAULT_THRESHOLDS.reduceBelowShare,
  };
  for (const [name, value] of Object.entries(thresholds)) {
    if (!(Number.isFinite(value) && value >= 0)) throw new InputError(`${name}: ${value} is not a number ≥ 0`, name);
  }
  if (thresholds.reduceBelowShare > 1) {
    throw new InputError(`reduceBelowShare: ${thresholds.reduceBelowShare} is above 1`, 'reduceBelowShare');
  }
  if (thresholds.targetLtvToCac < thresholds.minLtvToCac) {
    throw new InputError(
      `targetLtvToCac: ${thresholds.targetLtvToCac} is below minLtvToCac ${thresholds.minLtvToCac}`,
      'targetLtvToCac',
    );
  }
  return thresholds;
}

/** A channel's costs: its row(s) of the costs table, nothing for a channel absent from it, null without costs. */
function costsOf(name: string, costs: Map<string, ChannelCosts> | null, options: ChannelOptions): ChannelCosts | null {
  if (!costs) return null;
  return (
    costs.get(name) ?? {
      spend: 0,
      clicks: options.costs?.clicksColumn ? 0 : null,
      impressions: options.costs?.impressionsColumn ? 0 : null,
    }
  );
}

/** Channels with costs but no users, and the reverse, listed in the report's order (most users first). */
function warnCosts(
  costs: Map<string, ChannelCosts> | null,
  metrics: readonly ChannelMetrics[],
  warnings: string[],
): void {
  if (!costs) return;
  const costsOnly = metrics.filter((m) => m.users === 0).map((m) => m.channel);
  if (costsOnly.length > 0) {
    const listed = costsOnly.map((name) => `"${name}" (spend ${costs.get(name)?.spend})`).join(', ');
    warnings.push(`costs: channels with costs but no users: ${listed}`);
  }
  const usersOnly = metrics.filter((m) => !costs.has(m.channel)).map((m) => m.channel);
  if (usersOnly.length > 0) {
    warnings.push(
      `costs: channels with users but no row in the costs table, so no spend: ` +
        usersOnly.map((name) => `"${name}"`).join(', '),
    );
  }
}

function warnMissingValues(
  metrics: readonly ChannelMetrics[],
  valueColumn: string | undefined,
  warnings: string[],
): void {
  const affected = metrics.filter((m) => m.missingValues > 0);
  if (affected.length === 0) return;
  const total = affected.reduce((sum, m) => sum + m.missingValues, 0);
  warnings.push(
    `valueColumn: ${plural(total, 'converter')} with no value in "${valueColumn}" ` +
      `(${affected.map((m) => `${m.channel} ${m.missingValues}`).join(', ')}), left out of avgValue and ` +
      'totalValue but counted in users and conversions',
  );
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
