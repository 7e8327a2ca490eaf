import { InputError } from '../errors';
import { encodeColumn, getColumn, numericValues } from '../table/access';
import type { Table } from '../table/types';
import { costsByChannel } from './channel-costs';
import {
  MISSING_SEGMENT,
  channelReportFromTotals,
  missingSegmentWarning,
  plural,
  recommendationThresholds,
  type SegmentTotals,
} from './channel-report-from-totals';
import { channelTotals, type ChannelRows } from './channel-totals';
import type { ChannelOptions, ChannelReport } from './types';

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
  recommendationThresholds(options);
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
  return channelReportFromTotals(
    {
      channelLevels: channels.levels,
      totals: channelTotals(rows),
      hasConversions: rows.converted !== null || rows.values !== null,
      hasValues: rows.values !== null,
      costs: costs && options.costs ? costsByChannel(costs, options.costs) : null,
      segments: segmentTotals(users, options, rows),
      warnings,
    },
    options,
  );
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

/** Segment × channel totals, or null without a segment column or segments. */
function segmentTotals(users: Table, options: ChannelOptions, rows: ChannelRows): SegmentTotals | null {
  const segments = segmentCodes(users, options);
  if (!segments) return null;
  const { codes, levels } = segments;
  const missing = firstAndCount(codes, (g, i) => g < 0 && rows.channelCodes[i] >= 0);
  const lastSegment = missing.count > 0 ? levels.length : -1;
  const groupCodes = missing.count > 0 ? codes.map((g) => (g < 0 ? lastSegment : g)) : codes;
  const names = missing.count > 0 ? [...levels, MISSING_SEGMENT] : levels;
  return {
    names,
    totals: channelTotals(rows, groupCodes, names.length),
    lastSegment,
    missingWarning: missing.count > 0 ? missingSegmentWarning(options, missing.count, missing.first + 1) : null,
  };
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
