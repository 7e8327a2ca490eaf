import { InputError, LimitError } from '../../shared/errors';
import { MAX_DIMENSION_VALUES } from '../../shared/compare/period-comparison';
import {
  periodComparisonFromAggregates,
  type PeriodSlice,
} from '../../shared/compare/period-comparison-from-aggregates';
import type { PeriodComparisonReport } from '../../shared/compare/types';
import type { PeriodComparisonInput } from '../compare/period-comparison.input';
import { textSql } from './column-types';
import { columnOf, type ConnectedSource } from './connected-source';
import { col, fromItem } from './relation';

/**
 * A period comparison of a connected dataset: PostgreSQL returns, per period and per value of each dimension, the
 * exact numeric sum of the value, the rows and the distinct customers; measures and shares come from the core
 * (periodComparisonFromAggregates). Dimension values are listed in text order, blanks last (the in-memory report
 * lists them by first appearance).
 */
export async function connectedPeriodComparison(
  source: ConnectedSource,
  input: PeriodComparisonInput,
): Promise<PeriodComparisonReport> {
  const { dataset, connected } = source;
  const period = columnOf(dataset, input.periodColumn, 'periodColumn');
  const value = columnOf(dataset, input.valueColumn, 'valueColumn', ['NUMBER']);
  const customers = input.customersColumn ? columnOf(dataset, input.customersColumn, 'customersColumn') : null;
  const dimensions = input.dimensions.map((d) => columnOf(dataset, d, 'dimensions'));
  const from = fromItem(dataset.definition!);
  const p = textSql(col(period.name), period.type);
  const v = `${col(value.name)}::numeric`;

  return connected.run(dataset, async (q) => {
    const periods = (
      await q.rows<[string]>(`SELECT DISTINCT ${p} FROM ${from} WHERE ${col(period.name)} IS NOT NULL ORDER BY 1`)
    ).map((r) => r[0]);
    for (const argument of ['base', 'compare'] as const) {
      if (!periods.includes(input[argument])) {
        throw new InputError(
          `${argument}: period "${input[argument]}" is not in column "${period.name}"; the periods are ` +
            periods.map((x) => `"${x}"`).join(', '),
          argument,
        );
      }
    }
    if (input.base === input.compare) {
      throw new InputError(
        `compare: "${input.compare}" is also the base period; choose two different periods`,
        'compare',
      );
    }
    const inPeriods = `${p} IN ($1, $2)`;
    const [[blankValues, blankCustomers]] = await q.rows(
      `SELECT count(*) FILTER (WHERE ${col(value.name)} IS NULL), ` +
        `${customers ? `count(*) FILTER (WHERE ${col(value.name)} IS NOT NULL AND ${col(customers.name)} IS NULL)` : '0'} ` +
        `FROM ${from} WHERE ${inPeriods}`,
      [input.base, input.compare],
    );
    const warnings: string[] = [];
    if (Number(blankValues) > 0) {
      warnings.push(`valueColumn: ${Number(blankValues)} row(s) of the two periods have no value and were left out`);
    }
    if (Number(blankCustomers) > 0) {
      warnings.push(
        `customersColumn: ${Number(blankCustomers)} row(s) have no customer id; they count in the totals but not among customers`,
      );
    }
    const distinct = customers ? `count(DISTINCT ${col(customers.name)})` : 'count(*)';
    const figures = `${p} = $2, sum(${v})::text, count(*), ${distinct}`;
    const where = `FROM ${from} WHERE ${inPeriods} AND ${col(value.name)} IS NOT NULL`;
    const parts = [
      `SELECT NULL::int, NULL::text, ${figures} ${where} GROUP BY ${p}`,
      ...dimensions.map((d, i) => `SELECT ${i}, ${textSql(col(d.name), d.type)}, ${figures} ${where} GROUP BY 2, ${p}`),
    ];
    const rows = await q.rows(parts.join('\nUNION ALL\n'), [input.base, input.compare]);
    const sliceOf = (selected: unknown[][]): PeriodSlice => {
      const of = (compare: boolean) => selected.find((r) => r[2] === compare);
      const [b, c] = [of(false), of(true)];
      return {
        baseTotal: b ? Number(b[3]) : 0,
        compareTotal: c ? Number(c[3]) : 0,
        baseRows: b ? Number(b[4]) : 0,
        compareRows: c ? Number(c[4]) : 0,
        baseCustomers: b ? Number(b[5]) : 0,
        compareCustomers: c ? Number(c[5]) : 0,
      };
    };
    const overall = sliceOf(rows.filter((r) => r[0] === null));
    const byDimension = dimensions.map((d, i) => {
      const mine = rows.filter((r) => r[0] === i);
      const labels = [...new Set(mine.map((r) => r[1] as string | null))];
      const named = labels.filter((l): l is string => l !== null).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (named.length > MAX_DIMENSION_VALUES) {
        throw new LimitError(
          `dimensions: column "${d.name}" has ${named.length} values; at most ${MAX_DIMENSION_VALUES} can be compared`,
          'dimensions',
        );
      }
      const ordered: (string | null)[] = labels.includes(null) ? [...named, null] : named;
      return {
        dimension: d.name,
        values: ordered.map((label) => ({ value: label, slice: sliceOf(mine.filter((r) => r[1] === label)) })),
      };
    });
    return periodComparisonFromAggregates({
      base: input.base,
      compare: input.compare,
      counts: customers ? 'CUSTOMERS' : 'TRANSACTIONS',
      overall,
      dimensions: byDimension,
      warnings,
    });
  });
}
