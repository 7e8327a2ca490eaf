import fixture from '../fixtures/segment/row-metrics.json';
import type { RunningServer } from '../../server/bootstrap';
import { samePartition } from '../shared/segment/helpers';
import { backends, closeTestServer, gql, openTestServer, type TestStorage } from './helpers/server';

const { pipeline } = fixture;
const SEGMENT = `mutation($input: SegmentInput!) {
  segment(input: $input) { id labels rowDistances rowSilhouettes silhouetteMethod }
}`;
const MEMBERS = `query($id: ID!, $after: String) {
  segmentation(id: $id) {
    members(first: 100, after: $after) {
      edges { node { row label distance silhouette } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

interface Node {
  row: number;
  label: number | null;
  distance: number | null;
  silhouette: number | null;
}

describe.each(backends())('rowMetrics over HTTP on %s', (backend) => {
  let storage: TestStorage | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => ({ storage, server } = await openTestServer(backend)));
  afterAll(() => closeTestServer(server, storage));

  const input = (extra: object) => ({
    table: { header: pipeline.header, rows: pipeline.rows },
    features: pipeline.features,
    k: pipeline.k,
    ...extra,
  });

  test('segment stores each row’s distance and silhouette: scikit-learn’s, in rowDistances and members', async () => {
    const res = await gql<{
      segment: {
        id: string;
        labels: number[];
        rowDistances: number[];
        rowSilhouettes: number[];
        silhouetteMethod: string;
      };
    }>(server!.url, SEGMENT, { input: input({ rowMetrics: true }) });
    expect(res.errors).toBeUndefined();
    const run = res.data!.segment;
    expect(samePartition(run.labels, pipeline.labels)).toBe(true);
    expect(run.silhouetteMethod).toBe('EXACT');
    pipeline.distances.forEach((d, i) => expect(Math.abs(run.rowDistances[i] - d)).toBeLessThan(1e-9));
    pipeline.silhouettes.forEach((s, i) => expect(Math.abs(run.rowSilhouettes[i] - s)).toBeLessThan(1e-9));

    // The same figures, stored, through the members' pages.
    const nodes: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        data?: {
          segmentation: {
            members: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
          };
        };
      } = await gql(server!.url, MEMBERS, { id: run.id, after });
      nodes.push(...page.data!.segmentation.members.edges.map((e) => e.node));
      if (!page.data!.segmentation.members.pageInfo.hasNextPage) break;
      after = page.data!.segmentation.members.pageInfo.endCursor;
    }
    expect(nodes.map((n) => n.distance)).toEqual(run.rowDistances);
    expect(nodes.map((n) => n.silhouette)).toEqual(run.rowSilhouettes);
  });

  test('without rowMetrics nothing is computed or stored: the fields are null', async () => {
    const res = await gql<{ segment: { id: string; rowDistances: null; rowSilhouettes: null } }>(server!.url, SEGMENT, {
      input: input({}),
    });
    expect(res.data!.segment.rowDistances).toBeNull();
    expect(res.data!.segment.rowSilhouettes).toBeNull();
    const page = await gql<{ segmentation: { members: { edges: { node: Node }[] } } }>(server!.url, MEMBERS, {
      id: res.data!.segment.id,
      after: null,
    });
    expect(page.data!.segmentation.members.edges[0].node).toMatchObject({ distance: null, silhouette: null });
  });

  test('rows dropped for a missing value get null', async () => {
    const rows = pipeline.rows.map((r, i) => (i === 2 ? [r[0], null, r[2], r[3]] : r));
    const res = await gql<{ segment: { rowDistances: (number | null)[]; rowSilhouettes: (number | null)[] } }>(
      server!.url,
      SEGMENT,
      { input: { ...input({ rowMetrics: true, missing: 'DROP' }), table: { header: pipeline.header, rows } } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.segment.rowDistances[2]).toBeNull();
    expect(res.data!.segment.rowSilhouettes[2]).toBeNull();
    expect(res.data!.segment.rowSilhouettes[3]).toEqual(expect.any(Number));
  });
});
