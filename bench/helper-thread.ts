import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Helper } from '../shared/parallel/helper';
import { helperLinks, leadHelper } from '../server/pool/helper-link';

/**
 * A second thread for in-process races, serving Helper jobs as a pool thread does for a segment task
 * (server/pool/helper-link's serveHelper), so a kernel can be timed the way the server runs it: its work split
 * with one helper thread.
 */
export class HelperThread {
  private readonly worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const { serveHelper } = require(${JSON.stringify(join(__dirname, '..', 'server', 'pool', 'helper-link.js'))});
     parentPort.on('message', (link) => { parentPort.postMessage('ready'); parentPort.postMessage(serveHelper(link, 60000)); });`,
    { eval: true },
  );

  /** Runs fn (synchronously, on this thread) with the helper thread taking the jobs it offers; its time in ms. */
  async run<T>(fn: (helper: Helper) => T): Promise<{ ms: number; value: T; jobs: number }> {
    const { lead, follow } = helperLinks();
    const replies: unknown[] = [];
    const next = () =>
      new Promise<unknown>((resolve) => {
        if (replies.length > 0) resolve(replies.shift());
        else this.worker.once('message', resolve);
      });
    this.worker.postMessage(follow, [follow.port]);
    await next();
    const helper = leadHelper(lead);
    const start = performance.now();
    const value = fn(helper);
    const ms = performance.now() - start;
    helper.stop();
    return { ms, value, jobs: Number(await next()) };
  }

  /** Median time of `runs` runs after one unmeasured run, as data.ts's timed. */
  async timed<T>(runs: number, fn: (helper: Helper) => T): Promise<{ ms: number; value: T; jobs: number }> {
    await this.run(fn);
    const results = [];
    for (let r = 0; r < runs; r++) results.push(await this.run(fn));
    results.sort((a, b) => a.ms - b.ms);
    return results[results.length >> 1];
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
