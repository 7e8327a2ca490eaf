import { AnalysisPool } from '../../../server/pool/analysis-pool';
import { inputCells, reportAnalyses, type ReportName } from '../../../server/pool/report-analyses';
import { SLICE_LENGTH } from '../../../server/pool/sliced-arrays';
import type { NumberColumn, Table } from '../../../shared/table/types';
import { COMMERCE_REPORTS, commerceTable } from '../../../bench/commerce-events';

/** More rows than one slice, so the TEXT user ids cross to the worker in slices. */
const ROWS = SLICE_LENGTH + 10_000;
const events = (): Table => commerceTable(ROWS, 9000);
const costs = (): Table => ({
  rowCount: 3,
  columns: [
    { name: 'channel', type: 'TEXT', values: ['Google', 'Meta', 'Email'] },
    { name: 'spend', type: 'NUMBER', values: Float64Array.of(12_000, 8000, 900) },
  ],
});

/** Each report's arguments, built afresh per call: the pool moves the typed arrays it is handed. */
const cases: { [N in ReportName]: () => Parameters<(typeof reportAnalyses)[N]>[0] } = {
  funnel: () => ({ events: events(), options: { ...COMMERCE_REPORTS.funnel, breakdownColumn: 'device' } }),
  channels: () => ({
    users: events(),
    options: { ...COMMERCE_REPORTS.channels, costs: { channelColumn: 'channel', spendColumn: 'spend' } },
    costs: costs(),
  }),
  experiment: () => ({
    table: events(),
    options: { ...COMMERCE_REPORTS.experiment, segmentColumns: ['device'], sequential: true },
  }),
  periodComparison: () => ({ table: events(), options: COMMERCE_REPORTS.periodComparison }),
  correlations: () => ({
    table: events(),
    options: { ...COMMERCE_REPORTS.correlations, method: 'SPEARMAN', target: 'revenue' },
  }),
  cohorts: () => ({ table: events(), options: COMMERCE_REPORTS.cohorts }),
};

describe('the reports in the worker pool', () => {
  let pool: AnalysisPool;
  beforeAll(() => {
    pool = new AnalysisPool({ threads: 1, minRows: Infinity, minCells: 1000 });
  });
  afterAll(() => pool.close());

  test.each(Object.keys(cases) as ReportName[])(
    'run(%s) in a worker gives exactly the report computed on the event loop',
    async (name) => {
      const run = reportAnalyses[name] as (args: unknown) => unknown;
      const expected = run(cases[name]());
      const args = cases[name]();
      const before = pool.stats.completed;
      const pooled = await pool.run(name, args as never, { rows: 0, cells: inputCells(args) });
      expect(pool.stats.completed).toBe(before + 1);
      expect(pooled).toEqual(expected);
    },
  );

  test('the tables’ typed arrays move to the worker; a report under minCells runs in place and keeps them', async () => {
    const args = cases.funnel();
    const time = args.events.columns[2] as unknown as NumberColumn;
    await pool.run('funnel', args, { rows: 0, cells: inputCells(args) });
    expect(time.values.byteLength).toBe(0);

    const small = { ...cases.funnel(), events: commerceTable(50, 10) };
    const smallTime = small.events.columns[2] as unknown as NumberColumn;
    const before = pool.stats.completed;
    const report = await pool.run('funnel', small, { rows: 0, cells: inputCells(small) });
    expect(inputCells(small)).toBe(500);
    expect(report.steps).toHaveLength(4);
    expect(pool.stats.completed).toBe(before);
    expect(smallTime.values.byteLength).toBe(50 * 8);
  });

  test('an InputError of a report in the worker arrives as the same InputError', async () => {
    const args = cases.cohorts();
    const bad = { ...args, options: { ...args.options, dateColumn: 'revenue' } };
    const inline = (() => {
      try {
        reportAnalyses.cohorts({ ...cases.cohorts(), options: bad.options });
      } catch (error) {
        return error as Error & { field?: string };
      }
      throw new Error('cohorts accepted a NUMBER date column');
    })();
    await expect(pool.run('cohorts', bad, { rows: 0, cells: inputCells(bad) })).rejects.toMatchObject({
      name: 'InputError',
      message: inline.message,
      field: inline.field,
    });
  });
});
