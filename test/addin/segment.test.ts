import type { GraphQLClient } from '../../addin/src/api/graphql-client';
import { GraphQLRequestError } from '../../addin/src/api/graphql-client';
import { segment, SEGMENT_MUTATION } from '../../addin/src/api/segment';

describe('segment(client, request)', () => {
  test('segment sends the rows inline as the input variable of the segment mutation', async () => {
    const calls: { query: string; variables?: Record<string, unknown> }[] = [];
    const result = { id: '1', k: 2, labels: [0, 1, null], segments: [] };
    const client: GraphQLClient = {
      request: async <T>(query: string, variables?: Record<string, unknown>) => {
        calls.push({ query, variables });
        return { segment: result } as T;
      },
    };
    const table = {
      header: ['spend', 'visits'],
      rows: [
        [1, 2],
        [3, 4],
        [null, 5],
      ],
    };
    expect(await segment(client, { table, features: ['spend', 'visits'] })).toBe(result);
    expect(calls).toEqual([
      { query: SEGMENT_MUTATION, variables: { input: { table, features: ['spend', 'visits'] } } },
    ]);
  });

  test("SEGMENT_MUTATION asks for labels and each segment's label, name, size and share", () => {
    const compact = SEGMENT_MUTATION.replace(/\s+/g, ' ');
    expect(compact).toContain('mutation SegmentSelection($input: SegmentInput!) { segment(input: $input) {');
    expect(compact).toContain('labels segments { label name size share }');
  });

  test("segment lets the server's error through unchanged", async () => {
    const error = new GraphQLRequestError(
      'Cannot query field "segment" on type "Mutation".',
      'GRAPHQL_VALIDATION_FAILED',
    );
    const client: GraphQLClient = { request: () => Promise.reject(error) };
    await expect(segment(client, { table: { header: [], rows: [] }, features: [] })).rejects.toBe(error);
  });
});
