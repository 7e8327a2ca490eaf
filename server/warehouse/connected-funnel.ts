import { InputError, LimitError } from '../../shared/errors';
import {
  MAX_BREAKDOWN_VALUES,
  MISSING_GROUP,
  UNMATCHED_GROUP,
  checkStepNames,
  funnelOrder,
} from '../../shared/funnel/funnel';
import { checkExclusions, checkStepWindows } from '../../shared/funnel/funnel-codes';
import { funnelFromAggregates, medianOfMiddles } from '../../shared/funnel/funnel-from-aggregates';
import type { FunnelReport, Percentiles } from '../../shared/funnel/types';
import type { ColumnType } from '../../shared/table/types';
import { stringValues, getColumn } from '../../shared/table/access';
import { loadTable } from '../analysis/load-table';
import { segmentLabelsByKey } from '../analysis/segment-join';
import type { Context } from '../context';
import type { FunnelInput } from '../funnels/funnel.input';
import { textSql } from './column-types';
import { columnOf, connectedSource, Params, type ConnectedSource } from './connected-source';
import {
  countsSql,
  mediansSql,
  stepRowsSql,
  unmatchedExamplesSql,
  type FunnelSqlOptions,
  type FunnelTime,
} from './funnel-sql';
import { col, fromItem } from './relation';
import type { ReadQuery } from './warehouse';

/**
 * The funnel of a connected dataset, computed in the warehouse: per-user paths and their per-group counts and
 * median gaps run as SQL (funnel-sql.ts), so only a handful of rows per group come back; the report is assembled by
 * the same core functions as the in-memory funnel (funnelFromAggregates). Inline, stored or segmentation
 * attributes are sent as bound arrays and joined there; a connected attributes dataset is joined as a subquery.
 * Per-step windows, holdConstant and exclusions are pushed down too (see pathsSql).
 */
export async function connectedFunnel(
  ctx: Context,
  source: ConnectedSource,
  input: FunnelInput,
): Promise<FunnelReport> {
  const { dataset, connected } = source;
  const steps = input.steps;
  checkStepNames(steps);
  const warnings: string[] = [];
  const timeColumn = input.timeColumn ?? undefined;
  const order = funnelOrder({ ...input, timeColumn, order: input.order ?? undefined } as never, warnings);
  const window = input.conversionWindowSeconds ?? undefined;
  if (window !== undefined && timeColumn === undefined) {
    throw new InputError('conversionWindowSeconds: a window needs a timeColumn', 'conversionWindowSeconds');
  }
  if (window !== undefined && !(Number.isFinite(window) && window >= 0)) {
    throw new InputError(
      `conversionWindowSeconds: ${window} is not a number of seconds ≥ 0`,
      'conversionWindowSeconds',
    );
  }
  const user = columnOf(dataset, input.userColumn, 'userColumn');
  const step = columnOf(dataset, input.stepColumn, 'stepColumn');
  const time = timeColumn === undefined ? null : columnOf(dataset, timeColumn, 'timeColumn');
  if (time && time.type !== 'DATE' && time.type !== 'NUMBER') {
    throw new InputError(
      `timeColumn: column "${time.name}" is ${time.type}; expected DATE or NUMBER (epoch seconds)`,
      'timeColumn',
    );
  }
  const breakdownColumn = input.breakdownColumn ? columnOf(dataset, input.breakdownColumn, 'breakdownColumn') : null;

  if (window !== undefined && order !== 'ORDERED') {
    throw new InputError(
      'conversionWindowSeconds: a window needs order ORDERED; ANY order has no first step to count it from',
      'conversionWindowSeconds',
    );
  }
  const timeSql: FunnelTime | null = !time
    ? null
    : time.type === 'DATE'
      ? {
          raw: col(time.name),
          ms: (e) => `(extract(epoch FROM ${e}) * 1000)::float8`,
          within: (e, start, seconds) => `${e} <= ${start} + make_interval(secs => ${seconds})`,
        }
      : {
          raw: `${col(time.name)}::float8`,
          ms: (e) => `(${e} * 1000)`,
          within: (e, start, seconds) => `${e} * 1000 - ${start} * 1000 <= ${seconds} * 1000`,
        };
  const stepWindows = input.stepWindowsSeconds ?? null;
  if (stepWindows !== null) {
    if (order !== 'ORDERED' || !time) {
      throw new InputError(
        'stepWindowsSeconds: needs order ORDERED and a timeColumn (a path in time)',
        'stepWindowsSeconds',
      );
    }
    checkStepWindows(stepWindows, steps.length);
  }
  const holdConstant = input.holdConstant?.length ? input.holdConstant : null;
  const exclusions = input.exclusions?.length ? input.exclusions : null;
  for (const [argument, given] of [
    ['holdConstant', holdConstant],
    ['exclusions', exclusions],
  ] as const) {
    if (given && (order !== 'ORDERED' || !time)) {
      throw new InputError(`${argument}: needs order ORDERED and a timeColumn (a path in time)`, argument);
    }
  }
  const held = (holdConstant ?? []).map((name) => columnOf(dataset, name, 'holdConstant'));
  const excludedNames = [...new Set((exclusions ?? []).map((e) => e.step))];
  checkExclusions(
    exclusions?.map((e) => ({
      event: excludedNames.indexOf(e.step),
      afterStep: e.afterStep,
      beforeStep: e.beforeStep,
    })),
    steps.length,
  );
  const from = fromItem(dataset.definition!);
  const join = await attributeRows(ctx, input);
  /** The funnel's SQL options with every value bound into `params`, for one statement. */
  const bound = (params: Params): FunnelSqlOptions => ({
    from,
    user: user.name,
    step: step.name,
    time: timeSql,
    steps: params.bind(steps),
    stepCount: steps.length,
    order,
    window: window === undefined ? null : `${params.bind(window)}::float8`,
    stepWindows: stepWindows && stepWindows.map((w) => (w === null ? null : `${params.bind(w)}::float8`)),
    hold: held.map((h) => col(h.name)),
    exclusions: exclusions && {
      names: params.bind(excludedNames),
      rules: exclusions.map((e) => ({ ...e, step: `${params.bind(e.step)}::text` })),
    },
    breakdown: breakdownColumn
      ? { kind: 'column', value: textSql(col(breakdownColumn.name), breakdownColumn.type) }
      : join
        ? { kind: 'join', relation: join.bind(params).relation, userText: (e) => textSql(e, user.type) }
        : null,
  });
  const run = async <T extends unknown[]>(q: ReadQuery, sql: (o: FunnelSqlOptions) => string): Promise<T[]> => {
    const params = new Params();
    const text = sql(bound(params));
    return q.rows<T>(text, params.values);
  };

  return connected.run(dataset, async (q) => {
    await checkStepRows(q, from, user.name, step.name, timeSql, steps, timeColumn, warnings);
    if (exclusions) await checkExcludedRows(q, from, user.name, step.name, timeSql!, excludedNames, timeColumn!);
    let values: string[] | null = null;
    let breakdownSource: [string, string] | undefined;
    if (breakdownColumn) {
      const text = textSql(col(breakdownColumn.name), breakdownColumn.type);
      values = await distinctValues(
        q,
        `SELECT DISTINCT ${text} FROM ${from} WHERE ${col(breakdownColumn.name)} IS NOT NULL`,
        [],
        'breakdownColumn',
      );
      breakdownSource = ['breakdownColumn', `"${breakdownColumn.name}"`];
    } else if (join) {
      const params = new Params();
      const { rows } = join.bind(params);
      values = await distinctValues(
        q,
        `SELECT DISTINCT val FROM (${rows}) AS a WHERE val IS NOT NULL`,
        params.values,
        'attributes',
      );
      breakdownSource = ['attributes', join.sourceName];
      await joinWarnings(q, from, user.name, user.type, join, warnings);
    }
    type Figures = {
      users: number[];
      usersWithEvent: number[];
      medianSeconds: number[] | null;
      timeToConvert: (Percentiles | null)[] | null;
    };
    const blank = (): Figures => ({
      users: new Array<number>(steps.length).fill(0),
      usersWithEvent: new Array<number>(steps.length).fill(0),
      medianSeconds: time ? new Array<number>(steps.length).fill(NaN) : null,
      timeToConvert: time ? new Array<Percentiles | null>(steps.length).fill(null) : null,
    });
    const groups = new Map<string, Figures>();
    const overall = blank();
    for (const value of values ?? []) groups.set(value, blank());
    if (values) {
      groups.set(MISSING_GROUP, blank());
      groups.set(UNMATCHED_GROUP, blank());
    }
    const groupOf = (grp: unknown, unmatched: unknown) =>
      groups.get(unmatched ? UNMATCHED_GROUP : grp === null ? MISSING_GROUP : (grp as string));
    const k = steps.length;
    for (const row of await run(q, countsSql)) {
      const figures = row.slice(2).map(Number);
      const target = values ? groupOf(row[0], row[1]) : undefined;
      for (let s = 0; s < k; s++) {
        overall.users[s] += figures[s];
        overall.usersWithEvent[s] += figures[k + s];
        if (target) {
          target.users[s] += figures[s];
          target.usersWithEvent[s] += figures[k + s];
        }
      }
    }
    if (time) {
      for (const [byGroup, grp, unmatched, s, n, lower, upper, cuts, mean] of await run(q, mediansSql)) {
        const target = byGroup ? groupOf(grp, unmatched) : overall;
        if (!target) continue;
        const step = (s as number) - 1;
        target.medianSeconds![step] = medianOfMiddles(Number(n), lower as number, upper as number);
        const [p25, median, p75, p90] = cuts as number[];
        target.timeToConvert![step] = { p25, median, p75, p90, mean: mean as number };
      }
    }
    const unmatchedExamples =
      join && groups.get(UNMATCHED_GROUP)!.users[0] > 0
        ? (await run<[string]>(q, (o) => unmatchedExamplesSql(o, user.type))).map((r) => r[0])
        : undefined;
    return funnelFromAggregates({
      steps,
      order,
      overall,
      groups: values ? groups : null,
      warnings,
      breakdownSource,
      unmatchedExamples,
    });
  });
}

/** Every step must occur; every step row with a user needs a time; rows without a user are counted in a warning. */
async function checkStepRows(
  q: ReadQuery,
  from: string,
  user: string,
  step: string,
  time: FunnelTime | null,
  steps: readonly string[],
  timeColumn: string | undefined,
  warnings: string[],
): Promise<void> {
  const rows = await q.rows(stepRowsSql(from, user, step, time, '$1'), [steps]);
  const found = new Set(rows.map((r) => Number(r[0]) - 1));
  const absent = steps.filter((_, i) => !found.has(i));
  if (absent.length > 0) {
    const present = (
      await q.rows<[string]>(
        `SELECT DISTINCT ${col(step)}::text FROM ${from} WHERE ${col(step)} IS NOT NULL ORDER BY 1 LIMIT 21`,
      )
    ).map((r) => `"${r[0]}"`);
    const shown = present.length > 20 ? `${present.slice(0, 20).join(', ')} and more` : present.join(', ');
    throw new InputError(
      `steps: ${absent.map((s) => `"${s}"`).join(', ')} not found in column "${step}"; its values are ${shown || 'none'}`,
      'steps',
    );
  }
  const noTime = rows.filter((r) => Number(r[3]) > 0);
  if (noTime.length > 0) {
    const count = noTime.reduce((sum, r) => sum + Number(r[3]), 0);
    const first = steps[Number(noTime[0][0]) - 1];
    throw new InputError(
      `timeColumn: ${count} row(s) at funnel steps (e.g. step "${first}") have no time in column "${timeColumn}"`,
      'timeColumn',
    );
  }
  const noUser = rows.reduce((sum, r) => sum + Number(r[2]), 0);
  if (noUser > 0) {
    warnings.push(`userColumn: left out ${noUser} funnel-step row${noUser === 1 ? '' : 's'} with no user in "${user}"`);
  }
}

/** Every excluded step occurs in the step column; every excluded event with a user has a time. */
async function checkExcludedRows(
  q: ReadQuery,
  from: string,
  user: string,
  step: string,
  time: FunnelTime,
  names: readonly string[],
  timeColumn: string,
): Promise<void> {
  const rows = await q.rows<[string, string]>(
    `SELECT ${col(step)}::text, count(*) FILTER (WHERE ${col(user)} IS NOT NULL AND (${time.raw}) IS NULL) ` +
      `FROM ${from} WHERE ${col(step)}::text = ANY($1::text[]) GROUP BY 1 ORDER BY 1`,
    [names],
  );
  const absent = names.find((name) => !rows.some((r) => r[0] === name));
  if (absent !== undefined) {
    throw new InputError(`exclusions: step "${absent}" not found in column "${step}"`, 'exclusions');
  }
  const untimed = rows.find((r) => Number(r[1]) > 0);
  if (untimed) {
    throw new InputError(
      `timeColumn: ${Number(untimed[1])} row(s) of excluded event "${untimed[0]}" have no time in column "${timeColumn}"`,
      'timeColumn',
    );
  }
}

async function distinctValues(q: ReadQuery, sql: string, values: unknown[], argument: string): Promise<string[]> {
  const rows = await q.rows<[string]>(`${sql} ORDER BY 1 LIMIT ${MAX_BREAKDOWN_VALUES + 1}`, values);
  if (rows.length > MAX_BREAKDOWN_VALUES) {
    throw new LimitError(
      `${argument}: the breakdown has more than ${MAX_BREAKDOWN_VALUES} distinct values; at most ${MAX_BREAKDOWN_VALUES} are allowed`,
      argument,
    );
  }
  return rows.map((r) => r[0]);
}

interface AttributeJoin {
  /** Binds the attribute values into `params`: `relation` has one (key, val) per key, `rows` every (key, val, ord). */
  bind(params: Params): { relation: string; rows: string };
  sourceName: string;
  /** How a key listed twice with different values is resolved. */
  rule: string;
}

/**
 * The attributes as one (key, val) per user key: the first row's value per key (the in-memory rule) for inline,
 * stored and segmentation attributes, sent as bound arrays with their order; for a connected attributes dataset,
 * which has no row order, the smallest value per key.
 */
async function attributeRows(ctx: Context, input: FunnelInput): Promise<AttributeJoin | null> {
  if (input.segmentationId) {
    const { keys, values } = await segmentLabelsByKey(ctx, input.segmentationId);
    return arrayRows(keys, values, 'the segmentation');
  }
  if (!input.attributes) return null;
  const a = input.attributes;
  const connected = await connectedSource(ctx, a);
  if (connected) {
    const key = columnOf(connected.dataset, a.userColumn, 'attributes.userColumn');
    const value = columnOf(connected.dataset, a.column, 'attributes.column');
    const rows =
      `SELECT ${textSql(col(key.name), key.type)} AS key, ${textSql(col(value.name), value.type)} AS val, ` +
      `NULL::bigint AS ord FROM ${fromItem(connected.dataset.definition!)}`;
    return {
      bind: () => ({
        relation: `SELECT key, min(val) AS val FROM (${rows}) AS r WHERE key IS NOT NULL GROUP BY key`,
        rows,
      }),
      sourceName: 'the attributes table',
      rule: 'the smallest value was used',
    };
  }
  const table = await loadTable(ctx, a, [a.userColumn, a.column], 'attributes');
  const keys = stringValues(getColumn(table, a.userColumn, 'attributes.userColumn'));
  const values = stringValues(getColumn(table, a.column, 'attributes.column'));
  return arrayRows(keys, values, 'the attributes table');
}

function arrayRows(
  keys: readonly (string | null)[],
  values: readonly (string | null)[],
  sourceName: string,
): AttributeJoin {
  return {
    bind: (params) => {
      const rows =
        `SELECT * FROM unnest(${params.bind(keys)}::text[], ${params.bind(values)}::text[]) ` +
        'WITH ORDINALITY AS r(key, val, ord)';
      return {
        relation: `SELECT key, (array_agg(val ORDER BY ord))[1] AS val FROM (${rows}) AS r WHERE key IS NOT NULL GROUP BY key`,
        rows,
      };
    },
    sourceName,
    rule: "the first row's value was used",
  };
}

/** Keys of the attributes with no events, and keys listed twice with different values: counts and examples. */
async function joinWarnings(
  q: ReadQuery,
  from: string,
  user: string,
  userType: ColumnType,
  join: AttributeJoin,
  warnings: string[],
): Promise<void> {
  const users = `SELECT DISTINCT ${textSql(col(user), userType)} AS key FROM ${from} WHERE ${col(user)} IS NOT NULL`;
  const keysSql = (having: string) => {
    const params = new Params();
    const { rows } = join.bind(params);
    return {
      text:
        `SELECT count(*), (array_agg(key ORDER BY ord, key))[1:3] FROM (SELECT key, min(ord) AS ord FROM (${rows}) AS r ` +
        `WHERE key IS NOT NULL GROUP BY key ${having}) AS k`,
      values: params.values,
    };
  };
  const orphans = keysSql('');
  const [withoutEvents] = await q.rows<[string, string[] | null]>(
    `${orphans.text} WHERE NOT EXISTS (SELECT 1 FROM (${users}) AS u WHERE u.key = k.key)`,
    orphans.values,
  );
  const missing = Number(withoutEvents[0]);
  if (missing > 0) {
    warnings.push(
      `attributes: ${missing} user${missing === 1 ? '' : 's'} of ${join.sourceName} with no events ` +
        `(e.g. ${quoteFew(withoutEvents[1] ?? [])})`,
    );
  }
  const twice = keysSql('HAVING count(DISTINCT val) + max(CASE WHEN val IS NULL THEN 1 ELSE 0 END) > 1');
  const [conflicts] = await q.rows<[string, string[] | null]>(twice.text, twice.values);
  const conflicting = Number(conflicts[0]);
  if (conflicting > 0) {
    warnings.push(
      `attributes: ${conflicting} user${conflicting === 1 ? '' : 's'} listed more than once in ${join.sourceName} ` +
        `with different values (e.g. ${quoteFew(conflicts[1] ?? [])}); ${join.rule}`,
    );
  }
}

function quoteFew(values: readonly string[]): string {
  return values
    .slice(0, 3)
    .map((v) => `"${v}"`)
    .join(', ');
}
