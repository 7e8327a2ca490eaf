import type { RunningServer } from '../../server/bootstrap';
import { backends, gql, type TestStorage, openTestServer, closeTestServer } from './helpers/server';

const IMPORT = 'mutation Import($input: ImportDatasetInput!) { importDataset(input: $input) { id } }';

describe.each(backends())('bad input on %s gets BAD_USER_INPUT naming the problem and stores nothing', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;

  beforeAll(async () => ({ storage, server } = await openTestServer(backend, { bodyLimitBytes: 64 * 1024 })));
  afterAll(() => closeTestServer(server, storage));

  async function storedCounts(): Promise<[number, number]> {
    const [d] = await server.dataSource.query('SELECT COUNT(*) AS n FROM dataset');
    const [c] = await server.dataSource.query('SELECT COUNT(*) AS n FROM dataset_chunk');
    return [Number(d.n), Number(c.n)];
  }

  async function expectRefused(input: Record<string, unknown>, message: string | RegExp): Promise<void> {
    const before = await storedCounts();
    const res = await gql(server.url, IMPORT, { input });
    expect(res.data?.importDataset ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(message);
    expect(await storedCounts()).toEqual(before);
  }

  it('an empty CSV', () => expectRefused({ name: 'x', csv: '' }, 'csv: the CSV is empty'));
  it('a header with no rows', () =>
    expectRefused({ name: 'x', csv: 'a,b\n' }, 'csv: the CSV has a header but no data rows'));
  it('a duplicate header name', () =>
    expectRefused(
      { name: 'x', csv: 'id,ltv,id\n1,2,3\n' },
      'header: column name "id" appears twice (columns 1 and 3)',
    ));
  it('a blank header name', () =>
    expectRefused({ name: 'x', csv: 'id,,ltv\n1,2,3\n' }, 'header: column 2 has no name'));
  it('a ragged row in CSV', () =>
    expectRefused({ name: 'x', csv: 'a,b\n1,2\n3\n4,5\n' }, 'csv: row 2 has 1 fields; the header has 2'));
  it('a ragged row in an inline table', () =>
    expectRefused(
      {
        name: 'x',
        table: {
          header: ['a', 'b'],
          rows: [
            [1, 2],
            [3, 4, 5],
          ],
        },
      },
      'rows: row 2 has 3 cells; the header has 2',
    ));
  it('both csv and table, or neither', async () => {
    await expectRefused(
      { name: 'x', csv: 'a\n1\n', table: { header: ['a'], rows: [[1]] } },
      'exactly one of csv, table and xlsx',
    );
    await expectRefused({ name: 'x' }, 'exactly one of csv, table and xlsx');
  });
  it('a blank name', () => expectRefused({ name: '   ', csv: 'a\n1\n' }, 'name: a dataset needs a name'));
  it('a forced type that does not fit, naming the row', () =>
    expectRefused(
      { name: 'x', csv: 'spend\n10\nlots\n', types: [{ column: 'spend', type: 'NUMBER' }] },
      'types: column "spend" row 2 holds "lots", not a number',
    ));
  it('a malformed quote', () => expectRefused({ name: 'x', csv: 'a,b\n"open,1\n2,3\n' }, /csv: malformed quoting/));

  it('a request body that is not valid UTF-8', async () => {
    const before = await storedCounts();
    const prefix = Buffer.from(JSON.stringify({ query: IMPORT, variables: { input: { name: 'x', csv: 'a\nZZ\n' } } }));
    const body = Buffer.from(prefix);
    const at = body.indexOf('ZZ');
    body[at] = 0xff; // never valid in UTF-8
    body[at + 1] = 0xfe;
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(json.errors[0].message).toBe(`The request body is not valid UTF-8 (first bad byte at offset ${at})`);
    expect(await storedCounts()).toEqual(before);
  });

  it('a request body over the limit', async () => {
    const before = await storedCounts();
    const csv = 'a\n' + '1234567890\n'.repeat(8000); // ~88 KB against a 64 KB limit
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: IMPORT, variables: { input: { name: 'x', csv } } }),
    });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(json.errors[0].message).toMatch(/over the 64 KB limit.*QUADRANT_BODY_LIMIT/);
    expect(await storedCounts()).toEqual(before);
  });

  it('an unknown dataset id is NOT_FOUND for deleteDataset and null for dataset', async () => {
    const id = '3f1c9a52-0000-4000-8000-000000000000';
    const del = await gql(server.url, 'mutation($id: ID!) { deleteDataset(id: $id) }', { id });
    expect(del.errors![0].extensions?.code).toBe('NOT_FOUND');
    expect(del.errors![0].message).toBe(`Dataset "${id}" was not found`);
    const one = await gql(server.url, 'query($id: ID!) { dataset(id: $id) { id } }', { id: 'not-a-uuid' });
    expect(one.errors).toBeUndefined();
    expect(one.data).toEqual({ dataset: null });
  });

  it('a preview limit out of range', async () => {
    const res = await gql(server.url, IMPORT, { input: { name: 'ok', csv: 'a\n1\n' } });
    const page = await gql(server.url, 'query($id: ID!) { dataset(id: $id) { rows(limit: 5000) { total } } }', {
      id: res.data!.importDataset.id,
    });
    expect(page.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(page.errors![0].message).toBe('limit: 5000 is outside 0..1000');
  });
});
