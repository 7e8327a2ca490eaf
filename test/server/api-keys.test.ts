import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RunningServer } from '../../server/bootstrap';
import { authenticate, isLoopback } from '../../server/auth/authenticate';
import type { ApiKeyService } from '../../server/auth/api-key.service';
import { keysProgram } from '../../server/cli/keys';
import { DEFAULT_WORKSPACE_ID } from '../../server/storage/entities/workspace.entity';
import { ensureBuiltServer } from '../helpers/built-server';
import { backends, closeTestServer, gql, openTestServer, type TestStorage } from './helpers/server';

/** Runs `npm run keys -- …args` in-process against the suite's store; returns the printed lines. */
async function keysCli(storage: TestStorage, ...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const env = storage.config.databaseUrl
    ? { QUADRANT_DATABASE_URL: storage.config.databaseUrl }
    : { QUADRANT_DB: storage.config.sqlitePath };
  await keysProgram((line) => lines.push(line), env).parseAsync(['node', 'keys', ...args]);
  return lines;
}

describe.each(backends())('API keys on %s', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;

  beforeAll(async () => ({ storage, server } = await openTestServer(backend)));
  afterAll(() => closeTestServer(server, storage));

  it('on loopback with no key the server is open, for the demo workspace only', async () => {
    const res = await gql(server.url, '{ datasets { id } }');
    expect(res).toEqual({ status: 200, data: { datasets: [] } });
  });

  it('a malformed key is refused even while the server is open', async () => {
    const res = await gql(server.url, '{ datasets { id } }', undefined, 'qk_not-a-real-key');
    expect(res.status).toBe(401);
    expect(res.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data).toBeUndefined();
  });

  it('keys create prints the key alone on its last line; only its SHA-256 is stored', async () => {
    const out = await keysCli(storage, 'create', 'Ana in Excel', '--workspace', 'Acme');
    const key = out[out.length - 1];
    expect(key).toMatch(/^qk_[A-Za-z0-9_-]{43}$/);
    expect(out[0]).toMatch(/^Created key [0-9a-f-]{36} "Ana in Excel" for workspace "Acme"\.$/);
    const rows: Record<string, unknown>[] = await server.dataSource.query('SELECT * FROM api_key');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(rows[0].key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    const list = await keysCli(storage, 'list');
    expect(list).toEqual([expect.stringMatching(new RegExp(`^[0-9a-f-]{36}  ${key.slice(0, 11)}….*"Acme".*active$`))]);
  });

  describe('once a key exists', () => {
    let key: string;
    let id: string;
    beforeAll(async () => {
      const out = await keysCli(storage, 'create', 'script');
      key = out[out.length - 1];
      id = /Created key (\S+)/.exec(out[0])![1];
    });

    it('a request without a key answers UNAUTHENTICATED (401) and no data', async () => {
      const res = await gql(server.url, '{ datasets { id } }');
      expect(res.status).toBe(401);
      expect(res.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
      ]);
      expect(res.data).toBeUndefined();
    });

    it('a well-formed but unknown key answers UNAUTHENTICATED', async () => {
      const res = await gql(server.url, '{ datasets { id } }', undefined, `qk_${'A'.repeat(43)}`);
      expect(res.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('a key created without --workspace grants the demo workspace; a mutation works with it', async () => {
      const res = await gql(
        server.url,
        'mutation { importDataset(input: { name: "t", csv: "a\\n1\\n" }) { id rowCount } }',
        undefined,
        key,
      );
      expect(res.data!.importDataset.rowCount).toBe(1);
      const rows = await server.dataSource.query('SELECT workspace_id FROM dataset');
      expect(rows).toEqual([{ workspace_id: DEFAULT_WORKSPACE_ID }]);
    });

    it('a revoked key answers UNAUTHENTICATED at once, and revoking it twice is a one-line error', async () => {
      expect(await keysCli(storage, 'revoke', id)).toEqual([`Revoked key ${id}.`]);
      const res = await gql(server.url, '{ datasets { id } }', undefined, key);
      expect(res.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
      await expect(keysCli(storage, 'revoke', id)).rejects.toThrow(`no active key with id ${id}`);
    });

    it('/health stays open and reveals nothing but its status', async () => {
      const res = await fetch(`${server.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });
  });
});

describe('authenticate(authorization, keys, openOnLoopback)', () => {
  const noKeys = { anyKeyExists: async () => false, workspaceOf: async () => null } as unknown as ApiKeyService;

  it('off loopback, a request without a key is refused even when no key exists', async () => {
    await expect(authenticate(undefined, noKeys, false)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(authenticate(undefined, noKeys, true)).resolves.toBe(DEFAULT_WORKSPACE_ID);
  });

  it('isLoopback tells this machine from the network', () => {
    expect(['127.0.0.1', '127.3.2.1', '::1', 'localhost'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '10.0.0.5', '192.168.1.2'].map(isLoopback)).toEqual([false, false, false, false]);
  });
});

describe.each(backends())('the built keys CLI on %s, as its own process beside a running server', (backend) => {
  let storage: TestStorage;
  let server: RunningServer;

  beforeAll(async () => ({ storage, server } = await openTestServer(backend)));
  afterAll(() => closeTestServer(server, storage));

  it('create prints the key alone on the last line, and the running server accepts it at once', () => {
    ensureBuiltServer();
    const env = storage.config.databaseUrl
      ? { QUADRANT_DATABASE_URL: storage.config.databaseUrl }
      : { QUADRANT_DB: storage.config.sqlitePath! };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(__dirname, '../../dist/server/cli/keys.js'), ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      });
    const created = run('create', 'ci', '--workspace', 'Builds');
    expect(created.status).toBe(0);
    const key = created.stdout.trim().split('\n').pop()!;
    expect(key).toMatch(/^qk_[A-Za-z0-9_-]{43}$/);
    return gql(server.url, '{ datasets { id } }', undefined, key).then((res) => {
      expect(res.data).toEqual({ datasets: [] });
      const bad = run('revoke', 'no-such-id');
      expect(bad.status).toBe(1);
      expect(bad.stderr).toBe('keys: no active key with id no-such-id\n');
    });
  });
});
