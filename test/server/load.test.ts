import type { RunningServer } from '../../server/bootstrap';
import { runLoad } from '../../bench/load/load';
import { closeTestServer, openTestServer, type TestStorage } from './helpers/server';

/** The CI cut of `npm run load`: a few seconds of 50 mixed clients against a real server, and not one error. */
describe('a short mixed load (npm run load in miniature)', () => {
  let storage: TestStorage;
  let server: RunningServer;

  beforeAll(async () => ({ storage, server } = await openTestServer('sqlite')));
  afterAll(() => closeTestServer(server, storage));

  it('50 clients of small queries and segmentations for 4 s answer every request without an error', async () => {
    const report = await runLoad({
      url: server.url,
      duration: 4,
      connections: 50,
      heavyConnections: 3,
      heavyRows: 1000,
      // Paced small clients (5 requests/s each), as `npm run load` paces them: unpaced, 47 clients can keep a
      // busy 2-core CI machine's event loop so full that no segmentation finishes within the 4 s.
      smallRate: 5,
    });
    const [small, heavy] = report.kinds;
    expect(small.requests).toBeGreaterThan(50);
    expect(heavy.requests).toBeGreaterThan(0);
    expect(report.errors).toBe(0);
  });
});
