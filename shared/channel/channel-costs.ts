import { InputError } from '../errors';
import { Adder } from '../math/sum';
import { encodeColumn, getColumn, numericValues } from '../table/access';
import type { Table } from '../table/types';
import type { ChannelCosts, CostsColumns } from './types';

/**
 * Spend, clicks and impressions per channel from a costs table (one row per channel, or many, e.g. per day or
 * campaign, which are summed as pandas' `groupby(channel).sum()` does). A missing spend, click or impression count
 * adds nothing (with a warning); a row without a channel is left out (with a warning). Rows count from 1 in messages.
 *
 * @returns channels in order of first appearance, and the warnings raised.
 * @throws InputError for a missing column, a non-numeric column, or a negative spend, click or impression count.
 * @example
 * costsByChannel(costs, { channelColumn: 'channel', spendColumn: 'spend' }).costs.get('Google');
 * // { spend: 1200, clicks: null, impressions: null }
 */
export function costsByChannel(
  table: Table,
  columns: CostsColumns,
): { costs: Map<string, ChannelCosts>; warnings: string[] } {
  const warnings: string[] = [];
  const channelColumn = getColumn(table, columns.channelColumn, 'costs.channelColumn');
  const { codes, levels } = encodeColumn(channelColumn);
  const spend = measure(table, columns.spendColumn, 'costs.spendColumn', 'spend', codes, levels.length, warnings);
  const clicks = columns.clicksColumn
    ? measure(table, columns.clicksColumn, 'costs.clicksColumn', 'click count', codes, levels.length, warnings)
    : null;
  const impressions = columns.impressionsColumn
    ? measure(
        table,
        columns.impressionsColumn,
        'costs.impressionsColumn',
        'impression count',
        codes,
        levels.length,
        warnings,
      )
    : null;
  const missing = countMissing(codes);
  if (missing.count > 0) {
    warnings.push(
      `costs.channelColumn: left out ${plural(missing.count, 'row')} of the costs table with no channel in ` +
        `"${channelColumn.name}" (first: row ${missing.first + 1})`,
    );
  }
  const costs = new Map<string, ChannelCosts>();
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0 || costs.has(levels[c])) continue;
    costs.set(levels[c], {
      spend: spend[c],
      clicks: clicks ? clicks[c] : null,
      impressions: impressions ? impressions[c] : null,
    });
  }
  return { costs, warnings };
}

/** Per channel code, the compensated sum of a non-negative column; missing values add nothing. */
function measure(
  table: Table,
  name: string,
  argument: string,
  what: string,
  codes: Int32Array,
  levelCount: number,
  warnings: string[],
): Float64Array {
  const column = getColumn(table, name, argument);
  const values = numericValues(column, argument);
  const sums = Array.from({ length: levelCount }, () => new Adder());
  let missing = 0;
  let firstMissing = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < 0 || v === Infinity) {
      throw new InputError(
        `${argument}: row ${i + 1} has ${what} ${v} in column "${column.name}"; expected a number ≥ 0`,
        argument,
      );
    }
    if (codes[i] < 0) continue;
    if (v !== v) {
      if (missing === 0) firstMissing = i;
      missing++;
      continue;
    }
    sums[codes[i]].add(v);
  }
  if (missing > 0) {
    warnings.push(
      `${argument}: ${plural(missing, 'row')} of the costs table with no ${what} in "${column.name}", counted as 0 ` +
        `(first: row ${firstMissing + 1})`,
    );
  }
  return Float64Array.from(sums, (s) => +s);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function countMissing(codes: Int32Array): { count: number; first: number } {
  let count = 0;
  let first = -1;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] < 0) {
      if (count === 0) first = i;
      count++;
    }
  }
  return { count, first };
}
