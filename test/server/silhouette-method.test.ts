import type { RunningServer } from '../../server/bootstrap';
import { DEFAULT_WORKSPACE_ID } from '../../server/storage/entities/workspace.entity';
import { runSegmentation } from '../../shared/segment/segment';
import type { SegmentOptions } from '../../shared/segment/types';
import { blobsTable, featureNames } from './helpers/blobs';
import { backends, closeTestServer, gql, openTestServer, type TestStorage } from './helpers/server';

const FIGURES = 'silhouette silhouetteMethod silhouetteSampleSize silhouetteStandardError';
const SEGMENT = `mutation($input: SegmentInput!) { segment(input: $input) { id ${FIGURES} } }`;
const READ = `query($id: ID!) { segmentation(id: $id) { ${FIGURES} } }`;
const ROWS = 6000;

/** The core's own figures for the same rows and options: what the server must report and store. */
function coreFigures(options: SegmentOptions & { exactSilhouette?: boolean }) {
  const result = runSegmentation(blobsTable(ROWS, 3), options) as ReturnType<typeof runSegmentation> & {
    silhouetteMethod?: string | null;
    silhouetteSampleSize?: number | null;
    silhouetteStandardError?: number | null;
  };
  return {
    silhouette: result.silhouette,
    silhouetteMethod: result.silhouetteMethod ?? null,
    silhouetteSampleSize: result.silhouetteSampleSize ?? null,
    silhouetteStandardError: result.silhouetteStandardError ?? null,
  };
}

const OPTIONS = { features: featureNames(3), k: 3, restarts: 1 };
const CASES: [string, { exactSilhouette?: boolean }][] = [
  ['by default', {}],
  ['with exactSilhouette', { exactSilhouette: true }],
];
// Computed before any server starts: the core blocks this process's event loop, which the servers share, and a
// keep-alive connection left idle across such a block is reset by the server as the client reuses it.
const EXPECTED = new Map(CASES.map(([title, extra]) => [title, coreFigures({ ...OPTIONS, ...extra })]));

describe.each(backends())('silhouetteMethod over HTTP on %s', (backend) => {
  let storage: TestStorage | undefined;
  let server: RunningServer | undefined;
  let id: string;
  beforeAll(async () => {
    ({ storage, server } = await openTestServer(backend));
    id = (await server.services.datasets.store(DEFAULT_WORKSPACE_ID, 'blobs 6k', blobsTable(ROWS, 3))).id;
  });
  afterAll(() => closeTestServer(server, storage));

  test.each(CASES)('segment reports and stores how the core computed the silhouette, %s', async (title, extra) => {
    const options = { ...OPTIONS, ...extra };
    const expected = EXPECTED.get(title)!;
    const res = await gql(server!.url, SEGMENT, { input: { datasetId: id, ...options } });
    expect(res.errors).toBeUndefined();
    const { id: runId, ...figures } = res.data!.segment;
    expect(figures).toEqual(expected);
    expect((await gql(server!.url, READ, { id: runId })).data!.segmentation).toEqual(figures);
  });
});
