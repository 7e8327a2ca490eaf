import { Client } from 'pg';
import type { RunningServer } from '../../../server/bootstrap';
import { STATEMENT_STATS_MISSING, statementTotals } from '../../../server/warehouse/statement-stats';
import { closeTestServer, gql, openTestServer, type TestStorage } from '../helpers/server';

const pgUrl = process.env.QUADRANT_TEST_PG_URL;
const EVENTS = 1_000_000;
const USERS = 200_000;

const FUNNEL = `query($input: FunnelInput!) { funnel(input: $input) {
  users steps { name users medianSecondsFromPrevious } breakdown { value users }
} }`;

if (!pgUrl) {
  describe('a funnel on a 1M-event connected table', () => {
    it.skip('needs a real PostgreSQL: set QUADRANT_TEST_PG_URL (skipped: it is unset)', () => undefined);
  });
} else {
  describe('a funnel on a 1M-event connected table (PostgreSQL)', () => {
    let storage: TestStorage;
    let server: RunningServer;

    beforeAll(async () => {
      ({ storage, server } = await openTestServer('postgres'));
      const client = new Client({ connectionString: storage.config.databaseUrl! });
      await client.connect();
      await client.query('SELECT setseed(0.5)');
      await client.query(`CREATE TABLE events AS
        SELECT 'u' || (g % ${USERS}) AS user_id,
               (ARRAY['visit', 'visit', 'visit', 'signup', 'signup', 'trial', 'paid', 'other'])[1 + floor(random() * 8)::int] AS step,
               TIMESTAMPTZ '2025-01-01 00:00:00+00' + floor(random() * 30 * 86400) * INTERVAL '1 second' AS ts,
               (ARRAY['web', 'ios', 'android'])[1 + floor(random() * 3)::int] AS device
        FROM generate_series(1, ${EVENTS}) AS g`);
      await client.query('ANALYZE events');
      await client.end();
    }, 120_000);
    afterAll(() => closeTestServer(server, storage));

    it('brings back only aggregates: a few rows per group, counted by the driver and by pg_stat_statements', async () => {
      const connected = await gql(
        server.url,
        'mutation { connectDataset(input: { name: "Events", table: "events" }) { id rowCount } }',
      );
      expect(connected.data!.connectDataset.rowCount).toBe(EVENTS);
      const warehouse = server.services.connected!.warehouse;
      // PostgreSQL's own count: pg_stat_statements, read from the database of QUADRANT_TEST_PG_URL, where
      // scripts/start-postgres.sh creates the extension; the test database is picked out by name.
      const stats = new Client({ connectionString: pgUrl });
      await stats.connect();
      const database = new URL(storage.config.databaseUrl!).pathname.slice(1);
      const statsBefore = await statementTotals(stats, database);
      if (!statsBefore) {
        await stats.end();
        throw new Error(STATEMENT_STATS_MISSING);
      }
      const before = warehouse.rowsReturned;
      const res = await gql(server.url, FUNNEL, {
        input: {
          datasetId: connected.data!.connectDataset.id,
          userColumn: 'user_id',
          stepColumn: 'step',
          timeColumn: 'ts',
          steps: ['visit', 'signup', 'trial', 'paid'],
          breakdownColumn: 'device',
        },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.funnel.users).toBeGreaterThan(150_000);
      const returned = warehouse.rowsReturned - before;
      // step checks (4) + breakdown values (3) + counts per group (≤ 5) + medians overall and per group (≤ 3 × 6)
      expect(returned).toBeLessThanOrEqual(30);
      expect(returned).toBeGreaterThan(0);
      const statsAfter = (await statementTotals(stats, database))!;
      await stats.end();
      // Every row any statement of the test database returned while the funnel ran: the warehouse's aggregates and
      // the catalogue's look-up of the dataset (24 rows in 13 statements here), against 1M events in the table.
      const rows = statsAfter.rows - statsBefore.rows;
      expect(rows).toBeGreaterThanOrEqual(returned);
      expect(rows).toBeLessThanOrEqual(returned + 5);
      expect(statsAfter.calls - statsBefore.calls).toBeLessThan(40);
    }, 120_000);
  });
}
