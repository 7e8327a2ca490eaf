import { createGraphQLClient, GraphQLRequestError, type Fetch } from '../../addin/src/api/graphql-client';

/** A fetch stub answering with `status` and `body` (a JSON value, or a function that throws like non-JSON text). */
function stub(status: number, body: unknown, statusText = '') {
  const requests: { url: string; init: Parameters<Fetch>[1] }[] = [];
  const fetch: Fetch = async (url, init) => {
    requests.push({ url, init });
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText,
      json: async () => (typeof body === 'function' ? body() : body),
    };
  };
  return { fetch, requests };
}

describe('createGraphQLClient(options).request(query, variables)', () => {
  test('request POSTs the query and variables as JSON to /graphql and returns data', async () => {
    const { fetch, requests } = stub(200, { data: { datasets: [] } });
    const data = await createGraphQLClient({ fetch }).request('{ datasets { id } }', { first: 2 });
    expect(data).toEqual({ datasets: [] });
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe('/graphql');
    expect(requests[0].init.method).toBe('POST');
    expect(requests[0].init.headers['content-type']).toBe('application/json');
    expect(JSON.parse(requests[0].init.body)).toEqual({ query: '{ datasets { id } }', variables: { first: 2 } });
  });

  test('request surfaces the first GraphQL error with its extensions.code', async () => {
    const { fetch } = stub(200, {
      data: null,
      errors: [
        { message: 'features: column "spend" is not numeric', extensions: { code: 'BAD_USER_INPUT' } },
        { message: 'second error' },
      ],
    });
    const failure = createGraphQLClient({ fetch }).request('mutation { x }');
    await expect(failure).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(failure).rejects.toMatchObject({
      message: 'features: column "spend" is not numeric',
      code: 'BAD_USER_INPUT',
    });
  });

  test('request reads GraphQL errors sent with HTTP 400, as for a field the schema lacks', async () => {
    const { fetch } = stub(400, {
      errors: [
        {
          message: 'Cannot query field "segment" on type "Mutation".',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
    await expect(createGraphQLClient({ fetch }).request('mutation { segment }')).rejects.toMatchObject({
      message: 'Cannot query field "segment" on type "Mutation".',
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
  });

  test('request reports an HTTP failure without a GraphQL body by its status', async () => {
    const { fetch } = stub(
      502,
      () => {
        throw new SyntaxError('Unexpected token <');
      },
      'Bad Gateway',
    );
    await expect(createGraphQLClient({ fetch }).request('{ a }')).rejects.toMatchObject({
      message: 'The Quadrant server answered HTTP 502 Bad Gateway',
      code: undefined,
    });
  });

  test('request reports a 200 answer that carries neither data nor errors', async () => {
    const { fetch } = stub(200, {});
    await expect(createGraphQLClient({ fetch }).request('{ a }')).rejects.toThrow(
      'The Quadrant server answered without GraphQL data.',
    );
  });

  test('request reports an unreachable server with the endpoint and the cause', async () => {
    const fetch: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(
      createGraphQLClient({ fetch, endpoint: 'https://localhost:4000/graphql' }).request('{ a }'),
    ).rejects.toThrow('Cannot reach the Quadrant server at https://localhost:4000/graphql: Failed to fetch');
  });
});
