import type { RunningServer } from '../../server/bootstrap';
import { transactionsDataset } from '../../server/demo/transactions';
import { RFM_CLUSTER_NAMES, RFM_SEGMENTS } from '../../shared/segment/rfm-names';
import { runRfm } from '../../shared/segment/rfm';
import type { RfmOptions, RfmResult } from '../../shared/segment/types';
import { tableFromCells } from '../../shared/table/from-cells';
import { backends, datasetId, gql, type TestStorage, openTestServer, closeTestServer } from './helpers/server';

const RUN_FIELDS = `
  id name kind method datasetId k rowCount labels silhouette inertia recommendedK recommendationReason warnings
  featureNames asOf windowStart windowMonths excludedCustomers dendrogram { id }
  kSelection { k inertia silhouette }
  segments {
    label name size share isOutlier silhouette recency frequency monetary rScore fScore mScore
    features { name mean overallMean difference }
    categories { column level share overallShare }
  }`;
const RFM = `mutation($input: RfmInput!) { rfm(input: $input) { ${RUN_FIELDS} } }`;
const MEMBERS = `query($id: ID!, $segment: Int, $first: Int, $after: String) {
  segmentation(id: $id) {
    members(segment: $segment, first: $first, after: $after) {
      totalCount
      edges { node { row key label segment recency frequency monetary rScore fScore mScore } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
const COLUMNS = { customerColumn: 'customer_id', dateColumn: 'date', amountColumn: 'amount' };
const DAY_MS = 86_400_000;

interface RfmSegment {
  label: number;
  name: string;
  size: number;
  share: number;
  isOutlier: boolean;
  silhouette: number | null;
  recency: number;
  frequency: number;
  monetary: number;
  rScore: number;
  fScore: number;
  mScore: number;
  features: unknown[];
  categories: unknown[];
}
interface Run {
  id: string;
  k: number;
  rowCount: number;
  labels: (number | null)[];
  segments: RfmSegment[];
  [field: string]: unknown;
}
interface Member {
  row: number;
  key: string;
  label: number | null;
  segment: string | null;
  recency: number;
  frequency: number;
  monetary: number;
  rScore: number;
  fScore: number;
  mScore: number;
}
interface MemberPage {
  totalCount: number;
  edges: { node: Member }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const demo = transactionsDataset();
const transactions = tableFromCells(demo.header, demo.rows);
const coreRuns = new Map<string, RfmResult>();
/** runRfm on the demo transactions, once per options for every backend. */
function core(options: Omit<RfmOptions, keyof typeof COLUMNS>): RfmResult {
  const key = JSON.stringify(options);
  if (!coreRuns.has(key)) coreRuns.set(key, runRfm(transactions, { ...COLUMNS, ...options }));
  return coreRuns.get(key)!;
}

/** Each segment holds the core's segment field for field, plus the RFM means (checked against the members). */
function expectSegmentsOfCore(run: Run, expected: RfmResult): void {
  expect(run.segments).toEqual(expected.segments.map((s) => expect.objectContaining(s)));
  expect(run.segments).toHaveLength(expected.segments.length);
}

/** labels partition the customers; every customer is in a segment; shares sum to 1. */
function expectPartition(run: Run): void {
  expect(run.labels).toHaveLength(run.rowCount);
  expect(run.labels.every((label) => label !== null && label >= 0 && label < run.k)).toBe(true);
  for (const s of run.segments) expect(s.size).toBe(run.labels.filter((label) => label === s.label).length);
  expect(run.segments.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
  expect(new Set(run.segments.map((s) => s.name)).size).toBe(run.segments.length);
}

describe.each(backends())('rfm over HTTP on %s', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;
  let dataset: string;

  beforeAll(async () => {
    ({ storage, server } = await openTestServer(backend, { seedDemo: true }));
    dataset = await datasetId(server.url, 'Transactions');
  });
  afterAll(() => closeTestServer(server, storage));

  async function rfm(input: Record<string, unknown>): Promise<Run> {
    const res = await gql(server.url, RFM, { input });
    expect(res.errors).toBeUndefined();
    return res.data!.rfm as Run;
  }

  async function allMembers(id: string, first: number): Promise<Member[]> {
    const members: Member[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await gql<{ segmentation: { members: MemberPage } }>(server.url, MEMBERS, { id, first, after });
      expect(res.errors).toBeUndefined();
      const page: MemberPage = res.data!.segmentation.members;
      members.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) {
        expect(members).toHaveLength(page.totalCount);
        return members;
      }
      after = page.pageInfo.endCursor;
    }
  }

  async function storedCounts(): Promise<[number, number]> {
    const [runs] = await server.dataSource.query('SELECT COUNT(*) AS n FROM segmentation');
    const [arrays] = await server.dataSource.query('SELECT COUNT(*) AS n FROM segmentation_array');
    return [Number(runs.n), Number(arrays.n)];
  }

  describe('SCORES on the demo transactions', () => {
    let run: Run;
    let members: Member[];
    beforeAll(async () => {
      run = await rfm({ datasetId: dataset, name: 'RFM scores', ...COLUMNS });
      members = await allMembers(run.id, 1000);
    });

    it('names the customers’ segments from the R×F map, as runRfm does on the same table', () => {
      const expected = core({});
      expect(run).toMatchObject({
        name: 'RFM scores',
        kind: 'RFM',
        method: 'SCORES',
        datasetId: dataset,
        k: expected.k,
        rowCount: expected.rowCount,
        silhouette: null,
        inertia: null,
        recommendedK: null,
        recommendationReason: expected.recommendationReason,
        warnings: expected.warnings,
        featureNames: ['recency', 'frequency', 'monetary'],
        // the day after the last purchase (2026-10-31), and 24 calendar months before it
        asOf: '2026-11-01T00:00:00.000Z',
        windowStart: '2024-11-01T00:00:00.000Z',
        windowMonths: 24,
        excludedCustomers: expected.excludedCustomers,
        kSelection: [],
        dendrogram: null,
      });
      expect(run.labels).toEqual(Array.from(expected.labels));
      expectSegmentsOfCore(run, expected);
      expect(run.segments.every((s) => (RFM_SEGMENTS as readonly string[]).includes(s.name))).toBe(true);
      expectPartition(run);
    });

    it('members page through every customer once with key, recency, frequency, monetary and R/F/M scores', () => {
      const expected = core({});
      expect(members).toHaveLength(expected.rowCount);
      expect(members.map((m) => m.row)).toEqual(Array.from({ length: expected.rowCount }, (_, i) => i));
      members.forEach((m, i) => {
        expect(m).toEqual({
          row: i,
          key: expected.customers.keys[i],
          label: expected.labels[i],
          segment: run.segments[expected.labels[i]].name,
          recency: expected.customers.recency[i],
          frequency: expected.customers.frequency[i],
          monetary: expected.customers.monetary[i],
          rScore: expected.scores.r[i],
          fScore: expected.scores.f[i],
          mScore: expected.scores.m[i],
        });
      });
    });

    it('members’ R, F, M follow from the raw transactions of the window', () => {
      const asOf = Date.UTC(2026, 10, 1);
      const windowStart = Date.UTC(2024, 10, 1);
      for (const m of members.slice(0, 25)) {
        const rows = demo.rows
          .filter((r) => r[0] === m.key)
          .map((r) => ({ at: Date.parse(r[1] as string), amount: r[2] as number }));
        const inWindow = rows.filter((r) => r.at >= windowStart && r.at < asOf);
        expect(m.frequency).toBe(inWindow.length);
        expect(m.monetary).toBeCloseTo(
          inWindow.reduce((sum, r) => sum + r.amount, 0),
          8,
        );
        expect(m.recency).toBe((asOf - Math.max(...inWindow.map((r) => r.at))) / DAY_MS);
      }
    });

    it('segments carry the mean recency, frequency, monetary and scores of their members', () => {
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      for (const s of run.segments) {
        const mine = members.filter((m) => m.label === s.label);
        for (const field of ['recency', 'frequency', 'monetary', 'rScore', 'fScore', 'mScore'] as const) {
          expect(s[field]).toBeCloseTo(mean(mine.map((m) => m[field])), 8);
        }
      }
    });

    it('an explicit asOf of the same instant gives the same run, and is read back as stored', async () => {
      const again = await rfm({ datasetId: dataset, ...COLUMNS, asOf: '2026-11-01' });
      expect(again.labels).toEqual(run.labels);
      expect(again.segments).toEqual(run.segments);
      const read = await gql(server.url, `query($id: ID!) { segmentation(id: $id) { ${RUN_FIELDS} } }`, { id: run.id });
      expect(read.data!.segmentation).toEqual(run);
      const list = await gql(server.url, 'query($d: ID) { segmentations(datasetId: $d) { id kind } }', { d: dataset });
      expect(list.data!.segmentations).toEqual([
        { id: again.id, kind: 'RFM' },
        { id: run.id, kind: 'RFM' },
      ]);
    });
  });

  it('KMEANS with k 4 gives four named clusters with runRfm’s silhouette and inertia', async () => {
    const run = await rfm({ datasetId: dataset, ...COLUMNS, method: 'KMEANS', k: 4 });
    const expected = core({ method: 'KMEANS', k: 4 });
    expect(run).toMatchObject({
      kind: 'RFM',
      method: 'KMEANS',
      k: 4,
      silhouette: expected.silhouette,
      inertia: expected.inertia,
      kSelection: expected.kSelection,
      dendrogram: null,
    });
    expect(run.labels).toEqual(Array.from(expected.labels));
    expectSegmentsOfCore(run, expected);
    expect([...run.segments.map((s) => s.name)].sort()).toEqual([...RFM_CLUSTER_NAMES].sort());
    expectPartition(run);
    const members = await allMembers(run.id, 1000);
    expect(members.every((m) => m.key !== null && m.segment === run.segments[m.label!].name)).toBe(true);
  });

  it('asOf without an offset is UTC, and the window is windowMonths calendar months before it', async () => {
    const run = await rfm({ datasetId: dataset, ...COLUMNS, asOf: '2025-12-31T12:00', windowMonths: 6 });
    const expected = core({ asOf: Date.UTC(2025, 11, 31, 12), windowMonths: 6 });
    expect(run).toMatchObject({
      asOf: '2025-12-31T12:00:00.000Z',
      windowStart: '2025-06-30T12:00:00.000Z',
      windowMonths: 6,
      rowCount: expected.rowCount,
      excludedCustomers: expected.excludedCustomers,
    });
    expect(run.labels).toEqual(Array.from(expected.labels));
  });

  it('rfm takes an inline table of transactions', async () => {
    // a: 2026-01-01 (10) and 2026-01-10 (5) → recency 1 day to 2026-01-11, frequency 2, monetary 15;
    // b: 2026-01-05 (20) → recency 6, frequency 1, monetary 20.
    const table = {
      header: ['customer', 'day', 'spent'],
      rows: [
        ['a', '2026-01-01', 10],
        ['b', '2026-01-05', 20],
        ['a', '2026-01-10', 5],
      ],
    };
    const run = await rfm({
      table,
      customerColumn: 'customer',
      dateColumn: 'day',
      amountColumn: 'spent',
      asOf: '2026-01-11',
    });
    expect(run.datasetId).toBeNull();
    const members = await allMembers(run.id, 10);
    expect(members.map(({ key, recency, frequency, monetary }) => ({ key, recency, frequency, monetary }))).toEqual([
      { key: 'a', recency: 1, frequency: 2, monetary: 15 },
      { key: 'b', recency: 6, frequency: 1, monetary: 20 },
    ]);
  });

  describe('refuses bad input with BAD_USER_INPUT naming the problem, and stores nothing', () => {
    async function expectRefused(change: Record<string, unknown>, message: string | RegExp): Promise<void> {
      const before = await storedCounts();
      const res = await gql(server.url, RFM, { input: { datasetId: dataset, ...COLUMNS, ...change } });
      expect(res.data?.rfm ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(message);
      expect(await storedCounts()).toEqual(before);
    }

    it('an asOf that is not a date', () =>
      expectRefused({ asOf: 'yesterday' }, 'asOf: "yesterday" is not an ISO 8601 date such as "2026-11-01"'));
    it('an asOf naming a day that does not exist', () =>
      expectRefused({ asOf: '2026-02-30' }, 'asOf: "2026-02-30" names a day that does not exist'));
    it('an asOf before every transaction', () =>
      expectRefused(
        { asOf: '2020-01-01' },
        /^dateColumn: no customer has a transaction in the 24 months before 2020-01-01/,
      ));
    it('windowMonths 0', () => expectRefused({ windowMonths: 0 }, /^windowMonths=0 must be a whole number of months/));
    it('an amount column that is a date', () =>
      expectRefused({ amountColumn: 'date' }, 'amountColumn: column "date" is DATE; expected NUMBER'));
    it('an unknown customer column', () =>
      expectRefused({ customerColumn: 'client' }, /^dataset "Transactions" has no column "client"/));
    it('k above the customers for KMEANS', () =>
      expectRefused({ method: 'KMEANS', k: 5000 }, /^k=5000 exceeds the \d+ customers in the window/));
    it('k < 2', () => expectRefused({ method: 'KMEANS', k: 1 }, /^k=1 must be a whole number of segments, at least 2/));
    it('both datasetId and table', () =>
      expectRefused(
        { table: { header: ['customer_id'], rows: [['a']] } },
        'input: give exactly one of datasetId and table',
      ));
  });
});
