import { GraphQLRequestError, type GraphQLClient } from '../../addin/src/api/graphql-client';
import {
  CANCEL_RUN,
  RFM_MEMBERS,
  RUN_RESULT,
  RUN_STATUS,
  segmentationApi,
  START_SEGMENT,
} from '../../addin/src/api/segment';
import { CancelledError } from '../../addin/src/excel/cancel';

/** A client answering each query from `answers` (a function of the call's variables), recording every call. */
function fakeClient(answers: Record<string, (variables: Record<string, unknown>) => unknown>) {
  const calls: { query: string; variables: Record<string, unknown> }[] = [];
  const client: GraphQLClient = {
    request: async <T>(query: string, variables: Record<string, unknown> = {}) => {
      calls.push({ query, variables });
      const answer = answers[query];
      if (!answer) throw new Error(`unexpected query ${query}`);
      return answer(variables) as T;
    },
  };
  return { client, calls };
}

const table = { header: ['spend'], rows: [[1], [2], [3]] };
const run = { id: '7', k: 2, labels: [0, 1, 1], segments: [] };

describe('segmentationApi(client)', () => {
  test('segment(request) with background runs polls the status, reports progress, then reads the result', async () => {
    const statuses = [
      { status: 'RUNNING', progress: 0.4, error: null },
      { status: 'DONE', progress: 1, error: null },
    ];
    const { client, calls } = fakeClient({
      [START_SEGMENT]: () => ({ segment: { id: '7', status: 'RUNNING', progress: 0 } }),
      [RUN_STATUS]: () => ({ segmentation: statuses.shift() }),
      [RUN_RESULT]: () => ({ segmentation: run }),
    });
    const progress: number[] = [];
    const result = await segmentationApi(client).segment(
      { table, features: ['spend'] },
      { pollMs: 1, onProgress: (f) => progress.push(f) },
    );
    expect(result).toBe(run);
    expect(progress).toEqual([0, 0.4, 1]);
    expect(calls[0].variables).toEqual({ input: { table, features: ['spend'], background: true } });
    expect(calls.slice(1).map((c) => [c.query, c.variables])).toEqual([
      [RUN_STATUS, { id: '7' }],
      [RUN_STATUS, { id: '7' }],
      [RUN_RESULT, { id: '7' }],
    ]);
  });

  test('segment(request) cancels the run on the server when the signal aborts', async () => {
    const controller = new AbortController();
    const { client, calls } = fakeClient({
      [START_SEGMENT]: () => ({ segment: { id: '9', status: 'RUNNING', progress: 0 } }),
      [RUN_STATUS]: () => {
        controller.abort();
        return { segmentation: { status: 'RUNNING', progress: 0.2, error: null } };
      },
      [CANCEL_RUN]: () => ({ cancelSegmentation: true }),
    });
    await expect(
      segmentationApi(client).segment({ table, features: ['spend'] }, { pollMs: 1, signal: controller.signal }),
    ).rejects.toEqual(new CancelledError('Cancelled: the server stopped the run.'));
    expect(calls[calls.length - 1]).toEqual({ query: CANCEL_RUN, variables: { id: '9' } });
  });

  test("segment(request) reports a failed run in the server's words", async () => {
    const { client } = fakeClient({
      [START_SEGMENT]: () => ({ segment: { id: '3', status: 'RUNNING', progress: 0 } }),
      [RUN_STATUS]: () => ({
        segmentation: { status: 'FAILED', progress: 0.5, error: 'features: column "x" is empty' },
      }),
    });
    await expect(segmentationApi(client).segment({ table, features: ['x'] }, { pollMs: 1 })).rejects.toEqual(
      new GraphQLRequestError('features: column "x" is empty'),
    );
  });

  test('rfmMembers(id) pages through every member', async () => {
    const pages = [
      { edges: [{ node: { key: 'a', label: 0 } }], pageInfo: { hasNextPage: true, endCursor: 'c1' } },
      { edges: [{ node: { key: 'b', label: 1 } }], pageInfo: { hasNextPage: false, endCursor: 'c2' } },
    ];
    const { client, calls } = fakeClient({ [RFM_MEMBERS]: () => ({ segmentation: { members: pages.shift() } }) });
    expect(await segmentationApi(client).rfmMembers('5')).toEqual([
      { key: 'a', label: 0 },
      { key: 'b', label: 1 },
    ]);
    expect(calls.map((c) => c.variables)).toEqual([
      { id: '5', after: null },
      { id: '5', after: 'c1' },
    ]);
  });
});
