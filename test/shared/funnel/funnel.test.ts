import edgeCases from '../../fixtures/funnel/edge-cases.json';
import synthetic from '../../fixtures/funnel/synthetic.json';
import demoEvents from '../../fixtures/funnel/demo-events.json';
import { websiteEventsDataset } from '../../../server/demo/website-events';
import { tableFromCells } from '../../../shared/table/from-cells';
import { InputError, LimitError } from '../../../shared/errors';
import { funnelReport } from '../../../shared/funnel/funnel';
import type { FunnelAttributes, FunnelOptions } from '../../../shared/funnel/types';
import type { Column, Table } from '../../../shared/table/types';
import { category, numbers, table } from '../../helpers/columns';

type Values = (string | number | null)[];

const text = (name: string, values: Values): Column => ({
  name,
  type: 'TEXT',
  values: values.map((v) => (v === null ? null : String(v))),
});

/** The fixture's events as a Table: times as NUMBER epoch seconds, or as DATE epoch ms. */
function eventsTable(events: Record<string, Values>, times: 'NUMBER' | 'DATE', users: 'TEXT' | 'NUMBER'): Table {
  const columns: Column[] = [
    users === 'TEXT' ? text('user', events.user) : numbers('user', events.user),
    category('step', events.step),
  ];
  if (events.time) {
    columns.push(
      times === 'NUMBER'
        ? numbers('time', events.time)
        : numbers(
            'time',
            events.time.map((t) => Number(t) * 1000),
            'DATE',
          ),
    );
  }
  for (const [name, values] of Object.entries(events)) {
    if (!['user', 'step', 'time'].includes(name)) columns.push(text(name, values));
  }
  return table(...columns);
}

interface Case {
  name: string;
  events: Record<string, Values>;
  options: Omit<FunnelOptions, 'userColumn' | 'stepColumn'>;
  attributes?: { user: Values; value: Values };
  segmentation?: { keys: string[]; values: (string | null)[] };
  expected: unknown;
}

function attributesOf(
  c: Pick<Case, 'attributes' | 'segmentation'>,
  users: 'TEXT' | 'NUMBER',
): FunnelAttributes | undefined {
  if (c.attributes) {
    const key = users === 'TEXT' ? text('user', c.attributes.user) : numbers('user', c.attributes.user);
    return { table: table(key, text('plan', c.attributes.value)), userColumn: 'user', column: 'plan' };
  }
  return c.segmentation;
}

function run(c: Case, times: 'NUMBER' | 'DATE', users: 'TEXT' | 'NUMBER') {
  const options = { userColumn: 'user', stepColumn: 'step', ...c.options };
  const report = funnelReport(eventsTable(c.events, times, users), options, attributesOf(c, users));
  const { users: n, unmatchedUsers, steps, breakdown } = report;
  return { report, figures: { users: n, unmatchedUsers, steps, breakdown } };
}

describe('funnelReport against pandas', () => {
  test.each((edgeCases as unknown as Case[]).map((c) => [c.name, c]))('%s', (_, c) => {
    expect(run(c, 'NUMBER', 'TEXT').figures).toEqual(c.expected);
  });

  test.each((edgeCases as unknown as Case[]).filter((c) => c.events.time).map((c) => [c.name, c]))(
    '%s (DATE time column)',
    (_, c) => {
      expect(run(c, 'DATE', 'TEXT').figures).toEqual(c.expected);
    },
  );

  const data = synthetic as unknown as {
    events: Record<string, Values>;
    attributes: { user: Values; value: Values };
    segmentation: { keys: string[]; values: (string | null)[] };
    variants: { name: string; options: Case['options']; breakdown?: string; expected: unknown }[];
  };
  test.each(data.variants.map((v) => [v.name, v]))('synthetic %s', (_, v) => {
    const c: Case = {
      name: v.name,
      events: data.events,
      options: v.options,
      attributes: v.breakdown === 'attributes' ? data.attributes : undefined,
      segmentation: v.breakdown === 'segmentation' ? data.segmentation : undefined,
      expected: v.expected,
    };
    const { report, figures } = run(c, 'NUMBER', 'NUMBER');
    expect(figures).toEqual(v.expected);
    expect(report.steps.every((s, i) => i === 0 || s.users <= report.steps[i - 1].users)).toBe(true);
    if (report.breakdown.length > 0) {
      expect(report.breakdown.reduce((sum, b) => sum + b.users, 0)).toBe(report.users);
    }
  });
});

describe('funnelReport', () => {
  const events = table(
    text('user', ['a', 'a', 'b', 'b', null, 'c']),
    text('event', ['visit', 'buy', 'visit', 'page', 'visit', 'buy']),
    numbers('ts', [100, 200, 100, 150, 100, 50]),
  );
  const options = { userColumn: 'user', stepColumn: 'event', steps: ['visit', 'buy'] };

  test('funnelReport defaults to ORDERED with a time column and to ANY (with a warning) without', () => {
    expect(funnelReport(events, { ...options, timeColumn: 'ts' }).order).toBe('ORDERED');
    const any = funnelReport(events, options);
    expect(any.order).toBe('ANY');
    expect(any.warnings).toContainEqual(expect.stringMatching(/^order: no timeColumn, so steps count in ANY order/));
  });

  test('funnelReport warns about a step with more users than the one before and about rows without a user', () => {
    // visit: a, b (the null user's row is left out); buy: a, c → 2 users with buy events, not more than 2 → no warning
    const report = funnelReport(events, { ...options, timeColumn: 'ts' });
    expect(report.warnings).toContain('userColumn: left out 1 funnel-step row with no user in "user" (first: row 5)');
    expect(report.warnings.some((w) => w.startsWith('steps:'))).toBe(false);
    const skewed = table(text('user', ['a', 'b', 'c']), text('event', ['visit', 'buy', 'buy']));
    expect(funnelReport(skewed, options).warnings).toContain(
      'steps: "buy" has events from 2 users, more than the 1 with "visit" before it; check the tracking or how the ' +
        'events were aggregated',
    );
  });

  test('funnelReport reports unmatched users with examples and attribute users without events', () => {
    const attributes = {
      table: table(text('id', ['a', 'z']), text('plan', ['pro', 'free'])),
      userColumn: 'id',
      column: 'plan',
    };
    const report = funnelReport(events, { ...options, timeColumn: 'ts' }, attributes);
    expect(report.unmatchedUsers).toBe(1);
    expect(report.warnings).toContain(
      'attributes: 1 of 2 funnel users with no row in the attributes table (e.g. "b"), grouped under "(unmatched)"',
    );
    expect(report.warnings).toContain('attributes: 1 user of the attributes table with no events (e.g. "z")');
    expect(report.breakdown.map((b) => [b.value, b.users])).toEqual([
      ['pro', 1],
      ['free', 0],
      ['(unmatched)', 1],
    ]);
  });

  test('funnelReport warns about conflicting attribute rows and users without a breakdown value', () => {
    // a: "pro" then "free" (conflict, first kept); b: no plan → "(missing)"; c: no row (did not start: not counted)
    const segmentation = { keys: ['a', 'a', 'b'], values: ['pro', 'free', null] };
    const report = funnelReport(events, { ...options, timeColumn: 'ts' }, segmentation);
    expect(report.unmatchedUsers).toBe(0);
    expect(report.warnings).toEqual([
      'userColumn: left out 1 funnel-step row with no user in "user" (first: row 5)',
      'attributes: 1 user listed more than once in the segmentation with different values (e.g. "a"); the first ' +
        "row's value was used",
      'attributes: 1 of 2 funnel users with no value in the segmentation, grouped under "(missing)"',
    ]);
    expect(report.breakdown.map((b) => [b.value, b.users])).toEqual([
      ['pro', 1],
      ['free', 0],
      ['(missing)', 1],
    ]);
    const byColumn = funnelReport(
      table(
        text('user', ['a', 'b', 'a']),
        text('event', ['visit', 'visit', 'buy']),
        text('country', ['FR', null, 'FR']),
      ),
      { ...options, steps: ['visit', 'buy'], breakdownColumn: 'country' },
    );
    expect(byColumn.warnings).toContain(
      'breakdownColumn: 1 of 2 funnel users with no value in "country", grouped under "(missing)"',
    );
  });

  test('funnelReport throws InputError naming the argument for bad input', () => {
    const cases: [Partial<FunnelOptions>, RegExp][] = [
      [{ steps: ['visit'] }, /^steps: a funnel needs at least 2 steps; got 1$/],
      [{ steps: ['visit', 'buy', 'visit'] }, /^steps: "visit" appears twice \(steps 1 and 3\)$/],
      [
        { steps: ['visit', 'checkout'] },
        /^steps: "checkout" not found in column "event"; its values are "visit", "buy", "page"$/,
      ],
      [{ conversionWindowSeconds: 60 }, /^conversionWindowSeconds: a window needs a timeColumn$/],
      [{ order: 'ORDERED' }, /^order: ORDERED needs a timeColumn/],
      [
        { timeColumn: 'ts', order: 'ANY', conversionWindowSeconds: 60 },
        /^conversionWindowSeconds: a window needs order ORDERED/,
      ],
      [{ timeColumn: 'user' }, /^timeColumn: column "user" is TEXT; expected DATE or NUMBER \(epoch seconds\)$/],
      [{ userColumn: 'customer' }, /^userColumn: no column "customer"; the columns are "user", "event", "ts"$/],
      [{ breakdownColumn: 'nope' }, /^breakdownColumn: no column "nope"/],
    ];
    for (const [override, message] of cases) {
      const call = () => funnelReport(events, { ...options, ...override });
      expect(call).toThrow(InputError);
      expect(call).toThrow(message);
    }
  });

  test('funnelReport names the 1-based row of a funnel step without a time', () => {
    const gap = table(
      text('user', ['a', 'a', 'b']),
      text('event', ['visit', 'page', 'buy']),
      numbers('ts', [1, null, null]),
    );
    expect(() => funnelReport(gap, { ...options, timeColumn: 'ts' })).toThrow(
      'timeColumn: row 3 (step "buy") has no time in column "ts"',
    );
  });

  test('funnelReport lists at most 20 values of the step column when a step is missing', () => {
    const many = table(
      text(
        'user',
        Array.from({ length: 25 }, (_, i) => `u${i}`),
      ),
      text(
        'event',
        Array.from({ length: 25 }, (_, i) => `e${i}`),
      ),
    );
    expect(() => funnelReport(many, { ...options, stepColumn: 'event', steps: ['e1', 'zzz'] })).toThrow(
      /"e19" and 5 more$/,
    );
  });

  test('funnelReport warns when nobody did step 1 and refuses a breakdown of more than 1000 values', () => {
    const nobody = table(text('user', [null, 'a']), text('event', ['visit', 'buy']));
    expect(funnelReport(nobody, options).warnings).toContain('steps: no user did step 1 "visit"');
    const ids = Array.from({ length: 1001 }, (_, i) => `u${i}`);
    const wide = table(
      text('user', ids),
      text(
        'event',
        ids.map((_, i) => (i % 2 ? 'buy' : 'visit')),
      ),
      text('id', ids),
    );
    const call = () => funnelReport(wide, { ...options, breakdownColumn: 'id' });
    expect(call).toThrow(LimitError);
    expect(call).toThrow('breakdownColumn: the breakdown has 1001 distinct values; at most 1000 are allowed');
  });

  test('funnelReport refuses a breakdown column and attributes together', () => {
    expect(() => funnelReport(events, { ...options, breakdownColumn: 'user' }, { keys: [], values: [] })).toThrow(
      /^breakdownColumn: give a breakdown column or attributes, not both$/,
    );
  });
});

describe('funnelReport on the demo website events against pandas', () => {
  const demo = demoEvents as unknown as {
    rows: number;
    variants: { name: string; options: Case['options']; expected: { steps: unknown } }[];
  };
  const dataset = websiteEventsDataset();
  const events = tableFromCells(dataset.header, dataset.rows);

  test('the demo events are the ones the fixture was made from', () => {
    expect(events.rowCount).toBe(demo.rows);
  });

  test.each(demo.variants.map((v) => [v.name, v]))('demo %s', (_, v) => {
    const report = funnelReport(events, { userColumn: 'user_id', stepColumn: 'step', ...v.options });
    expect(report.steps).toEqual(v.expected.steps);
  });
});

describe('funnelReport path rules', () => {
  const events = table(
    text('user', ['a', 'a', 'a']),
    text('event', ['visit', 'cancel', 'buy']),
    numbers('ts', [0, 5, 10]),
  );
  const options = { userColumn: 'user', stepColumn: 'event', steps: ['visit', 'buy'], timeColumn: 'ts' };

  test('funnelReport refuses exclusions, holdConstant and stepWindowsSeconds without ORDERED order', () => {
    const any = { ...options, order: 'ANY' as const };
    const exclusions = [{ step: 'cancel', afterStep: 1, beforeStep: 2 }];
    expect(() => funnelReport(events, { ...any, exclusions })).toThrow(/^exclusions: needs order ORDERED/);
    expect(() => funnelReport(events, { ...any, holdConstant: ['user'] })).toThrow(/^holdConstant: needs order/);
    expect(() => funnelReport(events, { ...any, stepWindowsSeconds: [null, 5] })).toThrow(/^stepWindowsSeconds/);
  });

  test('funnelReport names the argument of a bad exclusion or step window', () => {
    const bad = (o: Partial<FunnelOptions>) => () => funnelReport(events, { ...options, ...o });
    expect(bad({ exclusions: [{ step: 'refund', afterStep: 1, beforeStep: 2 }] })).toThrow(
      'exclusions: step "refund" not found in column "event"',
    );
    expect(bad({ exclusions: [{ step: 'cancel', afterStep: 2, beforeStep: 2 }] })).toThrow(
      /^exclusions: entry 1 has afterStep 2 and beforeStep 2; expected step numbers with 1 ≤ afterStep < beforeStep ≤ 2/,
    );
    expect(bad({ stepWindowsSeconds: [5, 5] })).toThrow(/^stepWindowsSeconds: entry 1 is 5; step 1 has no previous/);
    expect(bad({ stepWindowsSeconds: [null] })).toThrow(/^stepWindowsSeconds: 1 entries for 2 steps/);
    expect(bad({ stepWindowsSeconds: [null, -1] })).toThrow(/^stepWindowsSeconds: entry 2 is -1/);
    expect(bad({ holdConstant: ['device'] })).toThrow(InputError);
    const untimed = table(text('user', ['a', 'a']), text('event', ['visit', 'cancel']), numbers('ts', [0, null]));
    const exclusions = [{ step: 'cancel', afterStep: 1, beforeStep: 2 }];
    expect(() => funnelReport(untimed, { ...options, exclusions, steps: ['visit', 'cancel'] })).toThrow(
      'timeColumn: row 2 (step "cancel") has no time in column "ts"',
    );
    const withBuy = table(
      text('user', ['a', 'a', 'a']),
      text('event', ['visit', 'cancel', 'buy']),
      numbers('ts', [0, null, 4]),
    );
    expect(() => funnelReport(withBuy, { ...options, exclusions })).toThrow(
      'timeColumn: row 2 (excluded event "cancel") has no time in column "ts"',
    );
  });

  test('funnelReport drops a user who did the excluded event between the steps, at the earlier step', () => {
    const report = funnelReport(events, { ...options, exclusions: [{ step: 'cancel', afterStep: 1, beforeStep: 2 }] });
    expect(report.steps.map((s) => s.users)).toEqual([1, 0]);
    expect(funnelReport(events, options).steps[1].timeToConvert).toEqual({
      p25: 10,
      median: 10,
      p75: 10,
      p90: 10,
      mean: 10,
    });
  });
});
