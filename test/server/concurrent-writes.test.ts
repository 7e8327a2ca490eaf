import type { RunningServer } from '../../server/bootstrap';
import {
  backends,
  closeTestServer,
  gql,
  openTestServer,
  type GraphQLResponse,
  type TestStorage,
} from './helpers/server';

const IMPORT = `mutation($input: ImportDatasetInput!) { importDataset(input: $input) { id name rowCount } }`;
const DELETE = `mutation($id: ID!) { deleteDataset(id: $id) }`;
const SEGMENT = `mutation($input: SegmentInput!) { segment(input: $input) { id k rowCount } }`;
const DELETE_RUN = `mutation($id: ID!) { deleteSegmentation(id: $id) }`;
const PAGE = `query($id: ID!, $offset: Int, $limit: Int) {
  dataset(id: $id) { rowCount rows(offset: $offset, limit: $limit) { rows } }
}`;
const CATALOGUE = `{ datasets { id name rowCount } segmentations { id rowCount } }`;
const LABELS = `query($id: ID!) { segmentation(id: $id) { rowCount labels } }`;

/** Rows per concurrent import; the first and last pages prove each import landed whole and alone. */
const IMPORT_ROWS = 20_000;

/** Row i of import `tag`: values derived from both, so a row from another import or a zero-filled row is caught. */
function importRow(tag: number, i: number): [number, number, string] {
  return [i, tag * 1000 + (i % 997), `r${tag}-${i % 13}`];
}

function importCsv(tag: number): string {
  const lines = ['row,value,group'];
  for (let i = 0; i < IMPORT_ROWS; i++) lines.push(importRow(tag, i).join(','));
  return lines.join('\n');
}

function segmentTable(rows: number): { header: string[]; rows: number[][] } {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push([i, (i % 3) * 10 + (i % 7) / 7, ((i * 7) % 5) + (i % 3) * 4]);
  return { header: ['id', 'x', 'y'], rows: out };
}

type Outcome = { kind: string; ok: boolean; id?: string; name?: string; code?: string };

function outcome(kind: string, res: GraphQLResponse, pick: (data: any) => { id?: string; name?: string }): Outcome {
  if (res.errors?.length) return { kind, ok: false, code: res.errors[0].extensions?.code };
  return { kind, ok: true, ...pick(res.data) };
}

describe.each(backends())('concurrent writes on %s', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;

  beforeAll(async () => ({ storage, server } = await openTestServer(backend)));
  afterAll(() => closeTestServer(server, storage));

  it('imports, runs and deletes in flight together: every success is stored whole, every error left nothing', async () => {
    const url = server.url;
    const seed = async (name: string) =>
      (await gql(url, IMPORT, { input: { name, table: segmentTable(3000) } })).data!.importDataset.id as string;
    const source = await seed('segment source');
    const doomed = await Promise.all(Array.from({ length: 6 }, (_, i) => seed(`doomed ${i}`)));
    const oldRuns: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await gql(url, SEGMENT, { input: { datasetId: source, features: ['x', 'y'], k: 2, restarts: 1 } });
      oldRuns.push(res.data!.segment.id);
    }
    const before = (await gql(url, CATALOGUE)).data!;

    const requests: Promise<Outcome>[] = [];
    for (let tag = 1; tag <= 8; tag++) {
      requests.push(
        gql(url, IMPORT, { input: { name: `import ${tag}`, csv: importCsv(tag) } }).then((r) =>
          outcome('import', r, (d) => d.importDataset),
        ),
      );
    }
    // Bad imports fail validation: they must leave nothing.
    for (let tag = 1; tag <= 3; tag++) {
      requests.push(
        gql(url, IMPORT, { input: { name: `bad import ${tag}`, csv: `a,b\n1,2\n3\n` } }).then((r) =>
          outcome('bad import', r, (d) => d.importDataset),
        ),
      );
    }
    for (let seedValue = 0; seedValue < 8; seedValue++) {
      const input = {
        datasetId: source,
        features: ['x', 'y'],
        k: 3,
        restarts: 1,
        seed: seedValue,
        name: `run ${seedValue}`,
      };
      requests.push(gql(url, SEGMENT, { input }).then((r) => outcome('segment', r, (d) => d.segment)));
    }
    requests.push(
      gql(url, SEGMENT, { input: { datasetId: source, features: ['nope'], k: 3 } }).then((r) =>
        outcome('bad segment', r, (d) => d.segment),
      ),
    );
    // Every doomed dataset deleted once, the first two twice: of each pair, exactly one delete may succeed.
    for (const id of [...doomed, doomed[0], doomed[1]]) {
      requests.push(gql(url, DELETE, { id }).then((r) => outcome('delete', r, () => ({ id }))));
    }
    for (const id of oldRuns) {
      requests.push(gql(url, DELETE_RUN, { id }).then((r) => outcome('delete run', r, () => ({ id }))));
    }
    const outcomes = await Promise.all(requests);

    const byKind = (kind: string) => outcomes.filter((o) => o.kind === kind);
    // Valid work never fails for being concurrent; invalid work fails with a user error.
    expect(byKind('import').map((o) => o.ok)).toEqual(Array(8).fill(true));
    expect(byKind('segment').map((o) => o.ok)).toEqual(Array(8).fill(true));
    expect(byKind('delete run').map((o) => o.ok)).toEqual(Array(4).fill(true));
    expect(byKind('bad import').map((o) => o.code)).toEqual(Array(3).fill('BAD_USER_INPUT'));
    expect(byKind('bad segment').map((o) => o.code)).toEqual(['BAD_USER_INPUT']);
    const deletes = byKind('delete');
    expect(deletes.filter((o) => o.ok)).toHaveLength(6);
    expect(deletes.filter((o) => !o.ok).map((o) => o.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);

    const after = (await gql(url, CATALOGUE)).data!;
    const names = new Set(after.datasets.map((d: { name: string }) => d.name));
    for (let tag = 1; tag <= 3; tag++) expect(names.has(`bad import ${tag}`)).toBe(false);
    for (const id of doomed) expect(after.datasets.some((d: { id: string }) => d.id === id)).toBe(false);
    expect(after.datasets).toHaveLength(before.datasets.length - 6 + 8);
    expect(after.segmentations).toHaveLength(before.segmentations.length - 4 + 8);
    for (const id of oldRuns) expect(after.segmentations.some((r: { id: string }) => r.id === id)).toBe(false);

    // Each stored import is whole: its row count, and its first and last rows, are its own.
    for (const o of byKind('import')) {
      const tag = Number(o.name!.split(' ')[1]);
      for (const offset of [0, IMPORT_ROWS - 5]) {
        const page = await gql(url, PAGE, { id: o.id, offset, limit: 5 });
        expect(page.data!.dataset.rowCount).toBe(IMPORT_ROWS);
        expect(page.data!.dataset.rows.rows).toEqual(Array.from({ length: 5 }, (_, j) => importRow(tag, offset + j)));
      }
    }
    // Each stored run is whole: one label per row, every label one of its k segments.
    for (const o of byKind('segment')) {
      const run = (await gql(url, LABELS, { id: o.id })).data!.segmentation;
      expect(run.rowCount).toBe(3000);
      expect(run.labels).toHaveLength(3000);
      expect(run.labels.every((l: number) => l >= 0 && l < 3)).toBe(true);
    }
  });
});
