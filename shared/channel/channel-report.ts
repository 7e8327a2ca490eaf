import { InputError } from '../errors';
import { encodeColumn, getColumn, numericValues } from '../table/access';
import type { Table } from '../table/types';
import { costsByChannel } from './channel-costs';
import { channelFigures, overallFigures } from './channel-metrics';
import { channelSegmentMetrics } from './channel-segments';
import { channelTotals, type ChannelRows } from './channel-totals';
import { recommendChannel } from './recommendation';
import { unitEconomics } from './unit-economics';
import {
  DEFAULT_THRESHOLDS,
  type ChannelCosts,
  type ChannelMetrics,
  type ChannelOptions,
  type ChannelReport,
  type ChannelSegmentMetrics,
  type ChannelTotals,
  type RecommendationThresholds,
} from './types';

/** Segment of the rows whose segment is missing. */
export const MISSING_SEGMENT = '(missing)';

/**
 * Channel economics from a users table (one row per user: channel, converted, value, segment) and an optional costs
 * table (spend, clicks, impressions per channel): per channel users, conversions, CPC, cost per user, CPA, average
 * and total value of converters, ROI, ROAS and LTV:CAC (definitions in channelFigures), a recommendation with its
 * reason (rules in recommendChannel), the unit economics at the gross margin (contribution, break-even CPA, payback
 * months and health; see unitEconomics), the same counts per segment × channel, and data-quality warnings.
 *
 * - converted: 0/1 or boolean; a missing value counts as not converted (warned); without the column a user with a
 *   value above 0 counts as converted. Values of non-converters are ignored; converters without a value are left
 *   out of avgValue and totalValue but counted in users and conversions (warned, per channel).
 * - Costs: a channel with users but no costs row spends 0; a channel with costs but no users is listed with 0 users.
 *   Both are warned.
 * - Channels are ordered by users, most first; segments likewise, "(missing)" last, and only segment × channel pairs
 *   with users are listed.
 * Rows count from 1 in messages.
 *
 * @throws InputError for a margin outside (0, 1], lifetimeMonths not above 0, a missing column, a converted value other than 0/1, a negative cost, a costs table without
 *   its column names (or the reverse), segments whose length is not the row count, or a threshold out of range.
 * @example
 * const users: Table = { rowCount: 4, columns: [
 *   { name: 'channel', type: 'TEXT', values: ['Google', 'Google', 'Google', 'Direct'] },
 *   { name: 'converted', type: 'BOOLEAN', values: Float64Array.of(1, 0, 0, 1) },
 *   { name: 'ltv', type: 'NUMBER', values: Float64Array.of(600, NaN, NaN, 90) }] };
 * const costs: Table = { rowCount: 1, columns: [{ name: 'channel', type: 'TEXT', values: ['Google'] },
 *   { name: 'spend', type: 'NUMBER', values: Float64Array.of(150) }] };
 * channelReport(users, { channelColumn: 'channel', convertedColumn: 'converted', valueColumn: 'ltv', minUsers: 0,
 *   costs: { channelColumn: 'channel', spendColumn: 'spend' } }, costs).channels[0];
 * // { channel: 'Google', users: 3, conversions: 1, cpa: 150, avgValue: 600, ltvToCac: 4, recommendation: 'MAINTAIN',
 * //   reason: 'LTV:CAC 4.0 meets target 3 but conversion 33.3% is below overall 50.0%', … }
 */
export function channelReport(users: Table, options: ChannelOptions, costs?: Table): ChannelReport {
  const thresholds = recommendationThresholds(options);
  if (costs && !options.costs) {
    throw new InputError('costs: a costs table needs its column names in options.costs', 'costs');
  }
  if (!costs && options.costs) throw new InputError('costs: column names were given but no costs table', 'costs');
  if (options.segmentColumn !== undefined && options.segments) {
    throw new InputError('segmentColumn: give a segment column or segments, not both', 'segmentColumn');
  }
  const warnings: string[] = [];
  const channelColumn = getColumn(users, options.channelColumn, 'channelColumn');
  const channels = encodeColumn(channelColumn);
  const missingChannel = firstAndCount(channels.codes, (c) => c < 0);
  if (missingChannel.count > 0) {
    warnings.push(
      `channelColumn: left out ${plural(missingChannel.count, 'row')} with no channel in "${channelColumn.name}" ` +
        `(first: row ${missingChannel.first + 1})`,
    );
  }
  const rows: ChannelRows = {
    channelCodes: channels.codes,
    channelCount: channels.levels.length,
    converted: convertedValues(users, options, channels.codes, warnings),
    values:
      options.valueColumn === undefined
        ? null
        : numericValues(getColumn(users, options.valueColumn, 'valueColumn'), 'valueColumn'),
  };
  const totals = channelTotals(rows);

  const costTable = costs && options.costs ? costsByChannel(costs, options.costs) : null;
  if (costTable) warnings.push(...costTable.warnings);
  const names: string[] = [];
  const totalsByChannel: ChannelTotals[] = [];
  channels.levels.forEach((level, c) => {
    if (totals[c].users === 0) return;
    names.push(level);
    totalsByChannel.push(totals[c]);
  });
  const costsOnly = costTable ? [...costTable.costs.keys()].filter((name) => !names.includes(name)) : [];
  const empty: ChannelTotals = {
    users: 0,
    conversions: rows.converted || rows.values ? 0 : null,
    valueSum: rows.values ? 0 : null,
    valueCount: 0,
    missingValues: 0,
  };
  for (const name of costsOnly) {
    names.push(name);
    totalsByChannel.push(empty);
  }
  const channelCosts = names.map((name) => costsOf(name, costTable?.costs ?? null, options));
  const overall = overallFigures(totalsByChannel, channelCosts);
  const { margin, lifetimeMonths } = economicsOptions(options);
  const metrics: ChannelMetrics[] = names.map((name, i) => {
    const figures = channelFigures(name, totalsByChannel[i], channelCosts[i]);
    return {
      ...figures,
      ...unitEconomics(figures, margin, lifetimeMonths, thresholds.targetLtvToCac),
      ...recommendChannel(figures, overall, thresholds),
    };
  });
  metrics.sort((a, b) => b.users - a.users || compare(a.channel, b.channel));

  warnCosts(costTable?.costs ?? null, names, costsOnly, warnings);
  warnMissingValues(metrics, options.valueColumn, warnings);
  warnEconomics(metrics, options, costTable !== null, lifetimeMonths, warnings);
  const bySegment = segmentMetrics(users, options, rows, channels.levels, metrics, warnings);
  return { channels: metrics, bySegment, overall, warnings };
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

function recommendationThresholds(options: ChannelOptions): RecommendationThresholds {
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

/** 1/0 per row (NaN counts as not converted), or null without a conversion column. */
function convertedValues(
  users: Table,
  options: ChannelOptions,
  channelCodes: Int32Array,
  warnings: string[],
): Float64Array | null {
  if (options.convertedColumn === undefined) {
    warnings.push(
      options.valueColumn === undefined
        ? 'convertedColumn: none given and no valueColumn, so conversions are unknown'
        : `convertedColumn: none given, so users with a value above 0 in "${options.valueColumn}" count as converted`,
    );
    return null;
  }
  const column = getColumn(users, options.convertedColumn, 'convertedColumn');
  const values = numericValues(column, 'convertedColumn');
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v && v !== 0 && v !== 1) {
      throw new InputError(
        `convertedColumn: row ${i + 1} has ${v} in column "${column.name}"; expected 0 or 1 (or true/false)`,
        'convertedColumn',
      );
    }
  }
  const missing = firstAndCount(values, (v, i) => v !== v && channelCodes[i] >= 0);
  if (missing.count > 0) {
    warnings.push(
      `convertedColumn: ${plural(missing.count, 'row')} with no value in "${column.name}", counted as not converted ` +
        `(first: row ${missing.first + 1})`,
    );
  }
  return values;
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

function warnCosts(
  costs: Map<string, ChannelCosts> | null,
  names: readonly string[],
  costsOnly: readonly string[],
  warnings: string[],
): void {
  if (!costs) return;
  if (costsOnly.length > 0) {
    const listed = costsOnly.map((name) => `"${name}" (spend ${costs.get(name)?.spend})`).join(', ');
    warnings.push(`costs: channels with costs but no users: ${listed}`);
  }
  const usersOnly = names.filter((name) => !costs.has(name));
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

/** Segment × channel figures, or none without a segment column or segments. */
function segmentMetrics(
  users: Table,
  options: ChannelOptions,
  rows: ChannelRows,
  channelLevels: readonly string[],
  metrics: readonly ChannelMetrics[],
  warnings: string[],
): ChannelSegmentMetrics[] {
  const segments = segmentCodes(users, options);
  if (!segments) return [];
  const { codes, levels } = segments;
  const missing = firstAndCount(codes, (g, i) => g < 0 && rows.channelCodes[i] >= 0);
  const lastSegment = missing.count > 0 ? levels.length : -1;
  if (missing.count > 0) {
    const argument = options.segmentColumn === undefined ? 'segments' : 'segmentColumn';
    warnings.push(
      `${argument}: ${plural(missing.count, 'row')} with no segment, grouped under "${MISSING_SEGMENT}" ` +
        `(first: row ${missing.first + 1})`,
    );
  }
  const groupCodes = missing.count > 0 ? codes.map((g) => (g < 0 ? lastSegment : g)) : codes;
  const groupNames = missing.count > 0 ? [...levels, MISSING_SEGMENT] : levels;
  const totals = channelTotals(rows, groupCodes, groupNames.length);
  const channelIndex = new Map(channelLevels.map((level, c) => [level, c]));
  const channelOrder = metrics.flatMap((m) => channelIndex.get(m.channel) ?? []);
  return channelSegmentMetrics(totals, groupNames, channelLevels, channelOrder, lastSegment);
}

/** Segment codes per row (-1 = missing) from the segment column or the given per-row segments. */
function segmentCodes(users: Table, options: ChannelOptions): { codes: Int32Array; levels: string[] } | null {
  if (options.segmentColumn !== undefined)
    return encodeColumn(getColumn(users, options.segmentColumn, 'segmentColumn'));
  if (!options.segments) return null;
  if (options.segments.length !== users.rowCount) {
    throw new InputError(
      `segments: ${options.segments.length} segments for the ${users.rowCount} rows of the users table`,
      'segments',
    );
  }
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = Int32Array.from(options.segments, (segment) => {
    if (segment === null) return -1;
    let code = index.get(segment);
    if (code === undefined) {
      code = levels.length;
      index.set(segment, code);
      levels.push(segment);
    }
    return code;
  });
  return { codes, levels };
}

function firstAndCount<T extends ArrayLike<number>>(
  values: T,
  test: (value: number, i: number) => boolean,
): { count: number; first: number } {
  let count = 0;
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    if (test(values[i], i)) {
      if (count === 0) first = i;
      count++;
    }
  }
  return { count, first };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
