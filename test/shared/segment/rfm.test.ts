import { InputError } from '../../../shared/errors';
import { createRng } from '../../../shared/random';
import { runRfm } from '../../../shared/segment/rfm';
import { RFM_CLUSTER_NAMES, RFM_SEGMENTS, rfmSegmentName } from '../../../shared/segment/rfm-names';
import type { RfmResult } from '../../../shared/segment/types';
import type { Table } from '../../../shared/table/types';
import fixture from '../../fixtures/segment/pipeline-rfm.json';

const DAY = 86_400_000;
const columns = { customerColumn: 'customer', dateColumn: 'date', amountColumn: 'amount' };

function transactions(keys: (string | null)[], dates: number[], amounts: number[]): Table {
  return {
    rowCount: keys.length,
    columns: [
      { name: 'customer', type: 'TEXT', values: keys },
      { name: 'date', type: 'DATE', values: Float64Array.from(dates) },
      { name: 'amount', type: 'NUMBER', values: Float64Array.from(amounts) },
    ],
  };
}

const fixtureTable = transactions(
  fixture.table.columns[0].values as (string | null)[],
  (fixture.table.columns[1].values as (number | null)[]).map((v) => v ?? NaN),
  (fixture.table.columns[2].values as (number | null)[]).map((v) => v ?? NaN),
);

/** Every customer in exactly one segment, labels 0..k−1, shares summing to 1, names unique. */
function expectConsistent(result: RfmResult): void {
  expect(result.rowCount).toBe(result.customers.keys.length);
  expect(result.labels).toHaveLength(result.rowCount);
  result.segments.forEach((s, label) => {
    expect(s.label).toBe(label);
    expect(s.size).toBe(result.labels.filter((l) => l === label).length);
    expect(s.size).toBeGreaterThan(0);
  });
  expect(result.segments.reduce((sum, s) => sum + s.size, 0)).toBe(result.rowCount);
  expect(result.segments.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
  expect(new Set(result.segments.map((s) => s.name)).size).toBe(result.segments.length);
}

describe('runRfm', () => {
  test('runRfm(table, SCORES) gives the pandas R, F, M values and scores and the map’s segment to every customer', () => {
    const expected = fixture.cases[0];
    const result = runRfm(fixtureTable, columns);
    expect(result.method).toBe('SCORES');
    expect(result.keys).toEqual(expected.keys);
    expect(Array.from(result.customers.recency)).toEqual(expected.recency);
    expect(Array.from(result.customers.frequency)).toEqual(expected.frequency);
    expect(Array.from(result.scores.r)).toEqual(expected.r);
    expect(Array.from(result.scores.f)).toEqual(expected.f);
    expect(Array.from(result.scores.m)).toEqual(expected.m);
    expect(result.asOf).toBe(expected.expectedAsOf);
    expect(result.excludedCustomers).toBe(expected.excludedCustomers);
    const names = result.segments.map((s) => s.name);
    // listed in the map's order
    expect(names).toEqual(RFM_SEGMENTS.filter((name) => names.includes(name)));
    expected.keys.forEach((_, i) => {
      expect(names[result.labels[i]]).toBe(rfmSegmentName(expected.r[i], expected.f[i]));
    });
    expect(result.silhouette).toBeNull();
    expect(result.kSelection).toEqual([]);
    expect(result.featureNames).toEqual(['recency', 'frequency', 'monetary']);
    expect(result.warnings).toEqual([
      '2 transaction rows without a customer or a date skipped',
      '2 customers with no transaction in the 24 months before 2024-06-30 left out',
    ]);
    expectConsistent(result);
  });

  test('runRfm(table, { asOf, windowMonths }) measures from asOf over that window', () => {
    const expected = fixture.cases[1];
    const result = runRfm(fixtureTable, { ...columns, asOf: expected.asOf as number, windowMonths: 12 });
    expect(result.keys).toEqual(expected.keys);
    expect(Array.from(result.customers.recency)).toEqual(expected.recency);
    expect(result.windowStart).toBe(expected.expectedWindowStart);
    expect(result.excludedCustomers).toBe(expected.excludedCustomers);
    expectConsistent(result);
  });

  test('runRfm(table, KMEANS) names four clusters after their R, F, M levels', () => {
    // Four kinds of customer, 60 each, last order relative to 2024-06-30:
    // top (recent, frequent, big), potential (recent, rare, small), at risk (old, frequent, big), inactive (old, rare, small)
    const rng = createRng(12);
    const end = Date.UTC(2024, 5, 30);
    const kinds = [
      { name: 'Top customers', days: 10, orders: 12, amount: 200 },
      { name: 'Potential loyal', days: 12, orders: 1, amount: 20 },
      { name: 'At risk', days: 300, orders: 10, amount: 180 },
      { name: 'Inactive', days: 330, orders: 1, amount: 15 },
    ];
    const keys: string[] = [];
    const dates: number[] = [];
    const amounts: number[] = [];
    const kindOf = new Map<string, string>();
    kinds.forEach((kind, g) => {
      for (let c = 0; c < 60; c++) {
        const key = `${g}-${c}`;
        kindOf.set(key, kind.name);
        const last = end - Math.round(kind.days * Math.exp(0.3 * rng.normal())) * DAY;
        const orders = Math.max(1, Math.round(kind.orders * Math.exp(0.2 * rng.normal())));
        for (let o = 0; o < orders; o++) {
          keys.push(key);
          dates.push(last - o * 15 * DAY);
          amounts.push(Math.round(kind.amount * Math.exp(0.3 * rng.normal()) * 100) / 100);
        }
      }
    });
    const result = runRfm(transactions(keys, dates, amounts), { ...columns, method: 'KMEANS' });
    expect(result.method).toBe('KMEANS');
    expect(result.k).toBe(4);
    expect([...result.segments.map((s) => s.name)].sort()).toEqual([...RFM_CLUSTER_NAMES].sort());
    const agree = result.keys?.filter((key, i) => result.segments[result.labels[i]].name === kindOf.get(key as string));
    expect(agree?.length).toBe(240);
    expect(result.silhouette).toBeGreaterThan(0.5);
    expect(result.kSelection).toEqual([{ k: 4, inertia: result.inertia, silhouette: result.silhouette }]);
    const top = result.segments.find((s) => s.name === 'Top customers');
    expect(top?.features.map((f) => Math.sign(f.difference as number))).toEqual([-1, 1, 1]);
    expectConsistent(result);
  });

  test('runRfm(table, KMEANS) is deterministic for a seed and works on the fixture', () => {
    const a = runRfm(fixtureTable, { ...columns, method: 'KMEANS', k: 3, seed: 5 });
    const b = runRfm(fixtureTable, { ...columns, method: 'KMEANS', k: 3, seed: 5 });
    expect(b).toEqual(a);
    expect(a.k).toBe(3);
    expectConsistent(a);
  });

  describe('refuses bad input with an InputError', () => {
    const day = (d: number): number => Date.UTC(2024, 0, d);
    const table = transactions(['a', 'b', 'a', 'c'], [day(1), day(2), day(3), day(4)], [10, -5, 20, 3]);
    const cases: [string, Table, object, RegExp][] = [
      ['an unknown column', table, { customerColumn: 'client' }, /^customerColumn: no column "client"/],
      [
        'a date column that is not DATE',
        table,
        { dateColumn: 'amount' },
        /^dateColumn: column "amount" is NUMBER; expected DATE/,
      ],
      ['an unknown method', table, { method: 'RANDOM' }, /^method=RANDOM must be SCORES or KMEANS/],
      ['k < 2', table, { method: 'KMEANS', k: 1 }, /^k=1/],
      ['k above the customers', table, { method: 'KMEANS', k: 4 }, /^k=4 exceeds the 3 customers in the window/],
      [
        'a net refund under KMEANS',
        table,
        { method: 'KMEANS', k: 2 },
        /^amountColumn: customer "b" has a net amount of -5.*method SCORES handles refunds/,
      ],
      [
        'no customer in the window',
        table,
        { asOf: day(1) },
        /^dateColumn: no customer has a transaction in the 24 months before 2024-01-01/,
      ],
    ];
    for (const [what, t, options, message] of cases) {
      test(what, () => {
        expect(() => runRfm(t, { ...columns, ...options })).toThrow(InputError);
        expect(() => runRfm(t, { ...columns, ...options })).toThrow(message);
      });
    }
  });
});
