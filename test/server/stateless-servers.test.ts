import { Client } from 'pg';
import type { RunningServer } from '../../server/bootstrap';
import { freshStorage, gql, startTestServer, type TestStorage } from './helpers/server';

const pgUrl = process.env.QUADRANT_TEST_PG_URL;

if (!pgUrl) {
  describe('two servers on one PostgreSQL', () => {
    it.skip('needs a real PostgreSQL: set QUADRANT_TEST_PG_URL (skipped: it is unset)', () => undefined);
  });
} else {
  describe('two servers on one PostgreSQL (stateless servers behind a load balancer)', () => {
    let storage: TestStorage;
    let a: RunningServer;
    let b: RunningServer;

    beforeAll(async () => {
      storage = await freshStorage('postgres');
      [a, b] = [await startTestServer(storage), await startTestServer(storage)];
      const client = new Client({ connectionString: storage.config.databaseUrl! });
      await client.connect();
      await client.query(`CREATE TABLE orders AS SELECT 'c' || (i % 7) AS customer,
        DATE '2025-01-01' + i AS day, (i % 13) * 2.5 AS amount FROM generate_series(1, 200) AS i`);
      await client.end();
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await storage?.drop();
    });

    it('a dataset, a connected dataset and a run made on one server are seen and used on the other', async () => {
      const imported = await gql(a.url, 'mutation($i: ImportDatasetInput!) { importDataset(input: $i) { id } }', {
        i: { name: 'Customers', csv: 'id,ltv,visits\nc1,10,1\nc2,20,3\nc3,30,2\nc4,400,9\nc5,15,1\nc6,22,2\n' },
      });
      const connected = await gql(a.url, 'mutation($i: ConnectDatasetInput!) { connectDataset(input: $i) { id } }', {
        i: { name: 'Orders', table: 'orders' },
      });
      const seen = await gql(b.url, '{ datasets { id name source rowCount } }');
      expect(seen.data!.datasets).toEqual(
        expect.arrayContaining([
          { id: imported.data!.importDataset.id, name: 'Customers', source: 'STORED', rowCount: 6 },
          { id: connected.data!.connectDataset.id, name: 'Orders', source: 'CONNECTED', rowCount: 200 },
        ]),
      );
      const run = await gql(b.url, 'mutation($i: RfmInput!) { rfm(input: $i) { id rowCount } }', {
        i: {
          datasetId: connected.data!.connectDataset.id,
          customerColumn: 'customer',
          dateColumn: 'day',
          amountColumn: 'amount',
        },
      });
      expect(run.errors).toBeUndefined();
      const segment = await gql(b.url, 'mutation($i: SegmentInput!) { segment(input: $i) { id } }', {
        i: { datasetId: imported.data!.importDataset.id, features: ['ltv', 'visits'], k: 2 },
      });
      const back = await gql(a.url, '{ segmentations { id rowCount } }');
      expect(back.data!.segmentations.map((s: { id: string }) => s.id)).toEqual(
        expect.arrayContaining([run.data!.rfm.id, segment.data!.segment.id]),
      );
      expect(back.data!.segmentations.find((s: { id: string }) => s.id === run.data!.rfm.id).rowCount).toBe(7);
    });
  });
}
