import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';
import { startServer, type RunningServer } from '../../../server/bootstrap';
import { readConfig, type Config } from '../../../server/config';

export type Backend = 'sqlite' | 'postgres';

/**
 * The storage backends a server suite runs against: SQLite always; PostgreSQL too when QUADRANT_TEST_PG_URL points
 * at a server whose user may create databases (CI starts one; see .ci/run).
 */
export function backends(): Backend[] {
  return process.env.QUADRANT_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestStorage {
  backend: Backend;
  config: Partial<Config>;
  drop(): Promise<void>;
}

/** A fresh, empty store: a new SQLite file in a temp folder, or a new PostgreSQL database. */
export async function freshStorage(backend: Backend): Promise<TestStorage> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'quadrant-test-'));
    return {
      backend,
      config: { sqlitePath: join(dir, 'quadrant.sqlite'), databaseUrl: null },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = process.env.QUADRANT_TEST_PG_URL!;
  const name = `quadrant_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    backend,
    config: { databaseUrl: url.toString() },
    drop: () => dropDatabase(admin, name),
  };
}

/**
 * Drops a test database once its server is closed. A plain DROP first: PostgreSQL itself stops an autovacuum worker
 * busy in that database (after a big test table, one often is), whereas `WITH (FORCE)` would refuse to terminate it
 * for a role that is not superuser ("must be a member of the role whose process is being terminated"). FORCE only
 * when a plain drop keeps finding other sessions; the admin connection is always closed, so jest can exit.
 */
async function dropDatabase(admin: string, name: string): Promise<void> {
  const c = new Client({ connectionString: admin });
  await c.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch (err) {
        // 55006 object_in_use: another session is still connected.
        if ((err as { code?: string }).code !== '55006') throw err;
        if (attempt >= 4) {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
      }
    }
  } finally {
    await c.end();
  }
}

/**
 * Starts Quadrant on a free loopback port over the given storage; demo seeding off unless asked for; only warnings
 * and errors logged (to `logDestination` when given, so a suite can read them).
 */
export async function startTestServer(
  storage: TestStorage,
  overrides: Partial<Config> = {},
  logDestination?: DestinationStream,
): Promise<RunningServer> {
  const config: Config = {
    ...readConfig({}),
    port: 0,
    host: '127.0.0.1',
    seedDemo: false,
    logLevel: 'warn',
    ...storage.config,
    ...overrides,
  };
  return startServer(config, logDestination);
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

/** One GraphQL request over real HTTP, with an API key when given. */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  apiKey?: string,
): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    // A fresh connection per request: a suite that computes its expectations for a minute on the test thread would
    // otherwise reuse a keep-alive socket the server closed meanwhile (ECONNRESET), a race of the test, not the server.
    headers: {
      'content-type': 'application/json',
      connection: 'close',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/** The id of a stored dataset by name (the demo workspace's datasets, for example). */
export async function datasetId(url: string, name: string): Promise<string> {
  const res = await gql<{ datasets: { id: string; name: string }[] }>(url, '{ datasets { id name } }');
  const found = res.data!.datasets.find((d) => d.name === name);
  if (!found) throw new Error(`no dataset named ${name}`);
  return found.id;
}

/** A fresh store and a server over it, for a suite's beforeAll. */
export async function openTestServer(
  backend: Backend,
  overrides: Partial<Config> = {},
): Promise<{ storage: TestStorage; server: RunningServer }> {
  const storage = await freshStorage(backend);
  return { storage, server: await startTestServer(storage, overrides) };
}

/** Stops the server and drops its store, for a suite's afterAll (either may be missing if beforeAll failed). */
export async function closeTestServer(
  server: RunningServer | undefined,
  storage: TestStorage | undefined,
): Promise<void> {
  await server?.close();
  await storage?.drop();
}
