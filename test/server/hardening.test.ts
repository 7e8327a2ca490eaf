import { Writable } from 'node:stream';
import type { RunningServer } from '../../server/bootstrap';
import { closeTestServer, freshStorage, gql, startTestServer, type TestStorage } from './helpers/server';

/** Log lines the server wrote, parsed. */
function logSink(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { stream, lines };
}

const SEGMENT = 'mutation($input: SegmentInput!) { segment(input: $input) { id } }';

describe('GraphQL hardening', () => {
  let storage: TestStorage;
  let server: RunningServer;
  const log = logSink();

  beforeAll(async () => {
    storage = await freshStorage('sqlite');
    server = await startTestServer(
      storage,
      {
        bodyLimitBytes: 200_000,
        logLevel: 'info',
        limits: { maxRows: 100, maxColumns: 5, maxCells: 300, maxDepth: 16, maxComplexity: 2000 },
        corsOrigins: ['https://app.example.com'],
      },
      log.stream,
    );
  });
  afterAll(() => closeTestServer(server, storage));

  const count = async () => (await gql(server.url, '{ datasets { id } segmentations { id } }')).data!;

  it.each([
    ['rows', 101, 2, 'QUADRANT_MAX_ROWS', 'input.table: 101 rows is over the limit of 100 (QUADRANT_MAX_ROWS)'],
    ['columns', 3, 6, 'QUADRANT_MAX_COLUMNS', 'input.table: 6 columns is over the limit of 5 (QUADRANT_MAX_COLUMNS)'],
    ['cells', 70, 5, 'QUADRANT_MAX_CELLS', 'input.table: 70 rows × 5 columns = 350 cells is over the limit of 300'],
  ])(
    'an inline table over the %s limit answers LIMIT_EXCEEDED naming it, and nothing is stored',
    async (_what, rows, columns, limit, message) => {
      const header = Array.from({ length: columns }, (_, j) => `c${j}`);
      const table = { header, rows: Array.from({ length: rows }, (_, i) => header.map((_h, j) => i * j)) };
      for (const [query, input] of [
        [SEGMENT, { table, features: ['c0', 'c1'], k: 2 }],
        ['mutation($input: ImportDatasetInput!) { importDataset(input: $input) { id } }', { name: 'big', table }],
      ] as const) {
        const res = await gql(server.url, query, { input });
        expect(res.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit });
        expect(res.errors![0].message).toContain(message);
      }
      expect(await count()).toEqual({ datasets: [], segmentations: [] });
    },
  );

  it('a CSV over the row limit is refused once parsed, naming input.csv', async () => {
    const csv = 'a,b\n' + '1,2\n'.repeat(101);
    const res = await gql(server.url, 'mutation($i: ImportDatasetInput!) { importDataset(input: $i) { id } }', {
      i: { name: 'csv', csv },
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'QUADRANT_MAX_ROWS', max: 100 });
    expect(res.errors![0].message).toMatch(/^input\.csv: 101 rows/);
  });

  it('a request body over the limit answers 413 LIMIT_EXCEEDED naming QUADRANT_BODY_LIMIT', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ datasets { id } }', variables: { pad: 'x'.repeat(250_000) } }),
    });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(json.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'QUADRANT_BODY_LIMIT' });
  });

  it('a query nested deeper than the limit answers LIMIT_EXCEEDED before running', async () => {
    let nest = 'name';
    for (let i = 0; i < 9; i++) nest = `fields { type { ${nest} } }`;
    const res = await gql(server.url, `{ __type(name: "Segmentation") { ${nest} } }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'QUADRANT_MAX_DEPTH', max: 16 });
    expect(res.data).toBeUndefined();
  });

  it('GraphiQL’s own schema query stays within the depth and cost limits', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const res = await gql(server.url, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(res.errors).toBeUndefined();
    expect(res.data!.__schema).toBeDefined();
  });

  it('twenty aliased segmentations go over the cost limit: LIMIT_EXCEEDED, and none runs', async () => {
    const table = { header: ['x'], rows: [[1], [2], [3], [10], [11], [12]] };
    const aliases = Array.from({ length: 20 }, (_, i) => `s${i}: segment(input: $input) { id }`).join(' ');
    const res = await gql(server.url, `mutation($input: SegmentInput!) { ${aliases} }`, {
      input: { table, features: ['x'], k: 2 },
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'QUADRANT_MAX_COMPLEXITY' });
    expect(res.errors![0].message).toMatch(/estimated cost is 2\d{3}; the limit is 2000/);
    expect(await count()).toEqual({ datasets: [], segmentations: [] });
  });

  it('a repeated query is priced by its variables each time: a bigger page can go over where a small one did not', async () => {
    const query = 'query($id: ID!, $first: Int) { segmentation(id: $id) { members(first: $first) { totalCount } } }';
    const id = '00000000-0000-4000-8000-000000000000';
    const small = await gql(server.url, query, { id, first: 10 });
    expect(small.errors).toBeUndefined();
    expect(small.data).toEqual({ segmentation: null });
    const huge = await gql(server.url, query, { id, first: 200_000 });
    expect(huge.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'QUADRANT_MAX_COMPLEXITY' });
    const again = await gql(server.url, query, { id, first: 10 });
    expect(again.errors).toBeUndefined();
    const hugeAgain = await gql(server.url, query, { id, first: 200_000 });
    expect(hugeAgain.errors![0].extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      actual: huge.errors![0].extensions!.actual,
    });
  });

  it('fuzz regression: unknown fields in a variable answer BAD_USER_INPUT, not INTERNAL_SERVER_ERROR from pricing', async () => {
    const res = await gql(server.url, 'mutation($input: ImportDatasetInput!) { importDataset(input: $input) { id } }', {
      input: { '#e': 1e-128, '': -3.5e-11 },
    });
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(res.errors![0].message).toContain('Variable "$input" got invalid value');
  });

  it('a query that does not parse is BAD_USER_INPUT with Apollo’s reason kept', async () => {
    const res = await gql(server.url, '{ datasets { id ');
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' });
  });

  it('CSRF prevention: a GET without a preflight header and a text/plain POST are refused', async () => {
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ datasets { id } }')}`);
    expect(get.status).toBe(400);
    const post = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { deleteDataset(id: "x") }' }),
    });
    expect(post.status).toBe(400);
  });

  it('CORS: the own origin and configured origins are allowed; any other Origin is FORBIDDEN', async () => {
    const call = (origin: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: '{ datasets { id } }' }),
      });
    const own = await call(server.url);
    expect(own.status).toBe(200);
    const configured = await call('https://app.example.com');
    expect(configured.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const evil = await call('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await evil.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    const preflight = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('in open mode a request whose Host is not this machine (DNS rebinding) needs a key', async () => {
    const { request } = await import('node:http');
    const url = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/graphql',
          method: 'POST',
          headers: { host: 'evil.example:4000', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ datasets { id } }' }));
    });
    expect(status).toBe(401);
  });

  it('GraphQL answers, data or error, are never stored by a browser or proxy (Cache-Control: no-store)', async () => {
    const ok = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ datasets { id name } }' }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const bad = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ datasets { nope } }' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('no-store');
  });

  it('helmet’s headers: a CSP allowing Office.js and Office hosts as frame ancestors, nosniff, no X-Powered-By', async () => {
    const res = await fetch(`${server.url}/addin/taskpane.html`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(csp).toContain('frame-ancestors');
    expect(csp).toContain('https://*.officeapps.live.com');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    // The ribbon icons are shown by Office's own pages, so they may be loaded cross-origin.
    const icon = await fetch(`${server.url}/addin/assets/icon-32.png`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('one log line per request: id, operation, root fields, workspace and time — never the key or the rows', async () => {
    const { key } = await server.services.apiKeys.create('logged', 'Logged');
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-request-id': 'trace-42' },
      body: JSON.stringify({ query: 'query Mine { datasets { name } }', operationName: 'Mine' }),
    });
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    await new Promise((r) => setTimeout(r, 50));
    const line = log.lines.find((l) => l.reqId === 'trace-42')!;
    expect(line).toMatchObject({ level: 30, path: '/graphql', status: 200, operation: 'Mine', fields: ['datasets'] });
    expect(line.workspace).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof line.ms).toBe('number');
    expect(JSON.stringify(log.lines)).not.toContain(key);
    const refused = await gql(server.url, '{ datasets { id } }');
    expect(refused.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(log.lines[log.lines.length - 1]).toMatchObject({ status: 401, errors: ['UNAUTHENTICATED'] });
  });
});

describe('NODE_ENV=production', () => {
  let storage: TestStorage;
  let server: RunningServer;
  beforeAll(async () => {
    storage = await freshStorage('sqlite');
    server = await startTestServer(storage, { production: true });
  });
  afterAll(() => closeTestServer(server, storage));

  it('turns introspection and GraphiQL off; queries still work', async () => {
    const intro = await gql(server.url, '{ __schema { types { name } } }');
    expect(intro.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('graphiql');
    expect((await fetch(`${server.url}/vendor/graphiql.js`)).status).toBe(404);
    expect((await gql(server.url, '{ datasets { id } }')).data).toEqual({ datasets: [] });
  });
});
