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

  test('request reports an unreachable server by the configured URL and says what to check', async () => {
    const fetch: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const connection = () => ({ serverUrl: 'https://quadrant.example.com', apiKey: '' });
    await expect(createGraphQLClient({ fetch, connection }).request('{ a }')).rejects.toMatchObject({
      message:
        'Cannot reach the Quadrant server at https://quadrant.example.com: check that it is running and the server URL in Settings.',
      code: 'UNREACHABLE',
    });
  });

  test('request goes to the configured server with the API key as a bearer token', async () => {
    const { fetch, requests } = stub(200, { data: { a: 1 } });
    const connection = () => ({ serverUrl: 'https://quadrant.example.com/', apiKey: 'qk-1' });
    await createGraphQLClient({ fetch, connection }).request('{ a }');
    expect(requests[0].url).toBe('https://quadrant.example.com/graphql');
    expect(requests[0].init.headers.authorization).toBe('Bearer qk-1');
  });

  test('request sends no authorization header without a key', async () => {
    const { fetch, requests } = stub(200, { data: { a: 1 } });
    await createGraphQLClient({ fetch }).request('{ a }');
    expect(requests[0].init.headers).not.toHaveProperty('authorization');
  });

  test('request tells a refused key (HTTP 401 or UNAUTHENTICATED) from a missing one', async () => {
    const refused = stub(401, { errors: [{ message: 'unknown API key', extensions: { code: 'UNAUTHENTICATED' } }] });
    const withKey = () => ({ serverUrl: '', apiKey: 'wrong' });
    await expect(
      createGraphQLClient({ fetch: refused.fetch, connection: withKey }).request('{ a }'),
    ).rejects.toMatchObject({
      message: 'The server refused the API key (unknown API key): check the key in Settings.',
      code: 'UNAUTHENTICATED',
    });
    const missing = stub(200, {
      errors: [{ message: 'an API key is required', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    await expect(createGraphQLClient({ fetch: missing.fetch }).request('{ a }')).rejects.toThrow(
      'The server needs an API key (an API key is required): enter one in Settings.',
    );
  });
});
