import { Client } from 'pg';
import type { RunningServer } from '../../server/bootstrap';
import { closeTestServer, gql, openTestServer, type TestStorage } from './helpers/server';

const CONNECT = `mutation Connect($input: ConnectDatasetInput!) {
  connectDataset(input: $input) { id name source table sql rowCount columns { name type missingCount } }
}`;

const pgUrl = process.env.QUADRANT_TEST_PG_URL;

describe('connectDataset without a warehouse (SQLite storage)', () => {
  let storage: TestStorage;
  let server: RunningServer;
  beforeAll(async () => ({ storage, server } = await openTestServer('sqlite')));
  afterAll(() => closeTestServer(server, storage));

  it('answers BAD_USER_INPUT saying a warehouse must be configured', async () => {
    const res = await gql(server.url, CONNECT, { input: { name: 'Events', table: 'events' } });
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/QUADRANT_WAREHOUSE_URL/);
  });
});

if (!pgUrl) {
  describe('connectDataset on PostgreSQL', () => {
    it.skip('needs QUADRANT_TEST_PG_URL (skipped: it is unset)', () => undefined);
  });
} else {
  describe('connectDataset on PostgreSQL', () => {
    let storage: TestStorage;
    let server: RunningServer;
    let client: Client;

    beforeAll(async () => {
      ({ storage, server } = await openTestServer('postgres'));
      client = new Client({ connectionString: storage.config.databaseUrl! });
      await client.connect();
      await client.query(`
        CREATE SCHEMA crm;
        CREATE SEQUENCE crm.counter;
        CREATE TABLE crm."Customers" (id text, region text, ltv numeric, active boolean, signed_up date,
                                      seen timestamptz, visits int8, note text, payload jsonb);
        INSERT INTO crm."Customers"
          SELECT 'c' || i, (ARRAY['EU', 'US', 'APAC'])[1 + i % 3], CASE WHEN i % 10 = 0 THEN NULL ELSE i * 1.5 END,
                 i % 2 = 0, DATE '2025-01-01' + i, TIMESTAMPTZ '2025-01-01 00:00:00+00' + i * INTERVAL '90 minutes',
                 i, 'note ' || i, '{}'::jsonb
          FROM generate_series(1, 40) AS i;`);
    });
    afterAll(async () => {
      await client?.end();
      await closeTestServer(server, storage);
    });

    it('connectDataset(table) reads columns and types from PostgreSQL and copies nothing', async () => {
      const before = await client.query('SELECT count(*)::int AS n FROM dataset_chunk');
      const res = await gql(server.url, CONNECT, {
        input: {
          name: 'Customers',
          sql: 'SELECT id, region, ltv, active, signed_up, seen, visits, note FROM crm."Customers";',
        },
      });
      expect(res.errors).toBeUndefined();
      const dataset = res.data!.connectDataset;
      expect(dataset).toMatchObject({ name: 'Customers', source: 'CONNECTED', table: null, rowCount: 40 });
      // region: 3 values over 40 rows → CATEGORY; id and note: all distinct → TEXT (the CSV rule)
      expect(dataset.columns).toEqual([
        { name: 'id', type: 'TEXT', missingCount: 0 },
        { name: 'region', type: 'CATEGORY', missingCount: 0 },
        { name: 'ltv', type: 'NUMBER', missingCount: 4 },
        { name: 'active', type: 'BOOLEAN', missingCount: 0 },
        { name: 'signed_up', type: 'DATE', missingCount: 0 },
        { name: 'seen', type: 'DATE', missingCount: 0 },
        { name: 'visits', type: 'NUMBER', missingCount: 0 },
        { name: 'note', type: 'TEXT', missingCount: 0 },
      ]);
      const after = await client.query('SELECT count(*)::int AS n FROM dataset_chunk');
      expect(after.rows[0].n).toBe(before.rows[0].n);
      const list = await gql(server.url, '{ datasets { name source } }');
      expect(list.data!.datasets).toContainEqual({ name: 'Customers', source: 'CONNECTED' });
      const page = await gql(
        server.url,
        'query($id: ID!) { dataset(id: $id) { rows(offset: 0, limit: 40) { header rows } } }',
        { id: dataset.id },
      );
      const rows = page.data!.dataset.rows.rows as unknown[][];
      expect(rows).toContainEqual(['c1', 'US', 1.5, false, '2025-01-02', '2025-01-01T01:30:00.000Z', 1, 'note 1']);
    });

    it('connectDataset names a missing table, failing SQL and an unusable column type', async () => {
      const missing = await gql(server.url, CONNECT, { input: { name: 'x', table: 'crm.nope' } });
      expect(missing.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(missing.errors![0].message).toMatch(/table "crm\.nope".*does not exist/);
      const failing = await gql(server.url, CONNECT, { input: { name: 'x', sql: 'SELECT 1/0 AS boom' } });
      expect(failing.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(failing.errors![0].message).toMatch(/division by zero/);
      const typed = await gql(server.url, CONNECT, { input: { name: 'x', table: 'crm.Customers' } });
      expect(typed.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(typed.errors![0].message).toMatch(/column "payload" .* type jsonb/);
      const both = await gql(server.url, CONNECT, { input: { name: 'x', table: 'a', sql: 'SELECT 1' } });
      expect(both.errors![0].message).toMatch(/exactly one of table and sql/);
      const names = await gql(server.url, '{ datasets { name } }');
      expect(names.data!.datasets.filter((d: { name: string }) => d.name === 'x')).toEqual([]);
    });

    it('a connected query runs read-only: a write inside it is refused', async () => {
      const res = await gql(server.url, CONNECT, {
        input: { name: 'Sneaky', sql: "SELECT nextval('crm.counter') AS n" },
      });
      expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/read-only transaction/);
      const nested = await gql(server.url, CONNECT, {
        input: { name: 'Sneaky', sql: 'WITH d AS (DELETE FROM crm."Customers" RETURNING id) SELECT id FROM d' },
      });
      expect(nested.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const count = await client.query('SELECT count(*)::int AS n FROM crm."Customers"');
      expect(count.rows[0].n).toBe(40);
    });

    it('an identifier is quoted, never spliced: a table name with SQL in it is just a missing table', async () => {
      const res = await gql(server.url, CONNECT, {
        input: { name: 'x', table: 'crm."Customers"; DROP TABLE crm."Customers"' },
      });
      expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const count = await client.query('SELECT count(*)::int AS n FROM crm."Customers"');
      expect(count.rows[0].n).toBe(40);
    });
  });
}
