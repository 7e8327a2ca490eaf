import edgeCases from '../../fixtures/channel/edge-cases.json';
import synthetic from '../../fixtures/channel/synthetic.json';
import { channelReport } from '../../../shared/channel/channel-report';
import type { ChannelOptions, ChannelReport } from '../../../shared/channel/types';
import { InputError } from '../../../shared/errors';
import type { Column, Table } from '../../../shared/table/types';

type Values = (string | number | null)[];

/** Strings become TEXT columns, everything else NUMBER (null = missing); "converted" becomes BOOLEAN. */
function tableOf(columns: Record<string, Values>): Table {
  const built: Column[] = Object.entries(columns).map(([name, values]) => {
    if (values.some((v) => typeof v === 'string')) {
      return { name, type: 'TEXT', values: values.map((v) => (v === null ? null : String(v))) };
    }
    const numbers = Float64Array.from(values, (v) => (v === null ? NaN : Number(v)));
    return name === 'converted'
      ? { name, type: 'BOOLEAN', values: numbers }
      : { name, type: 'NUMBER', values: numbers };
  });
  return { rowCount: Object.values(columns)[0].length, columns: built };
}

/** Every figure equal to the reference, floats to 12 significant digits (pandas sums pairwise, we compensate). */
function expectFigures(actual: object, expected: Record<string, unknown>): void {
  expect(Object.keys(actual).sort()).toEqual(expect.arrayContaining(Object.keys(expected).sort()));
  for (const [key, value] of Object.entries(expected)) {
    const got = (actual as Record<string, unknown>)[key];
    if (typeof value === 'number' && !Number.isInteger(value)) {
      expect(typeof got).toBe('number');
      expect(Math.abs((got as number) - value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(value)));
    } else expect([key, got]).toEqual([key, value]);
  }
}

interface Expected {
  channels: Record<string, unknown>[];
  bySegment: Record<string, unknown>[];
  overall: Record<string, unknown>;
}

function check(report: ChannelReport, expected: Expected): void {
  expect(report.channels.map((c) => c.channel)).toEqual(expected.channels.map((c) => c.channel));
  report.channels.forEach((c, i) => expectFigures(c, expected.channels[i]));
  expect(report.bySegment.map((s) => [s.segment, s.channel])).toEqual(
    expected.bySegment.map((s) => [s.segment, s.channel]),
  );
  report.bySegment.forEach((s, i) => expectFigures(s, expected.bySegment[i]));
  expectFigures(report.overall, expected.overall);
}

interface Case {
  name: string;
  users: Record<string, Values>;
  costs?: Record<string, Values>;
  options: ChannelOptions;
  expected: Expected;
}

describe('channelReport against pandas', () => {
  test.each((edgeCases as unknown as Case[]).map((c) => [c.name, c]))('%s', (_, c) => {
    check(channelReport(tableOf(c.users), c.options, c.costs && tableOf(c.costs)), c.expected);
  });

  test('synthetic: LinkedIn, Direct, Google, Facebook and E-mail with daily costs and segments', () => {
    const data = synthetic as unknown as Case;
    const report = channelReport(tableOf(data.users), data.options, tableOf(data.costs as Record<string, Values>));
    check(report, data.expected);
    expect(Object.fromEntries(report.channels.map((c) => [c.channel, c.recommendation]))).toEqual({
      Google: 'INVEST',
      Direct: 'INVEST',
      'E-mail': 'INVEST',
      LinkedIn: 'REDUCE',
      Facebook: 'REMOVE',
    });
    // segment × channel users add up to each channel's users, and shares to 1 within a segment
    for (const c of report.channels) {
      expect(report.bySegment.filter((s) => s.channel === c.channel).reduce((sum, s) => sum + s.users, 0)).toBe(
        c.users,
      );
    }
    for (const segment of new Set(report.bySegment.map((s) => s.segment))) {
      const share = report.bySegment
        .filter((s) => s.segment === segment)
        .reduce((sum, s) => sum + (s.shareOfSegment ?? 0), 0);
      expect(share).toBeCloseTo(1, 12);
    }
  });
});

describe('channelReport', () => {
  const users = tableOf({
    channel: ['A', 'A', 'B', null, 'B'],
    converted: [1, null, 1, 1, 0],
    ltv: [100, 50, null, 9, null],
    segment: ['x', 'y', null, 'x', 'x'],
  });
  const costs = tableOf({ channel: ['A', 'C'], spend: [40, 75] });
  const options: ChannelOptions = {
    channelColumn: 'channel',
    convertedColumn: 'converted',
    valueColumn: 'ltv',
    segmentColumn: 'segment',
    minUsers: 0,
    costs: { channelColumn: 'channel', spendColumn: 'spend' },
  };

  test('channelReport warns about every data-quality problem it met and how it treated it', () => {
    expect(channelReport(users, options, costs).warnings).toEqual([
      'channelColumn: left out 1 row with no channel in "channel" (first: row 4)',
      'convertedColumn: 1 row with no value in "converted", counted as not converted (first: row 2)',
      'costs: channels with costs but no users: "C" (spend 75)',
      'costs: channels with users but no row in the costs table, so no spend: "B"',
      'valueColumn: 1 converter with no value in "ltv" (B 1), left out of avgValue and totalValue but ' +
        'counted in users and conversions',
      'lifetimeMonths: none given, so paybackMonths is null',
      'health: UNKNOWN for "B" (no spend), "C" (no conversions)',
      'segmentColumn: 1 row with no segment, grouped under "(missing)" (first: row 3)',
    ]);
  });

  test('channelReport names the missing input behind null margin figures and refuses a bad margin or lifetime', () => {
    const noCosts = channelReport(users, { ...options, costs: undefined });
    expect(noCosts.warnings).toContain('costs: none given, so paybackMonths is null and health UNKNOWN');
    expect(noCosts.channels.every((c) => c.paybackMonths === null && c.health === 'UNKNOWN')).toBe(true);
    const noValues = channelReport(users, { ...options, valueColumn: undefined }, costs);
    expect(noValues.warnings).toContain(
      'valueColumn: none given, so contribution, breakEvenCpa and paybackMonths are null and health UNKNOWN',
    );
    expect(() => channelReport(users, { ...options, margin: 40 }, costs)).toThrow(
      'margin: 40 is not a gross margin in (0, 1] (0.4 = 40%)',
    );
    expect(() => channelReport(users, { ...options, lifetimeMonths: 0 }, costs)).toThrow(
      'lifetimeMonths: 0 is not a number of months > 0',
    );
  });

  test('channelReport takes segments from a stored segmentation, one per row', () => {
    const report = channelReport(
      users,
      { ...options, segmentColumn: undefined, segments: ['s', 't', 's', 's', null] },
      costs,
    );
    expect(report.bySegment.map((s) => [s.segment, s.channel, s.users])).toEqual([
      ['s', 'A', 1],
      ['s', 'B', 1],
      ['t', 'A', 1],
      ['(missing)', 'B', 1],
    ]);
  });

  test('channelReport without costs leaves cost figures null and says so in the reasons', () => {
    const report = channelReport(users, { ...options, costs: undefined });
    expect(
      report.channels.every((c) => c.spend === null && c.cpa === null && c.reason.startsWith('costs missing')),
    ).toBe(true);
  });

  test('channelReport throws InputError naming the argument for bad input', () => {
    const bad: [() => unknown, string | RegExp][] = [
      [
        () => channelReport(tableOf({ channel: ['A', 'B'], converted: [1, 2] }), { ...options, costs: undefined }),
        'convertedColumn: row 2 has 2 in column "converted"; expected 0 or 1 (or true/false)',
      ],
      [
        () => channelReport(users, options, tableOf({ channel: ['A'], spend: [-5] })),
        'costs.spendColumn: row 1 has spend -5',
      ],
      [() => channelReport(users, options), 'costs: column names were given but no costs table'],
      [
        () => channelReport(users, { ...options, costs: undefined }, costs),
        'costs: a costs table needs its column names in options.costs',
      ],
      [
        () => channelReport(users, { ...options, segments: ['x'] }, costs),
        'segmentColumn: give a segment column or segments, not both',
      ],
      [
        () => channelReport(users, { ...options, segmentColumn: undefined, segments: ['x'] }, costs),
        'segments: 1 segments for the 5 rows of the users table',
      ],
      [() => channelReport(users, { ...options, targetLtvToCac: -1 }, costs), 'targetLtvToCac: -1 is not a number ≥ 0'],
      [
        () => channelReport(users, { ...options, targetLtvToCac: 0.5 }, costs),
        'targetLtvToCac: 0.5 is below minLtvToCac 1',
      ],
      [() => channelReport(users, { ...options, reduceBelowShare: 2 }, costs), 'reduceBelowShare: 2 is above 1'],
      [
        () => channelReport(users, { ...options, channelColumn: 'source' }, costs),
        /^channelColumn: no column "source"/,
      ],
      [
        () => channelReport(users, { ...options, convertedColumn: 'channel' }, costs),
        /^convertedColumn: column "channel" holds text/,
      ],
    ];
    for (const [call, message] of bad) {
      expect(call).toThrow(InputError);
      expect(call).toThrow(message);
    }
  });
});
