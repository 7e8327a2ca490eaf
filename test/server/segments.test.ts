import type { RunningServer } from '../../server/bootstrap';
import { CRM_BOT_ACCOUNTS, crmUsageDataset } from '../../server/demo/crm-usage';
import { customersDataset } from '../../server/demo/customers';
import { DEFAULT_WORKSPACE_ID } from '../../server/storage/entities/workspace.entity';
import { elbowK } from '../../shared/segment/elbow';
import { runSegmentation } from '../../shared/segment/segment';
import type { SegmentationResult, SegmentOptions } from '../../shared/segment/types';
import { tableFromCells } from '../../shared/table/from-cells';
import {
  backends,
  datasetId,
  gql,
  startTestServer,
  type TestStorage,
  openTestServer,
  closeTestServer,
} from './helpers/server';

const RUN_FIELDS = `
  id name kind method datasetId createdAt k rowCount labels silhouette inertia recommendedK recommendationReason
  elbowK warnings droppedRows outlierRows featureNames
  kSelection { k inertia silhouette }
  segments {
    label name size share isOutlier silhouette
    features { name mean overallMean difference }
    categories { column level share overallShare }
  }`;
const SEGMENT = `mutation($input: SegmentInput!) { segment(input: $input) { ${RUN_FIELDS} } }`;
const READ = `query($id: ID!) { segmentation(id: $id) { ${RUN_FIELDS} } }`;
const MEMBERS = `query($id: ID!, $segment: Int, $first: Int, $after: String) {
  segmentation(id: $id) {
    members(segment: $segment, first: $first, after: $after) {
      totalCount
      edges { cursor node { row key label segment recency frequency monetary rScore fScore mScore } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const CRM_FEATURES = ['active_days', 'visualisations', 'exports', 'dashboards', 'conversions', 'ltv'];
const CUSTOMER_OPTIONS = {
  features: ['minutes_watched', 'clv', 'region', 'channel'],
  categorical: ['region', 'channel'],
  missing: 'ZERO' as const,
  k: 8,
};

interface Run {
  id: string;
  k: number;
  rowCount: number;
  labels: (number | null)[];
  droppedRows: number[];
  outlierRows: number[];
  segments: { label: number; name: string; size: number; share: number; isOutlier: boolean }[];
  kSelection: { k: number; inertia: number; silhouette: number | null }[];
  warnings: string[];
  [field: string]: unknown;
}
interface MemberPage {
  totalCount: number;
  edges: { cursor: string; node: MemberNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface MemberNode {
  row: number;
  key: string | null;
  label: number | null;
  segment: string | null;
  [field: string]: unknown;
}

/** labels partition the kept rows into the segments, null exactly for the rows left out; shares sum to 1. */
function expectPartition(run: Run): void {
  expect(run.labels).toHaveLength(run.rowCount);
  const leftOut = [...run.droppedRows, ...run.outlierRows].sort((a, b) => a - b);
  expect(run.labels.flatMap((label, row) => (label === null ? [row] : []))).toEqual(leftOut);
  const inSegments = run.segments.filter((s) => s.label >= 0);
  expect(inSegments.map((s) => s.label)).toEqual(Array.from({ length: run.k }, (_, s) => s));
  for (const s of inSegments) expect(s.size).toBe(run.labels.filter((label) => label === s.label).length);
  const outliers = run.segments.filter((s) => s.label === -1);
  expect(outliers.map((s) => s.size)).toEqual(run.outlierRows.length > 0 ? [run.outlierRows.length] : []);
  expect(run.segments.reduce((sum, s) => sum + s.size, 0)).toBe(run.rowCount - run.droppedRows.length);
  expect(run.segments.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
  expect(new Set(run.segments.map((s) => s.name)).size).toBe(run.segments.length);
}

/** The figures a run reports over HTTP are those of runSegmentation on the same table. */
function expectSameAsCore(run: Run, expected: SegmentationResult): void {
  expect(run.k).toBe(expected.k);
  expect(run.rowCount).toBe(expected.rowCount);
  expect(run.silhouette).toBe(expected.silhouette);
  expect(run.inertia).toBe(expected.inertia);
  expect(run.recommendedK).toBe(expected.recommendedK);
  expect(run.recommendationReason).toBe(expected.recommendationReason);
  expect(run.labels).toEqual(Array.from(expected.labels, (label) => (label < 0 ? null : label)));
  expect(run.segments).toEqual(expected.segments);
  expect(run.featureNames).toEqual(expected.featureNames);
  expect(run.warnings).toEqual(expected.warnings);
  expect(run.droppedRows).toEqual(expected.droppedRows);
  expect(run.outlierRows).toEqual(expected.outlierRows);
}

const crmDemo = crmUsageDataset();
const crmTable = tableFromCells(crmDemo.header, crmDemo.rows);
const customersDemo = customersDataset();
const customersTable = tableFromCells(customersDemo.header, customersDemo.rows);
const coreRuns = new Map<string, SegmentationResult>();
/** runSegmentation on the demo table, once per options for every backend. */
function core(table: 'crm' | 'customers', options: SegmentOptions): SegmentationResult {
  const key = `${table} ${JSON.stringify(options)}`;
  if (!coreRuns.has(key)) coreRuns.set(key, runSegmentation(table === 'crm' ? crmTable : customersTable, options));
  return coreRuns.get(key)!;
}

describe.each(backends())('segment, segmentation, segmentations over HTTP on %s', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;
  let crm: string;
  let customers: string;

  beforeAll(async () => {
    ({ storage, server } = await openTestServer(backend, { seedDemo: true }));
    crm = await datasetId(server.url, 'CRM usage');
    customers = await datasetId(server.url, 'Customers');
  });
  afterAll(() => closeTestServer(server, storage));

  async function segment(input: Record<string, unknown>): Promise<Run> {
    const res = await gql(server.url, SEGMENT, { input });
    expect(res.errors).toBeUndefined();
    return res.data!.segment as Run;
  }

  async function storedCounts(): Promise<[number, number]> {
    const [runs] = await server.dataSource.query('SELECT COUNT(*) AS n FROM segmentation');
    const [arrays] = await server.dataSource.query('SELECT COUNT(*) AS n FROM segmentation_array');
    return [Number(runs.n), Number(arrays.n)];
  }

  /** Every member, page by page, following endCursor until hasNextPage is false. */
  async function allMembers(id: string, first: number, segment?: number): Promise<MemberNode[]> {
    const nodes: MemberNode[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await gql<{ segmentation: { members: MemberPage } }>(server.url, MEMBERS, {
        id,
        segment,
        first,
        after,
      });
      expect(res.errors).toBeUndefined();
      const page: MemberPage = res.data!.segmentation.members;
      expect(page.edges.length).toBeLessThanOrEqual(first);
      for (const edge of page.edges) nodes.push(edge.node);
      if (!page.pageInfo.hasNextPage) {
        expect(nodes).toHaveLength(page.totalCount);
        return nodes;
      }
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      after = page.pageInfo.endCursor;
    }
  }

  describe('CRM usage: k by silhouette over 2..7, bots set aside', () => {
    const options: SegmentOptions = {
      features: CRM_FEATURES,
      kMin: 2,
      kMax: 7,
      excludeOutliers: true,
      keyColumn: 'account_id',
    };
    let run: Run;

    beforeAll(async () => {
      run = await segment({ datasetId: crm, name: '  CRM behaviour ', ...options });
    });

    it('finds the 9 bot accounts, sets them aside as one outlier segment and names every segment uniquely', () => {
      // The bots are the accounts with 4,000+ visualisations (the demo draws 4000–9000 for them, far beyond anyone).
      const visualisations = crmDemo.header.indexOf('visualisations');
      const bots = crmDemo.rows.flatMap((row, i) => ((row[visualisations] as number) >= 4000 ? [i] : []));
      expect(bots).toHaveLength(CRM_BOT_ACCOUNTS);
      expect(run.outlierRows).toEqual(bots);
      expect(run).toMatchObject({ name: 'CRM behaviour', kind: 'SEGMENT', method: 'KMEANS', datasetId: crm });
      const outliers = run.segments[run.segments.length - 1];
      expect(outliers).toMatchObject({ label: -1, size: CRM_BOT_ACCOUNTS, isOutlier: true });
      expect(outliers.name).toMatch(/^Outliers/);
      expect(run.segments.slice(0, run.k).every((s) => !s.isOutlier)).toBe(true);
      expect(run.kSelection.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7]);
      expect(run.recommendedK).toBe(run.k);
      expectPartition(run);
    });

    it('reports the figures runSegmentation computes on the same table', () => {
      const expected = core('crm', options);
      expectSameAsCore(run, expected);
      expect(run.kSelection).toEqual(expected.kSelection);
      expect(run.elbowK).toBe(
        elbowK(
          expected.kSelection.map((s) => s.k),
          expected.kSelection.map((s) => s.inertia),
        ),
      );
    });

    it('members visits every account once, in row order, the bots with label null and the outlier segment', async () => {
      const members = await allMembers(run.id, 700);
      expect(members.map((m) => m.row)).toEqual(Array.from({ length: run.rowCount }, (_, i) => i));
      const ids = crmDemo.rows.map((row) => row[0]);
      const outlierName = run.segments[run.segments.length - 1].name;
      for (const m of members) {
        expect(m.key).toBe(ids[m.row]);
        expect(m.label).toBe(run.labels[m.row]);
        expect(m.segment).toBe(m.label === null ? outlierName : run.segments[m.label].name);
        expect(m.recency).toBeNull();
      }
    });

    it('members(segment: -1) lists the bots and members(segment: s) the rows labelled s', async () => {
      const bots = await allMembers(run.id, 4, -1);
      expect(bots.map((m) => m.row)).toEqual(run.outlierRows);
      expect(bots.every((m) => m.label === null)).toBe(true);
      const second = await allMembers(run.id, 1000, 1);
      expect(second.map((m) => m.row)).toEqual(run.labels.flatMap((label, row) => (label === 1 ? [row] : [])));
      expect(second.every((m) => m.segment === run.segments[1].name)).toBe(true);
    });

    it('membershipByKey gives each account its segment name, for funnel and channel joins', async () => {
      const joined = await server.services.segmentations.membershipByKey(DEFAULT_WORKSPACE_ID, run.id);
      expect(joined.keys).toEqual(crmDemo.rows.map((row) => row[0]));
      const outlierName = run.segments[run.segments.length - 1].name;
      expect(joined.values).toEqual(
        run.labels.map((label) => (label === null ? outlierName : run.segments[label].name)),
      );
    });
  });

  describe('Customers: one-hot region and channel, k 8, elbow over 1..10', () => {
    let run: Run;
    const options: SegmentOptions = { ...CUSTOMER_OPTIONS, kMin: 2, kMax: 10 };

    beforeAll(async () => {
      run = await segment({ datasetId: customers, ...CUSTOMER_OPTIONS, kMin: 1, kMax: 10 });
    });

    it('scores k = 1..10 and gives k = 1 the total sum of squares, n·d under STANDARD scaling', () => {
      expect(run.kSelection.map((s) => s.k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      // Each of the d = 13 scaled columns (2 numeric, 3 regions, 8 channels) has population variance 1 over 6000 rows.
      expect(run.featureNames).toHaveLength(13);
      expect(run.kSelection[0].silhouette).toBeNull();
      expect(run.kSelection[0].inertia).toBeCloseTo(6000 * 13, 6);
      const inertias = run.kSelection.map((s) => s.inertia);
      expect(inertias.every((v, i) => i === 0 || v < inertias[i - 1])).toBe(true);
      expect(run.elbowK).toBe(
        elbowK(
          run.kSelection.map((s) => s.k),
          inertias,
        ),
      );
      expect(run.elbowK).toBe(8);
    });

    it('reports the figures runSegmentation computes for k = 8 with the range 2..10 scored', () => {
      const expected = core('customers', options);
      expectSameAsCore(run, expected);
      expect(run.kSelection.slice(1)).toEqual(expected.kSelection);
      expect(run.k).toBe(8);
      expectPartition(run);
      for (const s of run.segments) {
        expect((s as unknown as { categories: unknown[] }).categories.length).toBeGreaterThan(0);
      }
    });

    it('WARD gives SciPy’s linkage as a dendrogram whose top 7 merges cut the rows into the 8 segments', async () => {
      const res = await gql(
        server.url,
        `mutation($input: SegmentInput!) { segment(input: $input) {
           ${RUN_FIELDS}
           top: dendrogram(maxMerges: 7) { id left right distance size leftRow rightRow }
           all: dendrogram(maxMerges: 1000) { id left right distance size leftRow rightRow }
           defaultCount: dendrogram { id }
         } }`,
        { input: { datasetId: customers, ...CUSTOMER_OPTIONS, method: 'WARD' } },
      );
      expect(res.errors).toBeUndefined();
      const ward = res.data!.segment;
      const expected = core('customers', { ...CUSTOMER_OPTIONS, method: 'WARD' });
      expectSameAsCore(ward, expected);
      expectPartition(ward);
      const n = 6000;
      const linkage = expected.linkage!;
      expect(ward.all).toHaveLength(1000);
      expect(ward.defaultCount).toHaveLength(50);
      ward.all.forEach((merge: Record<string, number | null>, j: number) => {
        const index = n - 1 - 1000 + j;
        expect(merge).toEqual({
          id: n + index,
          left: linkage[index * 4],
          right: linkage[index * 4 + 1],
          distance: linkage[index * 4 + 2],
          size: linkage[index * 4 + 3],
          // no row was dropped, so leaf i is input row i
          leftRow: linkage[index * 4] < n ? linkage[index * 4] : null,
          rightRow: linkage[index * 4 + 1] < n ? linkage[index * 4 + 1] : null,
        });
      });
      expect(ward.top).toEqual(ward.all.slice(-7));
      expect(ward.top[6]).toMatchObject({ id: 2 * n - 2, size: n });
      // The clusters the top 7 merges join, but do not make, are fcluster's 8 segments.
      const made = new Set(ward.top.map((m: { id: number }) => m.id));
      const sizeOf = new Map(ward.all.map((m: { id: number; size: number }) => [m.id, m.size]));
      const joined = ward.top
        .flatMap((m: { left: number; right: number }) => [m.left, m.right])
        .filter((id: number) => !made.has(id));
      expect(joined.map((id: number) => (id < n ? 1 : sizeOf.get(id))).sort((a: number, b: number) => b - a)).toEqual(
        ward.segments.map((s: { size: number }) => s.size),
      );
    });
  });

  it('segment takes an inline table (an Excel selection) and returns labels in input order', async () => {
    // Two groups far apart on x and y: rows 0, 2, 4 near (1, 1) and rows 1, 3, 5 near (10, 10).
    const table = {
      header: ['id', 'x', 'y'],
      rows: [
        ['a', 1, 1],
        ['b', 10, 10],
        ['c', 1.2, 0.9],
        ['d', 10.5, 9.8],
        ['e', 0.8, 1.1],
        ['f', 9.7, 10.1],
      ],
    };
    const run = await segment({ table, features: ['x', 'y'], k: 2, keyColumn: 'id' });
    expect(run.datasetId).toBeNull();
    const [a, b] = [run.labels[0], run.labels[1]];
    expect(a).not.toBe(b);
    expect(run.labels).toEqual([a, b, a, b, a, b]);
    expectPartition(run);
    const expected = runSegmentation(tableFromCells(table.header, table.rows), {
      features: ['x', 'y'],
      k: 2,
      keyColumn: 'id',
    });
    expectSameAsCore(run, expected);
    const members = await allMembers(run.id, 4);
    expect(members.map((m) => m.key)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('missing DROP leaves a row out: label null, listed as a member of no segment', async () => {
    const table = { header: ['x'], rows: [[1], [2], [null], [10], [11], [1.5]] };
    const run = await segment({ table, features: ['x'], missing: 'DROP', k: 2 });
    expect(run.droppedRows).toEqual([2]);
    expect(run.labels[2]).toBeNull();
    expect(run.warnings[0]).toBe('1 row with a missing feature value dropped (missing = DROP)');
    expectPartition(run);
    const members = await allMembers(run.id, 100);
    expect(members[2]).toMatchObject({ row: 2, key: null, label: null, segment: null });
    const bad = await gql(server.url, MEMBERS, { id: run.id, segment: -1 });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toBe('segment=-1 is not a label of this segmentation; its labels are 0..1');
  });

  it('stores each run with its workspace, lists runs newest first and reads them back after a restart', async () => {
    const first = await segment({ datasetId: crm, features: ['active_days', 'ltv'], k: 3, name: 'first' });
    const second = await segment({ datasetId: crm, features: ['active_days', 'ltv'], k: 4, name: 'second' });
    const list = await gql(server.url, 'query($d: ID) { segmentations(datasetId: $d) { id name createdAt } }', {
      d: crm,
    });
    const ids = list.data!.segmentations.map((s: { id: string }) => s.id);
    expect(ids.slice(0, 2)).toEqual([second.id, first.id]);
    const times = list.data!.segmentations.map((s: { createdAt: string }) => s.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const everything = await gql(server.url, '{ segmentations { id datasetId } }');
    expect(everything.data!.segmentations.length).toBeGreaterThan(ids.length);
    for (const table of ['segmentation', 'segmentation_array']) {
      const [counts] = await server.dataSource.query(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN workspace_id = '${DEFAULT_WORKSPACE_ID}' THEN 1 ELSE 0 END) AS scoped FROM ${table}`,
      );
      expect(Number(counts.n)).toBeGreaterThan(0);
      expect(Number(counts.scoped)).toBe(Number(counts.n));
    }

    await server.close();
    server = await startTestServer(storage, { seedDemo: true });
    const read = await gql(server.url, READ, { id: second.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.segmentation).toEqual(second);
    const members = await allMembers(second.id, 1000);
    expect(members.map((m) => m.label)).toEqual(second.labels);
  });

  it('deleteDataset deletes the dataset’s runs and their arrays; deleteSegmentation deletes one run', async () => {
    const imported = await gql(server.url, 'mutation($i: ImportDatasetInput!) { importDataset(input: $i) { id } }', {
      i: { name: 'tiny', csv: 'x,y\n1,1\n2,1\n10,9\n11,10\n' },
    });
    const id = imported.data!.importDataset.id;
    const run = await segment({ datasetId: id, features: ['x', 'y'], k: 2 });
    const kept = await segment({ table: { header: ['x'], rows: [[1], [2], [9], [10]] }, features: ['x'], k: 2 });
    const before = await storedCounts();
    await gql(server.url, 'mutation($id: ID!) { deleteDataset(id: $id) }', { id });
    const gone = await gql(server.url, READ, { id: run.id });
    expect(gone.data).toEqual({ segmentation: null });
    const [arrays] = await server.dataSource.query(
      `SELECT COUNT(*) AS n FROM segmentation_array WHERE segmentation_id = '${run.id}'`,
    );
    expect(Number(arrays.n)).toBe(0);
    expect((await storedCounts())[0]).toBe(before[0] - 1);

    const deleted = await gql(server.url, 'mutation($id: ID!) { deleteSegmentation(id: $id) }', { id: kept.id });
    expect(deleted.data).toEqual({ deleteSegmentation: true });
    expect((await gql(server.url, READ, { id: kept.id })).data).toEqual({ segmentation: null });
    const again = await gql(server.url, 'mutation($id: ID!) { deleteSegmentation(id: $id) }', { id: kept.id });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(again.errors?.[0].message).toBe(`Segmentation "${kept.id}" was not found`);
  });

  it('members of a run deleted after it was read is NOT_FOUND', async () => {
    const run = await segment({ table: { header: ['x'], rows: [[1], [2], [9], [10]] }, features: ['x'], k: 2 });
    const stale = await server.services.segmentations.find(DEFAULT_WORKSPACE_ID, run.id);
    await server.services.segmentations.delete(DEFAULT_WORKSPACE_ID, run.id);
    await expect(server.services.segmentations.members(stale!, {})).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });

  describe('refuses bad input with BAD_USER_INPUT naming the problem, and stores nothing', () => {
    const small = {
      header: ['x', 'y'],
      rows: [
        [1, 5],
        [2, 3],
        [3, 8],
      ],
    };

    async function expectRefused(input: Record<string, unknown>, message: string | RegExp): Promise<void> {
      const before = await storedCounts();
      const res = await gql(server.url, SEGMENT, { input });
      expect(res.data?.segment ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(message);
      expect(await storedCounts()).toEqual(before);
    }

    it('fewer usable rows than k', () =>
      expectRefused({ table: small, features: ['x', 'y'], k: 5 }, 'k=5 exceeds the 3 usable rows'));
    it('k < 2', () =>
      expectRefused({ table: small, features: ['x'], k: 1 }, /^k=1 must be a whole number of segments, at least 2/));
    it('kMin < 1', () =>
      expectRefused({ table: small, features: ['x'], kMin: 0 }, /^kMin=0 must be a whole number, at least 1/));
    it('an unknown feature', () =>
      expectRefused(
        { datasetId: crm, features: ['ltv', 'nope'] },
        /^dataset "CRM usage" has no column "nope"; its columns are "account_id"/,
      ));
    it('an unknown feature of an inline table', () =>
      expectRefused({ table: small, features: ['z'] }, 'input: no column "z"; the columns are "x", "y"'));
    it('a text column used as a numeric feature', () =>
      expectRefused(
        { datasetId: customers, features: ['clv', 'customer_id'], k: 2 },
        'features: column "customer_id" holds text, not numbers; list it in categorical to one-hot encode it',
      ));
    it('an all-missing column', () =>
      expectRefused(
        {
          table: {
            header: ['x', 'blank'],
            rows: [
              [1, null],
              [2, null],
              [3, null],
            ],
          },
          features: ['x', 'blank'],
          k: 2,
        },
        'features: column "blank" has no value in any of the 3 rows',
      ));
    it('a constant column', () =>
      expectRefused(
        {
          table: {
            header: ['x', 'same'],
            rows: [
              [1, 3],
              [2, 3],
              [3, 3],
            ],
          },
          features: ['x', 'same'],
          k: 2,
        },
        /^features: column "same" has the same value \(3\) in all 3 rows/,
      ));
    it('a one-hot column with too many levels', () =>
      expectRefused(
        { datasetId: customers, features: ['minutes_watched'], categorical: ['clv'], k: 2 },
        /^categorical: column "clv" has \d+ distinct values; one-hot encoding allows at most 50$/,
      ));
    it('both datasetId and table', () =>
      expectRefused(
        { datasetId: crm, table: small, features: ['x'] },
        'input: give exactly one of datasetId and table',
      ));
    it('method SCORES, which only RFM takes', () =>
      expectRefused({ table: small, features: ['x'], k: 2, method: 'SCORES' }, 'method=SCORES must be KMEANS or WARD'));
    it('a name over 200 characters', () =>
      expectRefused(
        { table: small, features: ['x'], k: 2, name: 'n'.repeat(201) },
        'name: 201 characters is too long; at most 200',
      ));
  });

  describe('refuses bad reads with BAD_USER_INPUT, and unknown ids as null', () => {
    let id: string;
    beforeAll(async () => {
      id = (await segment({ table: { header: ['x'], rows: [[1], [2], [9], [10]] }, features: ['x'], k: 2 })).id;
    });

    it.each([
      [{ first: 1001 }, 'first=1001 is outside 0..1000'],
      [{ first: -1 }, 'first=-1 is outside 0..1000'],
      [{ segment: 7 }, 'segment=7 is not a label of this segmentation; its labels are 0..1'],
      [{ after: 'bm90LWEtY3Vyc29y' }, 'after: "bm90LWEtY3Vyc29y" is not a cursor of this segmentation\'s members'],
    ])('members(%p)', async (args, message) => {
      const res = await gql(server.url, MEMBERS, { id, ...args });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toBe(message);
    });

    it('dendrogram(maxMerges) above 1000, and null for a k-means run', async () => {
      const over = await gql(
        server.url,
        'query($id: ID!) { segmentation(id: $id) { dendrogram(maxMerges: 1001) { id } } }',
        { id },
      );
      expect(over.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(over.errors?.[0].message).toBe('maxMerges=1001 is outside 1..1000');
      const none = await gql(server.url, 'query($id: ID!) { segmentation(id: $id) { dendrogram { id } } }', { id });
      expect(none.data).toEqual({ segmentation: { dendrogram: null } });
    });

    it('an unknown or malformed id is null for segmentation and empty for segmentations', async () => {
      for (const unknown of ['3f1c9a52-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const res = await gql(server.url, READ, { id: unknown });
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({ segmentation: null });
        const list = await gql(server.url, 'query($d: ID) { segmentations(datasetId: $d) { id } }', { d: unknown });
        expect(list.data).toEqual({ segmentations: [] });
      }
    });
  });
});
