import { Client } from 'pg';
import type { RunningServer } from '../../../server/bootstrap';
import { closeTestServer, gql, openTestServer, type TestStorage } from '../helpers/server';

const IMPORT = `mutation($input: ImportDatasetInput!) {
  importDataset(input: $input) { id source table rowCount columns { name type missingCount } }
}`;
const ROWS = 'query($id: ID!) { dataset(id: $id) { rows(offset: 0, limit: 100) { rows } } }';

const pgUrl = process.env.QUADRANT_TEST_PG_URL;

/** Rows as sorted JSON lines: a warehouse table has no row order of its own. */
async function sortedRows(url: string, id: string): Promise<string[]> {
  const res = await gql(url, ROWS, { id });
  return (res.data!.dataset.rows.rows as unknown[][]).map((r) => JSON.stringify(r)).sort();
}

if (!pgUrl) {
  describe('importDataset(warehouse: true)', () => {
    it.skip('needs a real PostgreSQL: set QUADRANT_TEST_PG_URL (skipped: it is unset)', () => undefined);
  });
} else {
  describe('importDataset(warehouse: true) on PostgreSQL', () => {
    let storage: TestStorage;
    let server: RunningServer;
    let client: Client;
    beforeAll(async () => {
      ({ storage, server } = await openTestServer('postgres'));
      client = new Client({ connectionString: storage.config.databaseUrl! });
      await client.connect();
    });
    afterAll(async () => {
      await client?.end();
      await closeTestServer(server, storage);
    });

    const clean =
      'id,day,channel,spend,paid,note\n' +
      Array.from(
        { length: 60 },
        (_, i) =>
          `u${i},2025-01-${String(1 + (i % 28)).padStart(2, '0')},${['web', 'ios', 'mail'][i % 3]},` +
          `${i % 7 === 0 ? '' : (i * 1.25).toFixed(2)},${i % 2 === 0 ? 'yes' : 'no'},${i % 5 === 0 ? 'NA' : `n${i}`}`,
      ).join('\n');

    it('COPYs clean CSV as PostgreSQL parses it, with the types and missing values of a stored import', async () => {
      const stored = await gql(server.url, IMPORT, { input: { name: 'Clean', csv: clean } });
      const warehouse = await gql(server.url, IMPORT, { input: { name: 'Clean', csv: clean, warehouse: true } });
      expect(warehouse.errors).toBeUndefined();
      const w = warehouse.data!.importDataset;
      expect(w.source).toBe('CONNECTED');
      expect(w.table).toMatch(/^quadrant_data\.d_[0-9a-f]{32}$/);
      expect(w.rowCount).toBe(60);
      expect(w.columns).toEqual(stored.data!.importDataset.columns);
      expect(await sortedRows(server.url, w.id)).toEqual(await sortedRows(server.url, stored.data!.importDataset.id));
    });

    it('falls back to Quadrant’s parser when a value is one PostgreSQL reads differently ("$1,200", NA)', async () => {
      const csv = `${clean}\nu60,2025-02-01,web,"$1,200.50",yes,x\nu61,03/02/2025,web,NA,no,y`;
      const stored = await gql(server.url, IMPORT, { input: { name: 'Messy', csv } });
      const warehouse = await gql(server.url, IMPORT, { input: { name: 'Messy', csv, warehouse: true } });
      expect(warehouse.errors).toBeUndefined();
      expect(warehouse.data!.importDataset.columns).toEqual(stored.data!.importDataset.columns);
      expect(await sortedRows(server.url, warehouse.data!.importDataset.id)).toEqual(
        await sortedRows(server.url, stored.data!.importDataset.id),
      );
    });

    it('a failed import leaves no table, and deleting the dataset drops its table', async () => {
      const tables = async () =>
        (await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'quadrant_data'")).rows[0].n;
      const before = await tables();
      const bad = await gql(server.url, IMPORT, { input: { name: 'Bad', csv: 'a,a\n1,2', warehouse: true } });
      expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(await tables()).toBe(before);
      const made = await gql(server.url, IMPORT, { input: { name: 'Gone', csv: clean, warehouse: true } });
      expect(await tables()).toBe(before + 1);
      await gql(server.url, 'mutation($id: ID!) { deleteDataset(id: $id) }', { id: made.data!.importDataset.id });
      expect(await tables()).toBe(before);
    });
  });
}
