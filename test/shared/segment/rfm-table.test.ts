import { InputError } from '../../../shared/errors';
import { rfmTable, subtractMonths } from '../../../shared/segment/rfm-table';
import fixture from '../../fixtures/segment/pipeline-rfm.json';

const day = (iso: string): number => Date.parse(iso);

describe('rfmTable', () => {
  test('rfmTable(customers, dates, amounts) computes recency, frequency and monetary by hand', () => {
    // Last transaction 2024-03-10 → asOf 2024-03-11T00:00Z.
    // a: 2024-03-01 (10.5) and 2024-03-10T18:00 (20) → recency 1 day (the date, not the hour, counts), F 2, M 30.5
    // b: 2024-02-20T09:00 (5) and a missing amount → recency 20, F 2, M 5
    const out = rfmTable(
      { codes: Int32Array.of(1, 0, 1, 0), levels: ['a', 'b'] },
      Float64Array.of(day('2024-02-20T09:00Z'), day('2024-03-01Z'), day('2024-02-25Z'), day('2024-03-10T18:00Z')),
      Float64Array.of(5, 10.5, NaN, 20),
    );
    expect(out.asOf).toBe(day('2024-03-11Z'));
    expect(out.windowStart).toBe(day('2022-03-11Z'));
    expect(out.keys).toEqual(['b', 'a']);
    expect(Array.from(out.recency)).toEqual([15, 1]);
    expect(Array.from(out.frequency)).toEqual([2, 2]);
    expect(Array.from(out.monetary)).toEqual([5, 30.5]);
    expect(out.excludedCustomers).toBe(0);
  });

  test('rfmTable(…, { asOf, windowMonths }) counts only [asOf − window, asOf) and excludes customers outside it', () => {
    // asOf 2024-03-11T12:00, 1 month → window from 2024-02-11T12:00. a: 2024-01-01 is before the window; c: after asOf.
    const out = rfmTable(
      { codes: Int32Array.of(0, 0, 1, 2, -1), levels: ['a', 'b', 'c'] },
      Float64Array.of(
        day('2024-01-01Z'),
        day('2024-03-01Z'),
        day('2024-02-11T11:00Z'),
        day('2024-03-12Z'),
        day('2024-03-01Z'),
      ),
      Float64Array.of(1, 2, 3, 4, 5),
      { asOf: day('2024-03-11T12:00Z'), windowMonths: 1 },
    );
    expect(out.keys).toEqual(['a']);
    // from 2024-03-01T00:00 to 2024-03-11T12:00 is 10.5 days → 10 whole days
    expect(Array.from(out.recency)).toEqual([10]);
    expect(Array.from(out.frequency)).toEqual([1]);
    expect(out.excludedCustomers).toBe(2);
    expect(out.skippedRows).toBe(1);
  });

  test('subtractMonths(ms, months) clamps the day to the month’s length, as pd.DateOffset', () => {
    expect(subtractMonths(day('2024-03-31T06:30Z'), 1)).toBe(day('2024-02-29T06:30Z'));
    expect(subtractMonths(day('2024-02-29Z'), 24)).toBe(day('2022-02-28Z'));
    expect(subtractMonths(day('2024-01-15Z'), 13)).toBe(day('2022-12-15Z'));
  });

  test('rfmTable refuses infinite amounts, bad windows and data without dated transactions', () => {
    const customers = { codes: Int32Array.of(0, 0), levels: ['a'] };
    const dates = Float64Array.of(day('2024-01-01Z'), day('2024-01-02Z'));
    expect(() => rfmTable(customers, dates, Float64Array.of(1, Infinity))).toThrow(/row 2 holds an amount of Infinity/);
    expect(() => rfmTable(customers, dates, Float64Array.of(1, 2), { windowMonths: 0 })).toThrow(InputError);
    expect(() => rfmTable(customers, dates, Float64Array.of(1, 2), { windowMonths: 1.5 })).toThrow(/windowMonths=1.5/);
    expect(() => rfmTable(customers, Float64Array.of(NaN, NaN), Float64Array.of(1, 2))).toThrow(/no row has both/);
  });

  describe('matches pandas on the fixture', () => {
    const columns = fixture.table.columns;
    const keys = columns[0].values as (string | null)[];
    const levels = [...new Set(keys.filter((k): k is string => k !== null))];
    const codes = Int32Array.from(keys, (k) => (k === null ? -1 : levels.indexOf(k)));
    const dates = Float64Array.from(columns[1].values as (number | null)[], (v) => v ?? NaN);
    const amounts = Float64Array.from(columns[2].values as (number | null)[], (v) => v ?? NaN);
    for (const c of fixture.cases) {
      test(`rfmTable(…, { asOf: ${c.asOf}, windowMonths: ${c.windowMonths} }) equals the groupby recipe`, () => {
        const out = rfmTable({ codes, levels }, dates, amounts, {
          asOf: c.asOf ?? undefined,
          windowMonths: c.windowMonths,
        });
        expect(out.asOf).toBe(c.expectedAsOf);
        expect(out.windowStart).toBe(c.expectedWindowStart);
        expect(out.excludedCustomers).toBe(c.excludedCustomers);
        expect(out.skippedRows).toBe(c.skippedRows);
        expect(out.keys).toEqual(c.keys);
        expect(Array.from(out.recency)).toEqual(c.recency);
        expect(Array.from(out.frequency)).toEqual(c.frequency);
        out.monetary.forEach((m, i) => expect(m).toBeCloseTo(c.monetary[i], 10));
      });
    }
  });
});
