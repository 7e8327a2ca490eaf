import { Command } from 'commander';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLoadReport, runLoad } from './load';

/**
 * `npm run load`: 50 concurrent clients on loopback for 30 s, most sending small queries and a few heavy
 * segmentations; prints throughput, p50/p99 per kind, errors and the server's peak memory. Without --url it starts
 * its own server (`node dist/server/main.js`) on a fresh SQLite store so the figures are reproducible.
 */
async function main(): Promise<void> {
  const program = new Command('load')
    .option('--url <url>', 'a running server (default: start one on a temporary SQLite store)')
    .option('--key <key>', 'API key, when the server requires one (or QUADRANT_API_KEY)')
    .option('--pid <pid>', 'the running server’s pid, to sample its memory (with --url)')
    .option('--duration <seconds>', 'seconds of load', '30')
    .option('--connections <n>', 'concurrent clients', '50')
    .option('--heavy <n>', 'of those, clients sending heavy segmentations', '5')
    .option('--heavy-rows <n>', 'rows of the dataset the segmentations run on', '5000')
    .option('--small-rate <n>', 'requests per second per small client (0 = unpaced)', '2')
    .option('--max-rss-mb <mb>', 'the memory bound to report against', '1024')
    .parse();
  const o = program.opts<Record<string, string | undefined>>();

  let server: { child: ChildProcess; url: string; dir: string } | undefined;
  if (!o.url) server = await startOwnServer();
  try {
    const url = o.url ?? server!.url;
    const pid = o.pid ? Number(o.pid) : server?.child.pid;
    const options = {
      url,
      apiKey: o.key ?? process.env.QUADRANT_API_KEY,
      duration: Number(o.duration),
      connections: Number(o.connections),
      heavyConnections: Number(o.heavy),
      heavyRows: Number(o.heavyRows),
      smallRate: Number(o.smallRate),
      serverPid: pid,
    };
    console.log(
      `Load on ${url}: ${options.connections} clients (${options.heavyConnections} heavy) for ${options.duration} s; ` +
        `small clients ${options.smallRate > 0 ? `${options.smallRate} req/s each` : 'unpaced'}; ` +
        `segmentations on ${options.heavyRows} rows …`,
    );
    const report = await runLoad(options);
    console.log(formatLoadReport(report, Number(o.maxRssMb)));
    process.exitCode = report.errors === 0 ? 0 : 1;
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((r) => server!.child.once('exit', r));
      rmSync(server.dir, { recursive: true, force: true });
    }
  }
}

async function startOwnServer(): Promise<{ child: ChildProcess; url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'quadrant-load-'));
  const child = spawn(process.execPath, ['--max-semi-space-size=32', join(__dirname, '../../server/main.js')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      QUADRANT_DB: join(dir, 'quadrant.sqlite'),
      QUADRANT_DEMO: '0',
      QUADRANT_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Quadrant is running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error(`the server exited before starting:\n${out}`)));
  });
  return { child, url, dir };
}

main().catch((error: unknown) => {
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
