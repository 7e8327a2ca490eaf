import { InputError, LimitError } from '../../shared/errors';
import { experimentFromAggregates } from '../../shared/experiment/experiment-from-aggregates';
import { MAX_SEGMENT_VALUES, quoteList, resolveSplit } from '../../shared/experiment/experiment-report';
import { CORRECTIONS, type ExperimentReport, type VariantGroup } from '../../shared/experiment/types';
import type { ExperimentInput } from '../experiments/experiment.input';
import type { StoredColumn } from '../storage/entities/dataset.entity';
import { textSql } from './column-types';
import { columnOf, type ConnectedSource } from './connected-source';
import { col, fromItem } from './relation';

/**
 * The A/B-test report of a connected dataset (one row per user), as GrowthBook's warehouse-native experiments do
 * it: the warehouse returns per variant (overall and per value of each segment column) users, conversions, and the
 * exact numeric sum and sum of squares of revenue; the statistics are computed here by the same core as the
 * in-memory report (experimentFromAggregates). A connected table has no row order, so variants and segment values
 * are listed in text order (the in-memory report lists them by first appearance); every figure is the same.
 */
export async function connectedExperiment(source: ConnectedSource, input: ExperimentInput): Promise<ExperimentReport> {
  const { dataset, connected } = source;
  const alpha = input.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new InputError(`alpha: ${alpha} must be between 0 and 1 (exclusive)`, 'alpha');
  const correction = input.correction ?? 'HOLM';
  if (!CORRECTIONS.includes(correction)) {
    throw new InputError(`correction: "${correction}"; expected ${CORRECTIONS.join(', ')}`, 'correction');
  }
  const variant = columnOf(dataset, input.variantColumn, 'variantColumn');
  const conversion = columnOf(dataset, input.conversionColumn, 'conversionColumn');
  const revenue = input.revenueColumn ? columnOf(dataset, input.revenueColumn, 'revenueColumn', ['NUMBER']) : null;
  const segments = (input.segmentColumns ?? []).map((name) => columnOf(dataset, name, 'segmentColumns'));
  const from = fromItem(dataset.definition!);
  const flag = conversionSql(conversion);
  const v = textSql(col(variant.name), variant.type);
  const r = revenue ? `${col(revenue.name)}::numeric` : null;

  return connected.run(dataset, async (q) => {
    const checks = [
      `count(*) FILTER (WHERE ${col(variant.name)} IS NULL)`,
      `count(*) FILTER (WHERE ${flag.blank})`,
      `count(*) FILTER (WHERE ${flag.invalid})`,
      `min(${col(conversion.name)}::text) FILTER (WHERE ${flag.invalid})`,
      r ? `count(*) FILTER (WHERE ${r} < 0 OR ${r} = 'NaN' OR ${col(revenue!.name)}::float8 = 'Infinity')` : '0',
      r
        ? `min(${col(revenue!.name)}::text) FILTER (WHERE ${r} < 0 OR ${col(revenue!.name)}::float8 = 'Infinity')`
        : 'NULL',
      r ? `count(*) FILTER (WHERE ${r} IS NULL AND ${flag.value} = 1)` : '0',
      ...segments.flatMap((s) => [
        `count(*) FILTER (WHERE ${col(s.name)} IS NULL)`,
        `count(DISTINCT ${textSql(col(s.name), s.type)})`,
      ]),
    ];
    const [row] = await q.rows(`SELECT ${checks.join(', ')} FROM ${from}`);
    const [noVariant, blankConversions, invalid, invalidExample, badRevenue, badRevenueExample, blankConverters] = row;
    if (Number(invalid) > 0) {
      throw new InputError(
        `conversionColumn: column "${conversion.name}" holds ${Number(invalid)} value(s) such as "${invalidExample}"; ` +
          'expected 0/1, true/false or yes/no',
        'conversionColumn',
      );
    }
    if (Number(badRevenue) > 0) {
      throw new InputError(
        `revenueColumn: column "${revenue!.name}" holds ${Number(badRevenue)} value(s) such as ${badRevenueExample}; ` +
          'revenue must be a finite amount of 0 or more',
        'revenueColumn',
      );
    }
    const warnings: string[] = [];
    if (Number(noVariant) > 0)
      warnings.push(`variantColumn: ${Number(noVariant)} row(s) with no variant were left out`);
    if (Number(blankConversions) > 0) {
      warnings.push(`conversionColumn: ${Number(blankConversions)} blank cell(s) counted as not converted`);
    }
    if (Number(blankConverters) > 0) {
      warnings.push(`revenueColumn: ${Number(blankConverters)} converting row(s) have no revenue and count as 0`);
    }
    segments.forEach((s, i) => {
      const [missing, distinct] = [Number(row[7 + 2 * i]), Number(row[8 + 2 * i])];
      if (distinct > MAX_SEGMENT_VALUES) {
        throw new LimitError(
          `segmentColumns: column "${s.name}" has ${distinct} values; at most ${MAX_SEGMENT_VALUES} can be reported`,
          'segmentColumns',
        );
      }
      if (missing > 0) {
        warnings.push(`segmentColumns: ${missing} row(s) with no "${s.name}" value are left out of its segments`);
      }
    });

    const sums = r
      ? `, sum(coalesce(${r}, 0))::text, ((sum(coalesce(${r}, 0) ^ 2) - sum(coalesce(${r}, 0)) ^ 2 / count(*)) / ` +
        'nullif(count(*) - 1, 0))::text'
      : ', NULL, NULL';
    const base = `SELECT ${v} AS variant, coalesce(${flag.value}, 0) AS converted`;
    const parts = [
      `SELECT NULL::int, NULL::text, variant, count(*), sum(converted)${sums} FROM ` +
        `(${base}${r ? `, ${col(revenue!.name)}` : ''} FROM ${from} WHERE ${col(variant.name)} IS NOT NULL) AS q GROUP BY variant`,
      ...segments.map(
        (s, i) =>
          `SELECT ${i}, segment, variant, count(*), sum(converted)${sums} FROM (${base}, ${textSql(col(s.name), s.type)} AS segment` +
          `${r ? `, ${col(revenue!.name)}` : ''} FROM ${from} WHERE ${col(variant.name)} IS NOT NULL AND ${col(s.name)} IS NOT NULL) AS q ` +
          'GROUP BY segment, variant',
      ),
    ];
    const rows = await q.rows(parts.join('\nUNION ALL\n'));
    const names = [...new Set(rows.filter((x) => x[0] === null).map((x) => x[2] as string))].sort(byText);
    const control = names.indexOf(input.control);
    if (control < 0) {
      throw new InputError(
        `control: "${input.control}" is not a value of column "${variant.name}"; the values are ${quoteList(names)}`,
        'control',
      );
    }
    if (names.length < 2) {
      throw new InputError(
        `variantColumn: column "${variant.name}" holds the single variant "${names[0]}"; an experiment needs at least two`,
        'variantColumn',
      );
    }
    const expectedSplit = resolveSplit(input.expectedSplit, names, variant.name);
    const groupsOf = (selected: unknown[][]): VariantGroup[] =>
      names.map((name) => {
        const found = selected.find((x) => x[2] === name);
        const users = found ? Number(found[3]) : 0;
        return {
          name,
          users,
          conversions: found ? Number(found[4]) : 0,
          revenue: r ? summary(users, found?.[5] as string | undefined, found?.[6] as string | null | undefined) : null,
        };
      });
    const overall = groupsOf(rows.filter((x) => x[0] === null));
    const segmentGroups = segments.flatMap((s, i) => {
      const mine = rows.filter((x) => x[0] === i);
      const values = [...new Set(mine.map((x) => x[1] as string))].sort(byText);
      return values.map((value) => ({ column: s.name, value, groups: groupsOf(mine.filter((x) => x[1] === value)) }));
    });
    return experimentFromAggregates({
      names,
      control,
      alpha,
      correction,
      pairwise: input.pairwise ?? false,
      expectedSplit,
      overall,
      segments: segmentGroups,
      warnings,
    });
  });
}

/** n, mean and sample variance from the exact numeric sum and variance PostgreSQL computed. */
function summary(n: number, sum: string | undefined, variance: string | null | undefined) {
  return {
    n,
    mean: n > 0 ? Number(sum) / n : NaN,
    variance: n > 1 && variance !== null && variance !== undefined ? Number(variance) : NaN,
  };
}

/**
 * A conversion flag in SQL as conversionValues reads it: BOOLEAN as is, NUMBER 0/1, text yes/no, y/n, true/false
 * or 1/0 in any case; `value` is 1, 0 or NULL (blank), `invalid` marks anything else.
 */
function conversionSql(column: StoredColumn): { value: string; blank: string; invalid: string } {
  const c = col(column.name);
  switch (column.type) {
    case 'BOOLEAN':
      return { value: `(${c})::int`, blank: `${c} IS NULL`, invalid: 'false' };
    case 'NUMBER':
      return {
        value: `CASE WHEN ${c} = 1 THEN 1 WHEN ${c} = 0 THEN 0 END`,
        blank: `${c} IS NULL`,
        invalid: `(${c} IS NOT NULL AND ${c} NOT IN (0, 1))`,
      };
    case 'DATE':
      throw new InputError(
        `conversionColumn: column "${column.name}" is DATE; expected 0/1, true/false or yes/no`,
        'conversionColumn',
      );
    default: {
      const key = `lower(btrim(${c}::text))`;
      return {
        value: `CASE WHEN ${key} IN ('1', 'true', 'yes', 'y') THEN 1 WHEN ${key} IN ('0', 'false', 'no', 'n') THEN 0 END`,
        blank: `(${c} IS NULL OR ${key} = '')`,
        invalid: `(${key} <> '' AND ${key} NOT IN ('1', 'true', 'yes', 'y', '0', 'false', 'no', 'n'))`,
      };
    }
  }
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
