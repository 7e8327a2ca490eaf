import { Client } from 'pg';
import type { RunningServer } from '../../../server/bootstrap';
import { demoDatasets } from '../../../server/demo';
import type { Cell } from '../../../shared/table/types';
import { closeTestServer, gql, openTestServer, type TestStorage } from '../helpers/server';
import { differences } from './compare';
import { twinDatasets, type Twins } from './twin-datasets';

const pgUrl = process.env.QUADRANT_TEST_PG_URL;

const FUNNEL = `query($input: FunnelInput!) { funnel(input: $input) {
  users unmatchedUsers order warnings
  steps { name users conversionFromPrevious conversionFromStart dropOff dropOffRate medianSecondsFromPrevious usersWithEvent }
  breakdown { value users steps { name users conversionFromPrevious conversionFromStart dropOff medianSecondsFromPrevious usersWithEvent } }
} }`;

/** Edge cases: ties in time, repeated events, events before step 1, missing users and values, a window edge. */
const EDGE_EVENTS: [string, string[], Cell[][]] = [
  'Edge events',
  ['user', 'event', 'ts', 'device'],
  [
    ['a', 'visit', 100, 'web'],
    ['a', 'visit', 100, 'web'], // the same step-1 event twice in the same instant
    ['a', 'signup', 100, 'web'], // same instant as step 1 counts as in order
    ['a', 'buy', 160, 'web'],
    ['b', 'signup', 50, 'ios'], // before b's first visit: does not count for ORDERED
    ['b', 'visit', 60, 'ios'],
    ['b', 'visit', 70, 'ios'], // a repeated step-1 event does not restart the funnel
    ['b', 'signup', 80, null],
    ['b', 'buy', 3660, 'ios'], // exactly at the edge of a 3600 s window from b's visit at 60
    ['c', 'signup', 10, 'web'], // no visit: never in the funnel
    ['c', 'other', 11, 'web'],
    [null, 'visit', 5, 'web'], // no user: left out with a warning
    ['d', 'visit', 0, null], // no device on the first step: "(missing)"
    ['d', 'signup', 30, 'web'],
    ['d', 'signup', 20, 'web'],
    ['d', 'buy', 25, 'web'], // before the counted signup at 20? no: 25 ≥ 20 counts
    ['e', 'visit', 1000, 'android'],
    ['e', 'buy', 1001, 'android'],
    ['f', 'visit', 10, 'web'],
    ['f', 'signup', 40, 'web'],
  ],
];
const EDGE_USERS: [string, string[], Cell[][]] = [
  'Edge users',
  ['user', 'plan'],
  [
    ['a', 'pro'],
    ['b', 'basic'],
    ['b', 'pro'], // listed twice with different values
    ['d', null],
    ['z', 'pro'], // no events
    ['f', 'basic'],
  ],
];

if (!pgUrl) {
  describe('pushdown: connected analyses equal the in-memory ones', () => {
    it.skip('needs a real PostgreSQL: set QUADRANT_TEST_PG_URL (skipped: it is unset)', () => undefined);
  });
} else {
  describe('pushdown: connected analyses equal the in-memory ones (PostgreSQL)', () => {
    let storage: TestStorage;
    let server: RunningServer;
    let client: Client;
    const twins = new Map<string, Twins>();

    beforeAll(async () => {
      ({ storage, server } = await openTestServer('postgres'));
      client = new Client({ connectionString: storage.config.databaseUrl! });
      await client.connect();
      for (const demo of demoDatasets()) {
        twins.set(demo.name, await twinDatasets(server, client, demo.name, demo.header, demo.rows as Cell[][]));
      }
      for (const [name, header, rows] of [EDGE_EVENTS, EDGE_USERS]) {
        twins.set(name, await twinDatasets(server, client, name, header, rows));
      }
    }, 120_000);
    afterAll(async () => {
      await client?.end();
      await closeTestServer(server, storage);
    });

    /** Runs the query on the connected and the stored twin; the figures must agree; returns the connected one. */
    async function both(query: string, field: string, input: (id: (name: string) => string) => object) {
      const connected = await gql(server.url, query, { input: input((n) => twins.get(n)!.connected) });
      const stored = await gql(server.url, query, { input: input((n) => twins.get(n)!.stored) });
      expect(connected.errors).toBeUndefined();
      expect(stored.errors).toBeUndefined();
      expect(differences(connected.data![field], stored.data![field])).toEqual([]);
      return connected.data![field];
    }

    const demoFunnel = (id: (n: string) => string) => ({
      datasetId: id('Website events'),
      userColumn: 'user_id',
      stepColumn: 'step',
      timeColumn: 'timestamp',
      steps: ['visit', 'signup', 'trial', 'paid'],
    });

    it('funnel ORDERED on the demo events, overall and by a stored or connected users table', async () => {
      const plain = await both(FUNNEL, 'funnel', demoFunnel);
      expect(plain.steps[0].users).toBeGreaterThan(1000);
      const byStored = await both(FUNNEL, 'funnel', (id) => ({
        ...demoFunnel(id),
        attributes: { datasetId: twins.get('Users')!.stored, userColumn: 'user_id', column: 'segment' },
      }));
      expect(byStored.breakdown.length).toBeGreaterThan(2);
      await both(FUNNEL, 'funnel', (id) => ({
        ...demoFunnel(id),
        attributes: { datasetId: id('Users'), userColumn: 'user_id', column: 'segment' },
      }));
    });

    it('funnel ANY order and a conversion window on the demo events', async () => {
      await both(FUNNEL, 'funnel', (id) => ({ ...demoFunnel(id), order: 'ANY' }));
      await both(FUNNEL, 'funnel', (id) => ({ ...demoFunnel(id), conversionWindowSeconds: 3 * 86400 }));
      await both(FUNNEL, 'funnel', (id) => ({ ...demoFunnel(id), timeColumn: null }));
    });

    const edgeFunnel = (id: (n: string) => string) => ({
      datasetId: id('Edge events'),
      userColumn: 'user',
      stepColumn: 'event',
      timeColumn: 'ts',
      steps: ['visit', 'signup', 'buy'],
    });

    it('funnel edge cases: ties, repeats, steps before step 1, missing users and values, the window edge', async () => {
      const ordered = await both(FUNNEL, 'funnel', (id) => ({ ...edgeFunnel(id), breakdownColumn: 'device' }));
      // a: visit 100, signup 100 (tie counts), buy 160; b: visit 60, signup 80, buy 3660; d: visit 0, signup 20,
      // buy 25; e: visit, no signup; f: visit, signup 40
      expect(ordered.steps.map((s: { users: number }) => s.users)).toEqual([5, 4, 3]);
      expect(ordered.warnings).toContain('userColumn: left out 1 funnel-step row with no user in "user"');
      const web = ordered.breakdown.find((b: { value: string }) => b.value === 'web');
      expect(web.users).toBe(2); // a and f; d's first visit has no device
      const windowed = await both(FUNNEL, 'funnel', (id) => ({ ...edgeFunnel(id), conversionWindowSeconds: 3600 }));
      expect(windowed.steps[2].users).toBe(3); // b's buy at exactly 3600 s counts
      const tighter = await both(FUNNEL, 'funnel', (id) => ({ ...edgeFunnel(id), conversionWindowSeconds: 3599 }));
      expect(tighter.steps[2].users).toBe(2);
      await both(FUNNEL, 'funnel', (id) => ({ ...edgeFunnel(id), order: 'ANY' }));
      const joined = await both(FUNNEL, 'funnel', (id) => ({
        ...edgeFunnel(id),
        attributes: { datasetId: twins.get('Edge users')!.stored, userColumn: 'user', column: 'plan' },
      }));
      expect(joined.unmatchedUsers).toBe(1);
    });
  });
}
