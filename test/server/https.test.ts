import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { closeTestServer, openTestServer, type TestStorage } from './helpers/server';

const ROOT = join(__dirname, '..', '..');

/** A GET or POST over HTTPS trusting only `ca`. */
function fetchTls(url: string, ca: Buffer, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { ca, method: body ? 'POST' : 'GET', headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTPS with the certificates of npm run certs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quadrant-certs-'));
  let storage: TestStorage;
  let server: RunningServer;
  let ca: Buffer;

  beforeAll(async () => {
    const made = spawnSync(process.execPath, [join(ROOT, 'scripts', 'make-certs.mjs'), '--dir', dir], {
      encoding: 'utf8',
    });
    if (made.status !== 0) throw new Error(made.stderr);
    ca = readFileSync(join(dir, 'ca.crt'));
    ({ storage, server } = await openTestServer('sqlite', {
      tlsCertPath: join(dir, 'localhost.crt'),
      tlsKeyPath: join(dir, 'localhost.key'),
    }));
  });
  afterAll(async () => {
    await closeTestServer(server, storage);
    rmSync(dir, { recursive: true, force: true });
  });

  test('the server answers /health, /graphql and the pane over HTTPS, trusted through the generated CA', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetchTls(`${server.url}/health`, ca)).status).toBe(200);
    const graphql = await fetchTls(`${server.url}/graphql`, ca, JSON.stringify({ query: '{ datasets { id } }' }));
    expect(JSON.parse(graphql.text)).toEqual({ data: { datasets: [] } });
    const pane = await fetchTls(`${server.url}/addin/taskpane.html`, ca);
    expect(pane.status).toBe(200);
    expect(pane.text).toContain('Segment selection');
  });

  test('an untrusted client is refused by TLS itself', async () => {
    await expect(fetchTls(`${server.url}/health`, Buffer.from(''))).rejects.toThrow();
  });

  test('readConfig wants QUADRANT_TLS_CERT and QUADRANT_TLS_KEY together', () => {
    expect(readConfig({ QUADRANT_TLS_CERT: 'a.crt', QUADRANT_TLS_KEY: 'a.key' })).toMatchObject({
      tlsCertPath: 'a.crt',
      tlsKeyPath: 'a.key',
    });
    expect(() => readConfig({ QUADRANT_TLS_CERT: 'a.crt' })).toThrow(
      'QUADRANT_TLS_CERT and QUADRANT_TLS_KEY go together: set both (npm run certs prints them) or neither',
    );
    expect(readConfig({})).toMatchObject({ tlsCertPath: null, tlsKeyPath: null });
  });
});
