import type { RunningServer } from '../../server/bootstrap';
import { type TestStorage, openTestServer, closeTestServer } from './helpers/server';

describe('the HTTP surface', () => {
  let storage: TestStorage;
  let server: RunningServer;

  beforeAll(async () => ({ storage, server } = await openTestServer('sqlite')));
  afterAll(() => closeTestServer(server, storage));

  it('GET /health reports that storage answers, and nothing more', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('a browser GET of /graphql opens GraphiQL served from this server, no CDN', async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script>/);
    const scripts = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThanOrEqual(5);
    for (const src of scripts) {
      expect(src.startsWith('/')).toBe(true);
      const asset = await fetch(`${server.url}${src}`);
      expect(asset.status).toBe(200);
      const body = await asset.text();
      if (src === '/vendor/graphiql-start.js') expect(body).toContain('GraphiQL.createFetcher({ url: "/graphql" })');
      else if (!src.endsWith('-page.css')) expect(body.length).toBeGreaterThan(1000);
    }
  });

  it('a GET query still reaches the API', async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ datasets { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await res.json()).toEqual({ data: { datasets: [] } });
  });

  it('an unexpected fault answers INTERNAL_SERVER_ERROR without a stack trace', async () => {
    const original = server.services.datasets.list;
    server.services.datasets.list = async () => {
      throw new Error('disk on fire at /secret/path');
    };
    const spy = jest.spyOn(server.logger, 'error').mockImplementation(() => undefined);
    try {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ datasets { id } }' }),
      });
      const json = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(json.errors[0]).toEqual({
        message: 'Internal server error',
        path: ['datasets'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      // The cause is in the server's log, with its stack.
      expect(spy).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.objectContaining({ message: 'disk on fire at /secret/path' }) }),
        'internal error',
      );
    } finally {
      server.services.datasets.list = original;
      spy.mockRestore();
    }
  });
});
