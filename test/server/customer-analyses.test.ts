import { randomUUID } from 'node:crypto';
import cohortFixture from '../fixtures/cohort/cohorts.json';
import type { RunningServer } from '../../server/bootstrap';
import { customersDataset } from '../../server/demo/customers';
import { SegmentationEntity } from '../../server/storage/entities/segmentation.entity';
import { WorkspaceEntity } from '../../server/storage/entities/workspace.entity';
import { correlations } from '../../shared/correlation/correlations';
import { tableFromCells } from '../../shared/table/from-cells';
import { backends, closeTestServer, datasetId, gql, openTestServer, type TestStorage } from './helpers/server';

const CORRELATIONS = `query($input: CorrelationInput!) { correlations(input: $input) {
  method columns matrix pValues pairRows rows warnings target { column r pValue rows } } }`;
const COHORTS = `query($input: CohortInput!) { cohorts(input: $input) {
  period customers rows skippedRows warnings cohorts { start customers active retention revenue } } }`;
const SEGMENT = `mutation($input: SegmentInput!) { segment(input: $input) {
  id k labels stability warnings segments { label name stability } } }`;
const ASSIGN = `mutation($input: AssignSegmentsInput!) { assignSegments(input: $input) {
  rows labels names distances keys warnings } }`;
const CUSTOMER_FEATURES = {
  features: ['minutes_watched', 'clv', 'region', 'channel'],
  categorical: ['region', 'channel'],
  logTransform: ['clv'],
  missing: 'MEAN',
  k: 8,
  restarts: 3,
  keyColumn: 'customer_id',
};
/** A run on six inline rows, for the error cases. */
const SMALL_RUN = {
  table: { header: ['clv'], rows: [[1], [2], [3], [50], [51], [52]] },
  features: ['clv'],
  k: 2,
};

describe.each(backends())('customer analyses over HTTP on %s', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;
  let customers: string;

  beforeAll(async () => {
    ({ storage, server } = await openTestServer(backend, { seedDemo: true }));
    customers = await datasetId(server.url, 'Customers');
  });
  afterAll(() => closeTestServer(server, storage));

  const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0].extensions?.code;

  describe('correlations', () => {
    it('gives the demo customers’ matrix and CLV table exactly as the core computes it', async () => {
      const options = { columns: ['clv', 'minutes_watched', 'region', 'channel'], categorical: ['region', 'channel'] };
      const res = await gql(server.url, CORRELATIONS, { input: { datasetId: customers, ...options, target: 'clv' } });
      expect(res.errors).toBeUndefined();
      const report = res.data!.correlations;
      const demo = customersDataset();
      const expected = correlations(tableFromCells(demo.header, demo.rows), { ...options, target: 'clv' });
      expect(report.columns).toEqual(expected.columns);
      expect(report.columns).toContain('channel=2');
      expect(report.matrix).toEqual(expected.matrix);
      expect(report.pValues).toEqual(expected.pValues);
      expect(report.rows).toBe(6000);
      // minutes_watched has missing values: its pairs use fewer rows.
      expect(report.pairRows[0][1]).toBeLessThan(6000);
      const strengths = report.target.map((t: { r: number }) => Math.abs(t.r));
      expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    });

    it('answers SPEARMAN on an inline table with a constant column as null plus a warning', async () => {
      const table = {
        header: ['a', 'b', 'flat'],
        rows: [
          [1, 10, 5],
          [2, 30, 5],
          [3, 20, 5],
          [4, 40, 5],
        ],
      };
      const res = await gql(server.url, CORRELATIONS, {
        input: { table, columns: ['a', 'b', 'flat'], method: 'SPEARMAN' },
      });
      expect(res.errors).toBeUndefined();
      // Ranks a = 1..4, b = 1, 3, 2, 4: d² = 0 + 1 + 1 + 0 = 2, rs = 1 − 6·2 / (4·15) = 0.8.
      expect(res.data!.correlations.matrix[0][1]).toBeCloseTo(0.8, 14);
      expect(res.data!.correlations.matrix[2]).toEqual([null, null, null]);
      expect(res.data!.correlations.warnings[0]).toMatch(/column "flat" is constant/);
    });

    it('refuses an unknown column and an unknown target, naming them', async () => {
      const bad = await gql(server.url, CORRELATIONS, { input: { datasetId: customers, columns: ['clv', 'ltv'] } });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].message).toMatch(/"ltv"/);
      const target = await gql(server.url, CORRELATIONS, {
        input: { datasetId: customers, columns: ['clv', 'region'], categorical: ['region'], target: 'region=9' },
      });
      expect(codeOf(target)).toBe('BAD_USER_INPUT');
      expect(target.errors![0].message).toMatch(/target: "region=9"/);
    });
  });

  describe('cohorts', () => {
    it('gives the demo transactions’ monthly cohorts as pandas does', async () => {
      const id = await datasetId(server.url, 'Transactions');
      const res = await gql(server.url, COHORTS, {
        input: { datasetId: id, customerColumn: 'customer_id', dateColumn: 'date', amountColumn: 'amount' },
      });
      expect(res.errors).toBeUndefined();
      const report = res.data!.cohorts;
      const pandas = cohortFixture.cases.find((c) => c.name === 'demo-month')!.expected;
      expect(report.period).toBe('MONTH');
      expect(report.rows).toBe(pandas.rows);
      expect(report.cohorts.map((c: { start: string; active: number[] }) => [c.start, c.active])).toEqual(
        pandas.cohorts.map((c) => [c.start, c.active]),
      );
      report.cohorts.forEach((c: { revenue: number[] }, i: number) =>
        c.revenue.forEach((r, j) => expect(r).toBeCloseTo(pandas.cohorts[i].revenue![j], 6)),
      );
    });

    it('counts inline rows without a customer or a date in a warning', async () => {
      const table = {
        header: ['who', 'when'],
        rows: [
          ['a', '2025-01-03'],
          ['b', '2025-02-10'],
          [null, '2025-02-11'],
          ['a', null],
          ['a', '2025-02-01'],
        ],
      };
      const res = await gql(server.url, COHORTS, {
        input: { table, customerColumn: 'who', dateColumn: 'when', period: 'WEEK', periods: 3 },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.cohorts.skippedRows).toBe(2);
      expect(res.data!.cohorts.warnings).toEqual([
        '2 of 5 rows left out: 1 without a customer ("who"), 1 without a date ("when")',
      ]);
      expect(res.data!.cohorts.cohorts[0]).toEqual({
        start: '2024-12-30',
        customers: 1,
        active: [1, 0, 0],
        retention: [1, 0, 0],
        revenue: null,
      });
    });

    it('refuses a date column that holds no dates, and periods < 1, naming them', async () => {
      const id = await datasetId(server.url, 'Transactions');
      const input = { datasetId: id, customerColumn: 'customer_id', dateColumn: 'amount' };
      const res = await gql(server.url, COHORTS, { input });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toBe('dateColumn: column "amount" is NUMBER; expected DATE');
      const periods = await gql(server.url, COHORTS, { input: { ...input, dateColumn: 'date', periods: 0 } });
      expect(codeOf(periods)).toBe('BAD_USER_INPUT');
      expect(periods.errors![0].message).toMatch(/^periods=0/);
    });
  });

  describe('segment stability', () => {
    // Three tight blobs of 20 rows: every segment comes back in every resample.
    const blobs = {
      header: ['x', 'y'],
      rows: Array.from({ length: 60 }, (_, i) => [(i % 3) * 50 + (i % 7) * 0.1, (i % 3) * 30 + (i % 5) * 0.1]),
    };

    it('stores per-segment and overall stability with the run', async () => {
      const res = await gql(server.url, SEGMENT, {
        input: { table: blobs, features: ['x', 'y'], k: 3, stabilityResamples: 10 },
      });
      expect(res.errors).toBeUndefined();
      const run = res.data!.segment;
      for (const s of run.segments) expect(s.stability).toBe(1);
      expect(run.stability).toBe(1);
      const again = await gql(server.url, `{ segmentation(id: "${run.id}") { stability segments { stability } } }`);
      expect(again.data!.segmentation).toEqual({ stability: 1, segments: run.segments.map(() => ({ stability: 1 })) });
    });

    it('is null when not asked for, and refuses a negative count', async () => {
      const off = await gql(server.url, SEGMENT, { input: { table: blobs, features: ['x', 'y'], k: 3 } });
      expect(off.data!.segment.stability).toBeNull();
      const bad = await gql(server.url, SEGMENT, {
        input: { table: blobs, features: ['x', 'y'], k: 3, stabilityResamples: -5 },
      });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].message).toMatch(/^stabilityResamples=-5/);
    });
  });

  describe('assignSegments', () => {
    let run: { id: string; labels: (number | null)[]; segments: { label: number; name: string }[] };
    beforeAll(async () => {
      const res = await gql(server.url, SEGMENT, { input: { datasetId: customers, ...CUSTOMER_FEATURES } });
      expect(res.errors).toBeUndefined();
      run = res.data!.segment;
    });

    it('puts the run’s own rows back into the segments it gave them, with names', async () => {
      const res = await gql(server.url, ASSIGN, {
        input: { segmentationId: run.id, datasetId: customers, keyColumn: 'customer_id' },
      });
      expect(res.errors).toBeUndefined();
      const assignment = res.data!.assignSegments;
      expect(assignment.rows).toBe(6000);
      expect(assignment.labels).toEqual(run.labels);
      const names = new Map(run.segments.map((s) => [s.label, s.name]));
      expect(assignment.names).toEqual(run.labels.map((l) => names.get(l!)));
      expect(assignment.keys[0]).toBe('CUS-100001');
      expect(assignment.distances.every((d: number) => d >= 0)).toBe(true);
    });

    it('places inline rows, warns about an unseen channel and fills a missing minute count with the run’s mean', async () => {
      const table = {
        header: ['customer_id', 'minutes_watched', 'clv', 'region', 'channel'],
        rows: [
          ['NEW-1', 600, 90, 2, 1],
          ['NEW-2', null, 1300, 0, 3],
          ['NEW-3', 200, 250, 1, 9],
        ],
      };
      const res = await gql(server.url, ASSIGN, { input: { segmentationId: run.id, table, keyColumn: 'customer_id' } });
      expect(res.errors).toBeUndefined();
      const assignment = res.data!.assignSegments;
      expect(assignment.keys).toEqual(['NEW-1', 'NEW-2', 'NEW-3']);
      expect(assignment.labels.every((l: number | null) => l !== null)).toBe(true);
      expect(assignment.warnings).toContainEqual(
        'missing values filled as the run filled them (missing = MEAN): "minutes_watched" (1)',
      );
      expect(assignment.warnings).toContainEqual(
        'column "channel": "9" (1 row) never seen in the run; such rows count as no level of "channel"',
      );
    });

    it('names every feature column the new rows lack', async () => {
      const table = { header: ['customer_id', 'clv'], rows: [['X', 10]] };
      const res = await gql(server.url, ASSIGN, { input: { segmentationId: run.id, table } });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/lack the columns "minutes_watched", "region", "channel"/);
      const transactions = await datasetId(server.url, 'Transactions');
      const stored = await gql(server.url, ASSIGN, { input: { segmentationId: run.id, datasetId: transactions } });
      expect(codeOf(stored)).toBe('BAD_USER_INPUT');
      expect(stored.errors![0].message).toMatch(/lack the columns "minutes_watched", "clv", "region", "channel"/);
    });

    it('says NOT_FOUND for an unknown run and for another workspace’s run', async () => {
      const table = { header: ['clv'], rows: [[1]] };
      const unknown = await gql(server.url, ASSIGN, { input: { segmentationId: randomUUID(), table } });
      expect(codeOf(unknown)).toBe('NOT_FOUND');

      const copy = await gql(server.url, SEGMENT, { input: SMALL_RUN });
      const other = randomUUID();
      // Writes go through transactions (on SQLite they run on the writing connection).
      await server.dataSource.transaction(async (m) => {
        await m.insert(WorkspaceEntity, { id: other, name: 'Other', createdAt: new Date().toISOString() });
        await m.update(SegmentationEntity, { id: copy.data!.segment.id }, { workspaceId: other });
      });
      const foreign = await gql(server.url, ASSIGN, { input: { segmentationId: copy.data!.segment.id, table } });
      expect(codeOf(foreign)).toBe('NOT_FOUND');
    });

    it('explains that a run stored before runs kept their model cannot take new rows', async () => {
      const old = await gql(server.url, SEGMENT, { input: SMALL_RUN });
      const id = old.data!.segment.id;
      await server.dataSource.transaction((m) => m.update(SegmentationEntity, { id }, { model: null }));
      const res = await gql(server.url, ASSIGN, { input: { segmentationId: id, table: SMALL_RUN.table } });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(
        /stored before runs kept their preprocessing and centroids.*run segment again/,
      );
    });

    it('refuses an RFM run', async () => {
      const transactions = await datasetId(server.url, 'Transactions');
      const rfm = await gql(
        server.url,
        `mutation { rfm(input: { datasetId: "${transactions}", customerColumn: "customer_id", dateColumn: "date", amountColumn: "amount" }) { id } }`,
      );
      const res = await gql(server.url, ASSIGN, {
        input: { segmentationId: rfm.data!.rfm.id, datasetId: transactions },
      });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/is an RFM run/);
    });
  });
});
