import { InputError } from '../../shared/errors';
import { costsByChannel } from '../../shared/channel/channel-costs';
import {
  MISSING_SEGMENT,
  channelReportFromTotals,
  missingSegmentWarning,
  plural,
  recommendationThresholds,
  type SegmentTotals,
} from '../../shared/channel/channel-report-from-totals';
import type { ChannelCosts, ChannelOptions, ChannelReport, ChannelTotals } from '../../shared/channel/types';
import { loadTable } from '../analysis/load-table';
import { segmentLabelsByKey } from '../analysis/segment-join';
import type { ChannelInput, CostsInput } from '../channels/channel.input';
import type { Context } from '../context';
import type { StoredColumn } from '../storage/entities/dataset.entity';
import { textSql, valueSql } from './column-types';
import { columnOf, connectedSource, Params, type ConnectedSource } from './connected-source';
import { col, fromItem } from './relation';

/** Column types a numeric measure (conversion flag, value, spend) may have on a connected table. */
const NUMERIC: StoredColumn['type'][] = ['NUMBER', 'BOOLEAN'];

/**
 * Channel economics of a connected users table, computed in the warehouse: one statement checks the columns, one
 * returns per channel and per segment × channel the sufficient statistics channelTotals gives in memory (users,
 * conversions, the exact numeric sum and count of converters' values, converters without a value), so one row per
 * channel (or pair) crosses the wire. A connected costs table is summed per channel there too; a stored or inline one is read into
 * memory (it is small: a row per channel and month). The report itself, margins, payback, break-even CPA, health and
 * recommendations included, comes from the same core as the in-memory one (channelReportFromTotals), so every figure
 * agrees. A stored segmentation is sent as bound arrays of keys and segment names and joined on the user column.
 *
 * Differences from the in-memory path, none in a figure: a connected table has no row order, so warnings give counts
 * without a first row; conversion, value and spend columns must be numeric or boolean columns of PostgreSQL.
 */
export async function connectedChannels(
  ctx: Context,
  source: ConnectedSource,
  input: ChannelInput,
  options: ChannelOptions,
): Promise<ChannelReport> {
  recommendationThresholds(options);
  const { dataset, connected } = source;
  const channel = columnOf(dataset, input.channelColumn, 'channelColumn');
  const converted = input.convertedColumn ? columnOf(dataset, input.convertedColumn, 'convertedColumn', NUMERIC) : null;
  const value = input.valueColumn ? columnOf(dataset, input.valueColumn, 'valueColumn', NUMERIC) : null;
  const segmentColumn = input.segmentColumn ? columnOf(dataset, input.segmentColumn, 'segmentColumn') : null;
  const user = input.userColumn ? columnOf(dataset, input.userColumn, 'userColumn') : null;
  const membership = input.segmentationId ? await segmentLabelsByKey(ctx, input.segmentationId) : null;
  const costs = input.costs ? await costsOf(ctx, input.costs) : null;

  const from = fromItem(dataset.definition!);
  const params = new Params();
  const conv = converted ? `nullif(${valueSql(converted.name, converted.type)}, 'NaN')` : 'NULL::float8';
  const v = value ? `nullif(${valueSql(value.name, value.type)}, 'NaN')` : 'NULL::float8';
  let segment = 'NULL::text';
  let join = '';
  if (segmentColumn) segment = textSql(col(segmentColumn.name), segmentColumn.type);
  if (membership && user) {
    // A key listed twice takes its last segment, as a Map built from the keys does in memory.
    const labels =
      `SELECT key, (array_agg(val ORDER BY ord DESC))[1] AS val FROM unnest(${params.bind(membership.keys)}::text[], ` +
      `${params.bind(membership.values)}::text[]) WITH ORDINALITY AS m(key, val, ord) GROUP BY key`;
    join = ` LEFT JOIN (${labels}) AS a ON a.key = ${textSql(col(user.name), user.type)}`;
    segment = 'a.val';
  }
  const converter = converted ? 'conv = 1' : value ? 'v > 0' : 'false';
  const rows =
    `SELECT ${textSql(col(channel.name), channel.type)} AS ch, ${segment} AS seg, ${conv} AS conv, ${v} AS v ` +
    `FROM ${from}${join}`;
  const figures =
    `count(*), count(*) FILTER (WHERE ${converter}), sum(v::numeric) FILTER (WHERE ${converter})::float8, ` +
    `count(v) FILTER (WHERE ${converter}), ${value ? `count(*) FILTER (WHERE ${converter} AND v IS NULL)` : '0'}`;
  const bySegment = segmentColumn || membership;
  const checks =
    `SELECT count(*) FILTER (WHERE ch IS NULL), count(*) FILTER (WHERE ch IS NOT NULL AND conv IS NULL), ` +
    'count(*) FILTER (WHERE conv NOT IN (0, 1)), min(conv) FILTER (WHERE conv NOT IN (0, 1)), ' +
    `count(*) FILTER (WHERE ch IS NOT NULL AND seg IS NULL) FROM r`;
  const aggregates =
    `SELECT false, NULL::text, ch, ${figures} FROM r WHERE ch IS NOT NULL GROUP BY ch` +
    (bySegment ? `\nUNION ALL SELECT true, seg, ch, ${figures} FROM r WHERE ch IS NOT NULL GROUP BY seg, ch` : '');

  return connected.run(dataset, async (q) => {
    const [[noChannel, noConversion, invalid, invalidExample, noSegment]] = await q.rows(
      `WITH r AS NOT MATERIALIZED (${rows})\n${checks}`,
      params.values,
    );
    if (Number(invalid) > 0) {
      throw new InputError(
        `convertedColumn: ${plural(Number(invalid), 'row')} of column "${converted!.name}" hold values such as ` +
          `${String(invalidExample)}; expected 0 or 1 (or true/false)`,
        'convertedColumn',
      );
    }
    const warnings: string[] = [];
    if (Number(noChannel) > 0) {
      warnings.push(`channelColumn: left out ${plural(Number(noChannel), 'row')} with no channel in "${channel.name}"`);
    }
    if (!converted) {
      warnings.push(
        value
          ? `convertedColumn: none given, so users with a value above 0 in "${value.name}" count as converted`
          : 'convertedColumn: none given and no valueColumn, so conversions are unknown',
      );
    } else if (Number(noConversion) > 0) {
      warnings.push(
        `convertedColumn: ${plural(Number(noConversion), 'row')} with no value in "${converted.name}", counted as ` +
          'not converted',
      );
    }
    const found = await q.rows(`WITH r AS NOT MATERIALIZED (${rows})\n${aggregates}`, params.values);
    const hasConversions = converted !== null || value !== null;
    const totalsOf = (row: unknown[] | undefined): ChannelTotals => ({
      users: row ? Number(row[3]) : 0,
      conversions: hasConversions ? (row ? Number(row[4]) : 0) : null,
      valueSum: value ? (row?.[5] === null || row === undefined ? 0 : Number(row[5])) : null,
      valueCount: row ? Number(row[6]) : 0,
      missingValues: row ? Number(row[7]) : 0,
    });
    const overall = found.filter((r) => r[0] === false);
    const channelLevels = overall.map((r) => r[2] as string).sort(byText);
    const byChannel = new Map(overall.map((r) => [r[2] as string, r]));
    let segments: SegmentTotals | null = null;
    if (bySegment) {
      const pairs = found.filter((r) => r[0] === true);
      const missing = Number(noSegment);
      const named = [...new Set(pairs.flatMap((r) => (r[1] === null ? [] : [r[1] as string])))].sort(byText);
      const names = missing > 0 ? [...named, MISSING_SEGMENT] : named;
      const key = (seg: unknown, ch: unknown) => `${seg === null ? '\u0000' : (seg as string)}\u0001${ch as string}`;
      const byPair = new Map(pairs.map((r) => [key(r[1], r[2]), r]));
      segments = {
        names,
        totals: names.flatMap((name, g) =>
          channelLevels.map((ch) => totalsOf(byPair.get(key(g === named.length ? null : name, ch)))),
        ),
        lastSegment: missing > 0 ? named.length : -1,
        missingWarning: missing > 0 ? missingSegmentWarning(options, missing, null) : null,
      };
    }
    return channelReportFromTotals(
      {
        channelLevels,
        totals: channelLevels.map((ch) => totalsOf(byChannel.get(ch))),
        hasConversions,
        hasValues: value !== null,
        costs,
        segments,
        warnings,
      },
      options,
    );
  });
}

type CostTable = { costs: Map<string, ChannelCosts>; warnings: string[] };

/**
 * The costs per channel: summed in the warehouse when the costs table is a connected dataset (one row per channel
 * comes back), else read into memory (stored or inline) and summed by costsByChannel. The same checks and warnings
 * as costsByChannel, with counts instead of first rows.
 */
async function costsOf(ctx: Context, input: CostsInput): Promise<CostTable> {
  const columns = {
    channelColumn: input.channelColumn,
    spendColumn: input.spendColumn,
    clicksColumn: input.clicksColumn ?? undefined,
    impressionsColumn: input.impressionsColumn ?? undefined,
  };
  const source = await connectedSource(ctx, input);
  if (!source) {
    const names = [input.channelColumn, input.spendColumn, input.clicksColumn, input.impressionsColumn];
    return costsByChannel(await loadTable(ctx, input, names, 'costs'), columns);
  }
  const { dataset, connected } = source;
  const channel = columnOf(dataset, input.channelColumn, 'costs.channelColumn');
  const measures = (
    [
      [columns.spendColumn, 'costs.spendColumn', 'spend'],
      [columns.clicksColumn, 'costs.clicksColumn', 'click count'],
      [columns.impressionsColumn, 'costs.impressionsColumn', 'impression count'],
    ] as const
  ).map(([name, argument, what]) => ({
    column: name === undefined ? null : columnOf(dataset, name, argument, NUMERIC),
    argument,
    what,
  }));
  const ch = textSql(col(channel.name), channel.type);
  const x = (column: StoredColumn | null) =>
    column ? `nullif(${valueSql(column.name, column.type)}, 'NaN')` : 'NULL::float8';
  const sums = measures.map(({ column }) => `sum(${x(column)}::numeric)::float8`).join(', ');
  const checks = measures
    .map(({ column }) => {
      const bad = `${x(column)} < 0 OR ${x(column)} = 'Infinity'`;
      return (
        `count(*) FILTER (WHERE ${ch} IS NOT NULL AND ${x(column)} IS NULL), ` +
        `count(*) FILTER (WHERE ${bad}), min(${x(column)}) FILTER (WHERE ${bad})`
      );
    })
    .join(', ');
  const from = fromItem(dataset.definition!);
  const [perChannel, [totals]] = await connected.run(dataset, async (q) => [
    await q.rows<[string, ...(number | null)[]]>(
      `SELECT ${ch}, ${sums} FROM ${from} WHERE ${ch} IS NOT NULL GROUP BY 1`,
    ),
    await q.rows(`SELECT count(*) FILTER (WHERE ${ch} IS NULL), ${checks} FROM ${from}`),
  ]);
  const warnings: string[] = [];
  measures.forEach(({ column, argument, what }, i) => {
    if (!column) return;
    const [missing, bad, example] = totals.slice(1 + 3 * i, 4 + 3 * i);
    if (Number(bad) > 0) {
      throw new InputError(
        `${argument}: ${plural(Number(bad), 'row')} of column "${column.name}" hold a ${what} such as ` +
          `${String(example)}; expected a number ≥ 0`,
        argument,
      );
    }
    if (Number(missing) > 0) {
      warnings.push(
        `${argument}: ${plural(Number(missing), 'row')} of the costs table with no ${what} in "${column.name}", ` +
          'counted as 0',
      );
    }
  });
  if (Number(totals[0]) > 0) {
    warnings.push(
      `costs.channelColumn: left out ${plural(Number(totals[0]), 'row')} of the costs table with no channel in ` +
        `"${channel.name}"`,
    );
  }
  const costs = new Map<string, ChannelCosts>();
  for (const [name, spend, clicks, impressions] of perChannel.sort((a, b) => byText(a[0], b[0]))) {
    costs.set(name, {
      spend: spend ?? 0,
      clicks: columns.clicksColumn ? (clicks ?? 0) : null,
      impressions: columns.impressionsColumn ? (impressions ?? 0) : null,
    });
  }
  return { costs, warnings };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
