import { InputError, LimitError } from '../../shared/errors';
import { experimentFromAggregates } from '../../shared/experiment/experiment-from-aggregates';
import {
  MAX_SEGMENT_VALUES,
  quoteList,
  resolveSplit,
  sequentialOption,
  sequentialWarning,
} from '../../shared/experiment/experiment-report';
import {
  CORRECTIONS,
  type CovariateSummary,
  type ExperimentReport,
  type VariantGroup,
} from '../../shared/experiment/types';

/** The name segmentation readouts are reported under, as in memory. */
const SEGMENTS_COLUMN = 'segment';
import type { ExperimentInput } from '../experiments/experiment.input';
import type { StoredColumn } from '../storage/entities/dataset.entity';
import { textSql } from './column-types';
import { columnOf, Params, type ConnectedSource } from './connected-source';
import { segmentLabelsByKey } from '../analysis/segment-join';
import type { Context } from '../context';
import { col, fromItem } from './relation';

/**
 * The A/B-test report of a connected dataset (one row per user), as GrowthBook's warehouse-native experiments do
 * it: the warehouse returns per variant (overall and per value of each segment column) users, conversions, and the
 * exact numeric sum and sum of squares of revenue; the statistics are computed here by the same core as the
 * in-memory report (experimentFromAggregates). A connected table has no row order, so variants and segment values
 * are listed in text order (the in-memory report lists them by first appearance); every figure is the same.
 *
 * The issue-15 options run here too: CUPED (covariateColumn) from the per-variant numeric sums of x, x² and x·y
 * (mean, variance and covariance with revenue, as GroupedCovariances gives them), the sequential test (it needs
 * only the same per-variant figures), any correction (BENJAMINI_HOCHBERG included), and readouts by a stored
 * segmentation, sent as bound arrays of keys and segment names and joined on userColumn (a connected table has no
 * row order, so a join by position is refused).
 */
export async function connectedExperiment(
  ctx: Context,
  source: ConnectedSource,
  input: ExperimentInput,
): Promise<ExperimentReport> {
  const { dataset, connected } = source;
  const alpha = input.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new InputError(`alpha: ${alpha} must be between 0 and 1 (exclusive)`, 'alpha');
  const correction = input.correction ?? 'HOLM';
  if (!CORRECTIONS.includes(correction)) {
    throw new InputError(`correction: "${correction}"; expected ${CORRECTIONS.join(', ')}`, 'correction');
  }
  const sequentialTuning = sequentialOption(input);
  const early: string[] = [];
  if (sequentialTuning !== null) early.push(sequentialWarning(sequentialTuning, alpha));
  if (sequentialTuning !== null && input.pairwise) {
    early.push(
      'pairwise: comparisons between non-control variants stay fixed-horizon; only those against the control are sequential',
    );
  }
  if (input.covariateColumn && !input.revenueColumn) {
    throw new InputError('covariateColumn: CUPED adjusts revenue, so it needs a revenueColumn', 'covariateColumn');
  }
  if (input.segmentationId && !input.userColumn) {
    throw new InputError(
      `userColumn: a connected dataset has no row order to match segmentation "${input.segmentationId}" by ` +
        'position; give userColumn to join on its key column',
      'userColumn',
    );
  }
  const variant = columnOf(dataset, input.variantColumn, 'variantColumn');
  const conversion = columnOf(dataset, input.conversionColumn, 'conversionColumn');
  const revenue = input.revenueColumn ? columnOf(dataset, input.revenueColumn, 'revenueColumn', ['NUMBER']) : null;
  const covariate = input.covariateColumn
    ? columnOf(dataset, input.covariateColumn, 'covariateColumn', ['NUMBER'])
    : null;
  const user = input.userColumn ? columnOf(dataset, input.userColumn, 'userColumn') : null;
  const membership = input.segmentationId ? await segmentLabelsByKey(ctx, input.segmentationId) : null;
  const segments = (input.segmentColumns ?? []).map((name) => columnOf(dataset, name, 'segmentColumns'));
  const from = fromItem(dataset.definition!);
  const flag = conversionSql(conversion);
  const v = textSql(col(variant.name), variant.type);
  const r = revenue ? `${col(revenue.name)}::numeric` : null;
  const xRaw = covariate ? `nullif(${col(covariate.name)}::float8, 'NaN')` : 'NULL::float8';
  const params = new Params();
  // A key listed twice takes its last segment, as a Map built from the keys does in memory.
  const join =
    membership && user
      ? ` LEFT JOIN (SELECT key, (array_agg(val ORDER BY ord DESC))[1] AS val FROM unnest(` +
        `${params.bind(membership.keys)}::text[], ${params.bind(membership.values)}::text[]) ` +
        `WITH ORDINALITY AS m(key, val, ord) GROUP BY key) AS a ON a.key = ${textSql(col(user.name), user.type)}`
      : '';

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
      covariate ? `count(*) FILTER (WHERE ${xRaw} IS NULL)` : '0',
      covariate ? `count(*) FILTER (WHERE ${xRaw} IN ('Infinity', '-Infinity'))` : '0',
      covariate ? `min(${xRaw}) FILTER (WHERE ${xRaw} IN ('Infinity', '-Infinity'))` : 'NULL',
      membership ? 'count(*) FILTER (WHERE a.val IS NULL)' : '0',
      ...segments.flatMap((s) => [
        `count(*) FILTER (WHERE ${col(s.name)} IS NULL)`,
        `count(DISTINCT ${textSql(col(s.name), s.type)})`,
      ]),
    ];
    const [row] = await q.rows(`SELECT ${checks.join(', ')} FROM ${from}${join}`, params.values);
    const [noVariant, blankConversions, invalid, invalidExample, badRevenue, badRevenueExample, blankConverters] = row;
    const [blankCovariates, infiniteCovariates, infiniteExample, notSegmented] = row.slice(7, 11).map(Number);
    if (infiniteCovariates > 0) {
      throw new InputError(
        `covariateColumn: column "${covariate!.name}" holds ${infiniteCovariates} value(s) such as ${infiniteExample}; ` +
          'expected a finite number',
        'covariateColumn',
      );
    }
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
    const warnings: string[] = [...early];
    if (Number(noVariant) > 0)
      warnings.push(`variantColumn: ${Number(noVariant)} row(s) with no variant were left out`);
    if (Number(blankConversions) > 0) {
      warnings.push(`conversionColumn: ${Number(blankConversions)} blank cell(s) counted as not converted`);
    }
    if (Number(blankConverters) > 0) {
      warnings.push(`revenueColumn: ${Number(blankConverters)} converting row(s) have no revenue and count as 0`);
    }
    if (blankCovariates > 0) warnings.push(`covariateColumn: ${blankCovariates} blank cell(s) count as 0`);
    if (notSegmented > 0) {
      warnings.push(
        `${SEGMENTS_COLUMN}: ${notSegmented} row(s) not in any segment of the segmentation are left out of its readouts`,
      );
    }
    segments.forEach((s, i) => {
      const [missing, distinct] = [Number(row[11 + 2 * i]), Number(row[12 + 2 * i])];
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

    const y = 'coalesce(revenue, 0)';
    const sums = r
      ? `, sum(${y})::text, ((sum(${y} ^ 2) - sum(${y}) ^ 2 / count(*)) / nullif(count(*) - 1, 0))::text`
      : ', NULL, NULL';
    const covariances = covariate
      ? ', (sum(x) / count(*))::text, ((sum(x ^ 2) - sum(x) ^ 2 / count(*)) / nullif(count(*) - 1, 0))::text, ' +
        `((sum(x * ${y}) - sum(x) * sum(${y}) / count(*)) / nullif(count(*) - 1, 0))::text`
      : '';
    const figures = `count(*), sum(converted)${sums}${covariances}`;
    const base =
      `SELECT ${v} AS variant, coalesce(${flag.value}, 0) AS converted, ${r ?? 'NULL::numeric'} AS revenue, ` +
      `${covariate ? `coalesce(${xRaw}, 0)::numeric` : 'NULL::numeric'} AS x, ` +
      `${membership ? 'a.val' : 'NULL::text'} AS label` +
      segments.map((s, i) => `, ${textSql(col(s.name), s.type)} AS s${i}`).join('') +
      ` FROM ${from}${join} WHERE ${col(variant.name)} IS NOT NULL`;
    const parts = [
      `SELECT NULL::int, NULL::text, variant, ${figures} FROM r GROUP BY variant`,
      ...segments.map(
        (_, i) => `SELECT ${i}, s${i}, variant, ${figures} FROM r WHERE s${i} IS NOT NULL GROUP BY s${i}, variant`,
      ),
      ...(membership
        ? [`SELECT -1, label, variant, ${figures} FROM r WHERE label IS NOT NULL GROUP BY label, variant`]
        : []),
    ];
    const rows = await q.rows(`WITH r AS NOT MATERIALIZED (${base})\n${parts.join('\nUNION ALL\n')}`, params.values);
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
          covariate: covariate ? covariance(users, found) : null,
        };
      });
    const overall = groupsOf(rows.filter((x) => x[0] === null));
    const segmentGroups = segments.flatMap((s, i) => {
      const mine = rows.filter((x) => x[0] === i);
      const values = [...new Set(mine.map((x) => x[1] as string))].sort(byText);
      return values.map((value) => ({ column: s.name, value, groups: groupsOf(mine.filter((x) => x[1] === value)) }));
    });
    const readouts = rows.filter((x) => x[0] === -1);
    const labels = [...new Set(readouts.map((x) => x[1] as string))].sort(byText);
    return experimentFromAggregates({
      names,
      control,
      alpha,
      correction,
      pairwise: input.pairwise ?? false,
      expectedSplit,
      overall,
      segments: segmentGroups,
      sequentialTuning,
      segmentation: membership && {
        column: SEGMENTS_COLUMN,
        readouts: labels.map((value) => ({ value, groups: groupsOf(readouts.filter((x) => x[1] === value)) })),
      },
      warnings,
    });
  });
}

/** The covariate's mean, variance and covariance with revenue, from the exact numeric sums PostgreSQL computed. */
function covariance(n: number, found: unknown[] | undefined): CovariateSummary {
  const at = (i: number) => (found?.[i] === null || found?.[i] === undefined ? NaN : Number(found[i]));
  return { mean: n > 0 ? at(7) : NaN, variance: n > 1 ? at(8) : NaN, covariance: n > 1 ? at(9) : NaN };
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
