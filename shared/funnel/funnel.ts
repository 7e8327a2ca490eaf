import { InputError, LimitError } from '../errors';
import { encodeColumn, getColumn, stringValues } from '../table/access';
import type { Column, Table } from '../table/types';
import { MISSING_VALUE, UNMATCHED, joinUserValues, valueOnFirstStep, type UserValues } from './funnel-breakdown';
import { funnelFromCodes } from './funnel-codes';
import type {
  ExclusionRule,
  FunnelAttributes,
  FunnelBreakdown,
  FunnelEvents,
  FunnelOptions,
  FunnelOrder,
  FunnelReport,
  FunnelStep,
} from './types';

/** Most distinct values a breakdown may have. */
export const MAX_BREAKDOWN_VALUES = 1000;
/** Breakdown group of users whose value is missing. */
export const MISSING_GROUP = '(missing)';
/** Breakdown group of users with no row in the attributes table or segmentation. */
export const UNMATCHED_GROUP = '(unmatched)';

const EXAMPLES = 3;

/**
 * A conversion funnel from an events table (one row per event: user, step, optional time), as Mixpanel and Amplitude
 * compute it: users at each step, conversion from the previous step and from step 1, drop-off, median time between
 * steps, broken down by a value per user, with the data-quality warnings an analyst would raise.
 *
 * - Order: ORDERED when `timeColumn` is given, ANY otherwise (with a warning); ORDERED without a time column is an
 *   error. ORDERED counts greedily from the earliest step-1 event, ties in time count as in order, a window counts
 *   from the step-1 event and includes its end (see funnelPaths).
 * - Time column: DATE, or NUMBER read as epoch seconds; a funnel-step row without a time is an error.
 * - Events at other steps, and rows with no user (warned), are ignored; repeated events count once per user.
 * - ORDERED paths may also carry exclusions (an excluded event strictly between two steps' counted events ends the
 *   user's path at the earlier step), holdConstant columns (every counted event must share the step-1 event's values;
 *   a blank is a value of its own) and stepWindowsSeconds (a window per step from the previous one); see funnelPaths.
 * - timeToConvert: percentiles (numpy linear) and mean of the seconds from the previous step, over users who reached it.
 * - Breakdown by `breakdownColumn` (the value on the user's earliest step-1 event) or by `attributes` (a column of a
 *   second table keyed by user, or a segmentation's key → segment map). Every value appears, empty ones with zero
 *   users, biggest first; users without a value form "(missing)", users absent from the join "(unmatched)"
 *   (counted in `unmatchedUsers`).
 * - Warnings: a step with events from more users than the step before it (a tracking or aggregation error), users
 *   missing from one side of the join, conflicting attribute rows, missing breakdown values.
 * Rows are numbered from 1 in messages. O(n + users × steps), plus sorting the gaps for the medians.
 *
 * @throws InputError for a missing column, an excluded step absent from the data, exclusions, holdConstant or
 *   stepWindowsSeconds without ORDERED order, fewer than 2 steps, a repeated step, a step absent from the data, a window
 *   without a time column or with ANY order, a time column that is not DATE/NUMBER or lacks a value on a step row.
 * @example
 * const events: Table = { rowCount: 4, columns: [
 *   { name: 'user', type: 'TEXT', values: ['a', 'a', 'b', 'b'] },
 *   { name: 'event', type: 'TEXT', values: ['visit', 'buy', 'buy', 'visit'] },
 *   { name: 'ts', type: 'NUMBER', values: Float64Array.of(0, 90, 0, 30) }] };
 * funnelReport(events, { userColumn: 'user', stepColumn: 'event', steps: ['visit', 'buy'], timeColumn: 'ts' }).steps[1];
 * // b bought before visiting: { name: 'buy', users: 1, conversionFromPrevious: 0.5, dropOff: 1,
 * //   medianSecondsFromPrevious: 90, usersWithEvent: 2, … }
 */
export function funnelReport(events: Table, options: FunnelOptions, attributes?: FunnelAttributes): FunnelReport {
  const { steps, timeColumn, conversionWindowSeconds: window } = options;
  const warnings: string[] = [];
  checkStepNames(steps);
  if (options.breakdownColumn !== undefined && attributes) {
    throw new InputError('breakdownColumn: give a breakdown column or attributes, not both', 'breakdownColumn');
  }
  const order = funnelOrder(options, warnings);
  if (window !== undefined && timeColumn === undefined) {
    throw new InputError('conversionWindowSeconds: a window needs a timeColumn', 'conversionWindowSeconds');
  }

  const userColumn = getColumn(events, options.userColumn, 'userColumn');
  const users = encodeColumn(userColumn);
  const stepCodes = encodeSteps(getColumn(events, options.stepColumn, 'stepColumn'), steps);
  warnMissingUsers(users.codes, stepCodes, userColumn.name, warnings);
  const times =
    timeColumn === undefined
      ? null
      : eventTimes(getColumn(events, timeColumn, 'timeColumn'), users.codes, stepCodes, steps);
  const exclusions = exclusionCodes(events, options, order);
  if (exclusions && times) checkExclusionTimes(exclusions, users.codes, times, options);
  const encoded: FunnelEvents = {
    userCodes: users.codes,
    stepCodes,
    times,
    userCount: users.levels.length,
    stepCount: steps.length,
    holdCodes: holdCodes(events, options, order),
    exclusionCodes: exclusions?.codes ?? null,
  };

  const userValues = breakdownValues(events, encoded, users.levels, options, attributes, warnings);
  const groups = userValues && withExtraGroups(userValues);
  const counts = funnelFromCodes(encoded, {
    steps,
    order,
    conversionWindowSeconds: window,
    stepWindowsSeconds: constrained(options.stepWindowsSeconds, 'stepWindowsSeconds', order),
    exclusions: exclusions?.rules ?? null,
    groups,
  });
  warnStepCounts(counts.steps, warnings);

  const breakdown = counts.breakdown.filter((b) => b.users > 0 || !isExtraGroup(b.value));
  const missing = breakdown.find((b) => b.value === MISSING_GROUP)?.users ?? 0;
  const unmatched = breakdown.find((b) => b.value === UNMATCHED_GROUP)?.users ?? 0;
  if (userValues && missing > 0) {
    const [argument, source] =
      options.breakdownColumn !== undefined
        ? ['breakdownColumn', `"${options.breakdownColumn}"`]
        : ['attributes', sourceName(attributes)];
    warnings.push(
      `${argument}: ${missing} of ${counts.users} funnel users with no value in ${source}, ` +
        `grouped under "${MISSING_GROUP}"`,
    );
  }
  if (userValues && unmatched > 0) {
    const examples = exampleUsers(encoded, userValues.codes, users.levels);
    warnings.push(
      `attributes: ${unmatched} of ${counts.users} funnel users with no row in ${sourceName(attributes)} ` +
        `(e.g. ${examples}), grouped under "${UNMATCHED_GROUP}"`,
    );
  }
  return {
    users: counts.users,
    unmatchedUsers: unmatched,
    steps: counts.steps,
    breakdown: sortGroups(breakdown),
    order,
    warnings,
  };
}

function checkStepNames(steps: readonly string[]): void {
  if (steps.length < 2) throw new InputError(`steps: a funnel needs at least 2 steps; got ${steps.length}`, 'steps');
  const seen = new Map<string, number>();
  steps.forEach((step, i) => {
    const earlier = seen.get(step);
    if (earlier !== undefined) {
      throw new InputError(`steps: "${step}" appears twice (steps ${earlier + 1} and ${i + 1})`, 'steps');
    }
    seen.set(step, i);
  });
}

function funnelOrder(options: FunnelOptions, warnings: string[]): FunnelOrder {
  const { order, timeColumn } = options;
  if (order !== undefined && order !== 'ORDERED' && order !== 'ANY') {
    throw new InputError(`order: "${String(order)}" is not ORDERED or ANY`, 'order');
  }
  if (order === 'ORDERED' && timeColumn === undefined) {
    throw new InputError('order: ORDERED needs a timeColumn to tell the order of events', 'order');
  }
  if (order === undefined && timeColumn === undefined) {
    warnings.push(
      'order: no timeColumn, so steps count in ANY order (a user counts at a step after doing it and every step ' +
        'before it, in whatever order)',
    );
    return 'ANY';
  }
  return order ?? 'ORDERED';
}

/** An ORDERED-only option, refused with ANY order. */
function constrained<T>(value: T | undefined, argument: string, order: FunnelOrder): T | null {
  if (value === undefined || value === null) return null;
  if (order !== 'ORDERED') {
    throw new InputError(`${argument}: needs order ORDERED and a timeColumn (a path in time)`, argument);
  }
  return value;
}

/** Per row, the code of its combination of holdConstant values (missing is a value of its own); null without. */
function holdCodes(events: Table, options: FunnelOptions, order: FunnelOrder): Int32Array | null {
  const names = constrained(options.holdConstant, 'holdConstant', order);
  if (!names || names.length === 0) return null;
  const columns = names.map((name) => encodeColumn(getColumn(events, name, 'holdConstant')).codes);
  if (columns.length === 1) return columns[0];
  const combinations = new Map<string, number>();
  return Int32Array.from({ length: events.rowCount }, (_, row) => {
    const key = columns.map((codes) => codes[row]).join(',');
    let code = combinations.get(key);
    if (code === undefined) {
      code = combinations.size;
      combinations.set(key, code);
    }
    return code;
  });
}

/**
 * The exclusions as rules on codes: per row the code of the excluded event it is (-1 for none), one code per distinct
 * excluded event name, which must occur in the step column.
 */
function exclusionCodes(
  events: Table,
  options: FunnelOptions,
  order: FunnelOrder,
): { codes: Int32Array; names: string[]; rules: ExclusionRule[] } | null {
  const exclusions = constrained(options.exclusions, 'exclusions', order);
  if (!exclusions || exclusions.length === 0) return null;
  const column = getColumn(events, options.stepColumn, 'stepColumn');
  const { codes, levels } = encodeColumn(column);
  const names = [...new Set(exclusions.map((e) => e.step))];
  const levelIndex = new Map(levels.map((level, l) => [level, l]));
  const levelEvent = new Int32Array(levels.length).fill(-1);
  for (const [event, name] of names.entries()) {
    const level = levelIndex.get(name);
    if (level === undefined || !codes.includes(level)) {
      throw new InputError(`exclusions: step "${name}" not found in column "${column.name}"`, 'exclusions');
    }
    levelEvent[level] = event;
  }
  return {
    codes: codes.map((level) => (level < 0 ? -1 : levelEvent[level])),
    names,
    rules: exclusions.map((e) => ({ event: names.indexOf(e.step), afterStep: e.afterStep, beforeStep: e.beforeStep })),
  };
}

/** Step index per row (-1 for other events); every requested step must occur in the column. */
function encodeSteps(column: Column, steps: readonly string[]): Int32Array {
  const { codes, levels } = encodeColumn(column);
  const used = new Uint8Array(levels.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) used[codes[i]] = 1;
  const present = levels.filter((_, l) => used[l]);
  const absent = steps.filter((step) => !present.includes(step));
  if (absent.length > 0) {
    const shown = present
      .slice(0, 20)
      .map((v) => `"${v}"`)
      .join(', ');
    const more = present.length > 20 ? ` and ${present.length - 20} more` : '';
    throw new InputError(
      `steps: ${absent.map((s) => `"${s}"`).join(', ')} not found in column "${column.name}"; ` +
        `its values are ${shown || 'none'}${more}`,
      'steps',
    );
  }
  const stepIndex = new Map(steps.map((step, i) => [step, i]));
  const levelStep = Int32Array.from(levels, (level) => stepIndex.get(level) ?? -1);
  const stepCodes = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) stepCodes[i] = codes[i] < 0 ? -1 : levelStep[codes[i]];
  return stepCodes;
}

/** Event times in epoch ms: DATE as is, NUMBER as epoch seconds; every funnel-step row must have one. */
function eventTimes(
  column: Column,
  userCodes: Int32Array,
  stepCodes: Int32Array,
  steps: readonly string[],
): Float64Array {
  if (column.type !== 'DATE' && column.type !== 'NUMBER') {
    throw new InputError(
      `timeColumn: column "${column.name}" is ${column.type}; expected DATE or NUMBER (epoch seconds)`,
      'timeColumn',
    );
  }
  const times = column.type === 'DATE' ? column.values : column.values.map((seconds) => seconds * 1000);
  for (let i = 0; i < times.length; i++) {
    if (stepCodes[i] >= 0 && userCodes[i] >= 0 && !Number.isFinite(times[i])) {
      throw new InputError(
        `timeColumn: row ${i + 1} (step "${steps[stepCodes[i]]}") has no time in column "${column.name}"`,
        'timeColumn',
      );
    }
  }
  return times;
}

/** An excluded event without a time could not be placed between two steps: refused, as a step row would be. */
function checkExclusionTimes(
  exclusions: { codes: Int32Array; names: readonly string[] },
  userCodes: Int32Array,
  times: Float64Array,
  options: FunnelOptions,
): void {
  for (let i = 0; i < times.length; i++) {
    const event = exclusions.codes[i];
    if (event >= 0 && userCodes[i] >= 0 && !Number.isFinite(times[i])) {
      throw new InputError(
        `timeColumn: row ${i + 1} (excluded event "${exclusions.names[event]}") has no time in column ` +
          `"${options.timeColumn}"`,
        'timeColumn',
      );
    }
  }
}

/** A step done by more users than the step before it points to a tracking or aggregation error. */
function warnStepCounts(steps: readonly FunnelStep[], warnings: string[]): void {
  for (let s = 1; s < steps.length; s++) {
    const [before, after] = [steps[s - 1], steps[s]];
    if (after.usersWithEvent > before.usersWithEvent) {
      warnings.push(
        `steps: "${after.name}" has events from ${after.usersWithEvent} users, more than the ${before.usersWithEvent} ` +
          `with "${before.name}" before it; check the tracking or how the events were aggregated`,
      );
    }
  }
  if (steps[0].users === 0) warnings.push(`steps: no user did step 1 "${steps[0].name}"`);
}

function warnMissingUsers(userCodes: Int32Array, stepCodes: Int32Array, name: string, warnings: string[]): void {
  let count = 0;
  let first = -1;
  for (let i = 0; i < userCodes.length; i++) {
    if (userCodes[i] < 0 && stepCodes[i] >= 0) {
      if (count === 0) first = i;
      count++;
    }
  }
  if (count > 0) {
    warnings.push(
      `userColumn: left out ${plural(count, 'funnel-step row')} with no user in "${name}" (first: row ${first + 1})`,
    );
  }
}

function breakdownValues(
  events: Table,
  encoded: FunnelEvents,
  userLevels: readonly string[],
  options: FunnelOptions,
  attributes: FunnelAttributes | undefined,
  warnings: string[],
): UserValues | null {
  if (options.breakdownColumn !== undefined) {
    const { codes, levels } = encodeColumn(getColumn(events, options.breakdownColumn, 'breakdownColumn'));
    return checkedSize(valueOnFirstStep(encoded, codes, levels), 'breakdownColumn');
  }
  if (!attributes) return null;
  let keys: readonly (string | null)[];
  let values: readonly (string | null)[];
  if ('table' in attributes) {
    keys = stringValues(getColumn(attributes.table, attributes.userColumn, 'attributes.userColumn'));
    values = stringValues(getColumn(attributes.table, attributes.column, 'attributes.column'));
  } else {
    if (attributes.keys.length !== attributes.values.length) {
      throw new InputError(
        `attributes: ${attributes.keys.length} keys but ${attributes.values.length} values`,
        'attributes',
      );
    }
    ({ keys, values } = attributes);
  }
  const join = joinUserValues(userLevels, keys, values);
  const source = sourceName(attributes);
  if (join.keysWithoutEvents.length > 0) {
    warnings.push(
      `attributes: ${plural(join.keysWithoutEvents.length, 'user')} of ${source} with no events ` +
        `(e.g. ${quoteFew(join.keysWithoutEvents)})`,
    );
  }
  if (join.conflictingKeys.length > 0) {
    warnings.push(
      `attributes: ${plural(join.conflictingKeys.length, 'user')} listed more than once in ${source} with different values ` +
        `(e.g. ${quoteFew(join.conflictingKeys)}); the first row's value was used`,
    );
  }
  return checkedSize(join, 'attributes');
}

function checkedSize(values: UserValues, argument: string): UserValues {
  if (values.values.length > MAX_BREAKDOWN_VALUES) {
    throw new LimitError(
      `${argument}: the breakdown has ${values.values.length} distinct values; at most ${MAX_BREAKDOWN_VALUES} are allowed`,
      argument,
    );
  }
  return values;
}

/** Turns MISSING_VALUE and UNMATCHED into two extra groups after the real values. */
function withExtraGroups({ codes, values }: UserValues): { codes: Int32Array; values: string[] } {
  const missing = values.length;
  const groupCodes = codes.map((c) => (c === MISSING_VALUE ? missing : c === UNMATCHED ? missing + 1 : c));
  return { codes: groupCodes, values: [...values, MISSING_GROUP, UNMATCHED_GROUP] };
}

function isExtraGroup(value: string): boolean {
  return value === MISSING_GROUP || value === UNMATCHED_GROUP;
}

/** Biggest group first, ties by value; "(missing)" and "(unmatched)" last. */
function sortGroups(breakdown: FunnelBreakdown[]): FunnelBreakdown[] {
  const rank = (b: FunnelBreakdown) => (b.value === MISSING_GROUP ? 1 : b.value === UNMATCHED_GROUP ? 2 : 0);
  return [...breakdown].sort(
    (a, b) => rank(a) - rank(b) || b.users - a.users || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

/** A few users who did step 1 and have no row in the join. */
function exampleUsers(events: FunnelEvents, codes: Int32Array, userLevels: readonly string[]): string {
  const found = new Set<number>();
  for (let i = 0; i < events.userCodes.length && found.size < EXAMPLES; i++) {
    const u = events.userCodes[i];
    if (u >= 0 && events.stepCodes[i] === 0 && codes[u] === UNMATCHED) found.add(u);
  }
  return quoteFew([...found].map((u) => userLevels[u]));
}

function sourceName(attributes: FunnelAttributes | undefined): string {
  return attributes && 'table' in attributes ? 'the attributes table' : 'the segmentation';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function quoteFew(values: readonly string[]): string {
  return values
    .slice(0, EXAMPLES)
    .map((v) => `"${v}"`)
    .join(', ');
}
