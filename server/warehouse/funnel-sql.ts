import type { FunnelOrder } from '../../shared/funnel/types';
import type { ColumnType } from '../../shared/table/types';
import { textSql } from './column-types';
import { col } from './relation';

/** A breakdown computed in SQL: the value on the user's first step-1 event, or a join on user id. */
export type SqlBreakdown =
  | { kind: 'column'; value: string }
  | { kind: 'join'; relation: string; userText: (expression: string) => string }
  | null;

/**
 * The time column as SQL: `raw` in its own type, so comparisons are PostgreSQL's native ones (no per-event
 * arithmetic); `ms` converts a value to epoch milliseconds exactly as the in-memory Table holds it (only on the
 * per-user rows, for the gaps); `within` says an event is at most the window after the step-1 time.
 */
export interface FunnelTime {
  raw: string;
  ms(expression: string): string;
  within(event: string, start: string, windowSeconds: string): string;
}

export interface FunnelSqlOptions {
  from: string;
  user: string;
  step: string;
  /** The event time, or null without one. */
  time: FunnelTime | null;
  steps: string;
  stepCount: number;
  order: FunnelOrder;
  /** The bound window in seconds, or null. */
  window: string | null;
  /** Per step, the bound window in seconds from the previous step's counted event, or null (entry 0 unused). */
  stepWindows: (string | null)[] | null;
  /** ORDERED: the holdConstant columns, quoted; every counted event must share the step-1 event's values. */
  hold: string[];
  /** ORDERED: the exclusion rules, each with its bound excluded step name; `names` binds all of them. */
  exclusions: { names: string; rules: { step: string; afterStep: number; beforeStep: number }[] } | null;
  breakdown: SqlBreakdown;
}

/**
 * The per-user funnel paths as SQL, and the aggregates over them. Everything per user is grouped or joined on the
 * user column itself, so on Citus with the events distributed by user id every per-user step runs on the workers
 * next to its shard; only the final per-group counts and medians combine on the coordinator.
 *
 * ORDERED follows funnelPaths' greedy rule: c1 is the earliest step-1 event; each next step's time is the earliest
 * event at that step at or after the previous step's time (ties count as in order), and, with a window, at most
 * the window after the step-1 time and at most its step window (stepWindowsSeconds) after the previous step's
 * time: the earliest event is the one funnelPaths tries, and a later one could only be further out. With
 * holdConstant, only events sharing the counted step-1 event's values (NULL matching NULL) are candidates; with
 * exclusions, an excluded event strictly between the afterStep time and the candidate ends the path. ANY takes the first event at each step. `ev` is NOT MATERIALIZED so each use is
 * a scan PostgreSQL (and Citus) can push down rather than a temporary copy of the events; steps are compared by
 * name with the bound step list, so the planner estimates each step's rows from the column's statistics. Times
 * are compared in their own type and converted to milliseconds only on the per-user rows.
 *
 * The breakdown by column takes the value on the earliest step-1 event; a connected table has no row order, so
 * among step-1 events at that same instant the smallest non-null value counts (the in-memory path takes the first
 * row).
 */
export function pathsSql(o: FunnelSqlOptions): string {
  const s = o.stepCount;
  const stepNumbers = Array.from({ length: s }, (_, i) => i + 1);
  const value = o.breakdown?.kind === 'column' ? `, ${o.breakdown.value} AS val` : '';
  const name = (k: number) => `(${o.steps}::text[])[${k}]`;
  const firstValue =
    o.breakdown?.kind === 'column'
      ? `, (array_agg(val ORDER BY t, val NULLS LAST) FILTER (WHERE step = ${name(1)}))[1] AS val`
      : '';
  const holds = o.hold.map((_, i) => `h${i + 1}`);
  const holdValues = o.hold.map((h, i) => `, ${h} AS h${i + 1}`).join('');
  const ev =
    `ev AS NOT MATERIALIZED (SELECT ${col(o.user)} AS usr, ${col(o.step)}::text AS step, ` +
    `${o.time?.raw ?? 'NULL::float8'} AS t${value}${holdValues} FROM ${o.from} ` +
    `WHERE ${col(o.user)} IS NOT NULL AND ${col(o.step)}::text = ANY(${o.steps}::text[]))`;
  const did = stepNumbers.map((k) => `bool_or(step = ${name(k)}) AS d${k}`).join(', ');
  const ctes = [ev];
  let times: string;
  if (o.order === 'ANY') {
    const firsts = stepNumbers.map((k) => `min(t) FILTER (WHERE step = ${name(k)}) AS t${k}`).join(', ');
    ctes.push(`did AS (SELECT usr, ${did}, ${firsts}${firstValue} FROM ev GROUP BY usr)`);
    times = '';
  } else {
    ctes.push(`did AS (SELECT usr, ${did}${firstValue} FROM ev GROUP BY usr)`);
    // The step-1 event's held values: the earliest step-1 event's; on a tie in time, the smallest values.
    const byEarliest = ['t', ...holds.map((h) => `${h} NULLS LAST`)].join(', ');
    const firstHolds = holds.map((h) => `, (array_agg(${h} ORDER BY ${byEarliest}))[1] AS ${h}`).join('');
    ctes.push(`c1 AS (SELECT usr, min(t) AS t1${firstHolds} FROM ev WHERE step = ${name(1)} GROUP BY usr)`);
    if (o.exclusions) {
      ctes.push(
        `xev AS NOT MATERIALIZED (SELECT ${col(o.user)} AS usr, ${col(o.step)}::text AS step, ${o.time!.raw} AS t ` +
          `FROM ${o.from} WHERE ${col(o.user)} IS NOT NULL AND ${col(o.step)}::text = ANY(${o.exclusions.names}::text[]))`,
      );
    }
    for (let k = 2; k <= s; k++) {
      const p = `c${k - 1}`;
      const carried = Array.from({ length: k - 1 }, (_, i) => `min(${p}.t${i + 1}) AS t${i + 1}`).join(', ');
      const carriedHolds = holds.map((h) => `, ${p}.${h}`).join('');
      const window = o.window === null || !o.time ? '' : ` AND ${o.time.within('e.t', `${p}.t1`, o.window)}`;
      const stepWindow = o.stepWindows?.[k - 1] ?? null;
      const fromPrevious =
        stepWindow === null || !o.time ? '' : ` AND ${o.time.within('e.t', `${p}.t${k - 1}`, stepWindow)}`;
      const held = holds.map((h) => ` AND e.${h} IS NOT DISTINCT FROM ${p}.${h}`).join('');
      const rules = (o.exclusions?.rules ?? []).filter((r) => r.afterStep < k && k <= r.beforeStep);
      const candidate = rules.length > 0 ? `c${k}x` : `c${k}`;
      ctes.push(
        `${candidate} AS (SELECT ${p}.usr, ${carried}, min(e.t) AS t${k}${carriedHolds} FROM ${p} LEFT JOIN ev e ` +
          `ON e.usr = ${p}.usr AND e.step = ${name(k)} AND e.t >= ${p}.t${k - 1}${window}${fromPrevious}${held} ` +
          `GROUP BY ${p}.usr${carriedHolds})`,
      );
      if (rules.length > 0) {
        // The earliest candidate is the one funnelPaths tries: an excluded event strictly between the time counted
        // at afterStep and it ends the path before step k (a later candidate would be after the same event).
        const between = rules
          .map((r) => `(x.step = ${r.step} AND x.t > c.t${r.afterStep} AND x.t < c.t${k})`)
          .join(' OR ');
        const kept = [...Array.from({ length: k }, (_, i) => `c.t${i + 1}`), ...holds.map((h) => `c.${h}`)].join(', ');
        const earlier = Array.from({ length: k - 1 }, (_, i) => `c.t${i + 1}`).join(', ');
        // A join on the user, not a correlated EXISTS: PostgreSQL hashes it, and Citus keeps it on the workers.
        ctes.push(
          `c${k} AS (SELECT c.usr, ${earlier}, CASE WHEN bool_or(x.usr IS NOT NULL) THEN NULL ELSE c.t${k} END AS t${k}` +
            `${holds.map((h) => `, c.${h}`).join('')} FROM ${candidate} c LEFT JOIN xev x ON x.usr = c.usr AND ` +
            `(${between}) GROUP BY c.usr, ${kept})`,
        );
      }
    }
    times = `, ${stepNumbers.map((k) => `c${s}.t${k}`).join(', ')}`;
  }
  const depth =
    o.order === 'ANY'
      ? `CASE ${stepNumbers.map((k) => `WHEN NOT d${k} THEN ${k - 1}`).join(' ')} ELSE ${s} END`
      : `CASE ${stepNumbers.map((k) => `WHEN c${s}.t${k} IS NULL THEN ${k - 1}`).join(' ')} ELSE ${s} END`;
  const join = o.order === 'ANY' ? '' : ` LEFT JOIN c${s} ON c${s}.usr = did.usr`;
  let group = 'NULL::text AS grp, false AS unmatched';
  let attributes = '';
  if (o.breakdown?.kind === 'column') group = 'did.val AS grp, false AS unmatched';
  if (o.breakdown?.kind === 'join') {
    group = 'a.val AS grp, a.key IS NULL AS unmatched';
    attributes = ` LEFT JOIN (${o.breakdown.relation}) AS a ON a.key = ${o.breakdown.userText('did.usr')}`;
  }
  const didColumns = stepNumbers.map((k) => `did.d${k}`).join(', ');
  const anyTimes = o.order === 'ANY' ? `, ${stepNumbers.map((k) => `did.t${k}`).join(', ')}` : '';
  ctes.push(
    `paths AS (SELECT did.usr, ${group}, ${depth} AS depth, ${didColumns}${times}${anyTimes} ` +
      `FROM did${join}${attributes})`,
  );
  return `WITH ${ctes.join(',\n')}`;
}

/** Per group: users at each step (depth ≥ k) and users with an event at each step. One row per group. */
export function countsSql(o: FunnelSqlOptions): string {
  const ks = Array.from({ length: o.stepCount }, (_, i) => i + 1);
  const users = ks.map((k) => `count(*) FILTER (WHERE depth >= ${k})`).join(', ');
  const events = ks.map((k) => `count(*) FILTER (WHERE d${k})`).join(', ');
  return `${pathsSql(o)}\nSELECT grp, unmatched, ${users}, ${events} FROM paths GROUP BY grp, unmatched`;
}

/**
 * Per step (overall, and per group with a breakdown): the number of gaps and the two middle gaps in seconds, by
 * percentile_disc ascending and descending, so the median is computed exactly as timeToConvert does (the gap
 * (t_k − t_{k−1}) / 1000 is the same float8 arithmetic as the in-memory Float64 one); and the time to convert:
 * percentile_cont (linear interpolation, as numpy's default) at 25/50/75/90 % and the exact numeric mean.
 */
export function mediansSql(o: FunnelSqlOptions): string {
  const ks = Array.from({ length: o.stepCount - 1 }, (_, i) => i + 2);
  const ms = o.time!.ms;
  const values = ks
    .map((k) => `(${k}, CASE WHEN depth >= ${k} THEN (${ms(`t${k}`)} - ${ms(`t${k - 1}`)}) / 1000 END)`)
    .join(', ');
  const middles =
    'count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY gap), ' +
    'percentile_disc(0.5) WITHIN GROUP (ORDER BY gap DESC), ' +
    'percentile_cont(ARRAY[0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY gap), avg(gap::numeric)::float8';
  const gaps =
    `gaps AS (SELECT grp, unmatched, g.step, g.gap FROM paths CROSS JOIN LATERAL (VALUES ${values}) AS g(step, gap) ` +
    'WHERE g.gap IS NOT NULL)';
  const overall = `SELECT false, NULL::text, false, step, ${middles} FROM gaps GROUP BY step`;
  const byGroup = o.breakdown
    ? `\nUNION ALL SELECT true, grp, unmatched, step, ${middles} FROM gaps GROUP BY grp, unmatched, step`
    : '';
  return `${pathsSql(o)},\n${gaps}\n${overall}${byGroup}`;
}

/** A few users (smallest ids) who did step 1 and have no row in the join, for the warning. */
export function unmatchedExamplesSql(o: FunnelSqlOptions, userType: ColumnType): string {
  return (
    `${pathsSql(o)}\nSELECT ${textSql('usr', userType)} FROM paths WHERE unmatched AND depth >= 1 ` +
    'ORDER BY 1 LIMIT 3'
  );
}

/** Every funnel step's rows: how many, how many without a user, how many with a user but no time. */
export function stepRowsSql(from: string, user: string, step: string, time: FunnelTime | null, steps: string): string {
  const noTime = time === null ? '0' : `count(*) FILTER (WHERE ${col(user)} IS NOT NULL AND (${time.raw}) IS NULL)`;
  return (
    `SELECT array_position(${steps}::text[], ${col(step)}::text), count(*), ` +
    `count(*) FILTER (WHERE ${col(user)} IS NULL), ${noTime} FROM ${from} ` +
    `WHERE ${col(step)}::text = ANY(${steps}::text[]) GROUP BY 1`
  );
}
