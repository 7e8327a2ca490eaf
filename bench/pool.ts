import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/bootstrap';
import { DEFAULT_POOL_MIN_CELLS, readConfig, type Config } from '../server/config';
import { AnalysisPool } from '../server/pool/analysis-pool';
import { inputCells, reportAnalyses, type ReportName } from '../server/pool/report-analyses';
import { DEFAULT_WORKSPACE_ID } from '../server/storage/entities/workspace.entity';
import type { Table } from '../shared/table/types';
import { COMMERCE_REPORTS, commerceTable } from './commerce-events';
import { median, percentile } from './data';
import type { BenchResult, BenchSuite } from './types';

const BIG_EVENTS = 2_000_000;
const HEALTH_P99_GOAL_MS = 50;
/** Rows of the threshold sweep; each report reads its own columns of them. */
const SWEEP_ROWS = [1000, 3000, 10_000, 30_000, 100_000];
const RUNS = 11;

/** Each report's arguments over commerce events, with the columns it reads (the cells that size it). */
const reportArgs: { [N in ReportName]: (events: Table) => Parameters<(typeof reportAnalyses)[N]>[0] } = {
  funnel: (events) => ({
    events: only(events, ['user', 'event', 'time', 'device']),
    options: { ...COMMERCE_REPORTS.funnel, breakdownColumn: 'device' },
  }),
  channels: (events) => ({
    users: only(events, ['channel', 'converted', 'revenue', 'device']),
    options: COMMERCE_REPORTS.channels,
  }),
  experiment: (events) => ({
    table: only(events, ['variant', 'converted', 'revenue', 'spend']),
    options: COMMERCE_REPORTS.experiment,
  }),
  periodComparison: (events) => ({
    table: only(events, ['year', 'revenue', 'user', 'channel', 'device']),
    options: COMMERCE_REPORTS.periodComparison,
  }),
  correlations: (events) => ({
    table: only(events, COMMERCE_REPORTS.correlations.columns),
    options: COMMERCE_REPORTS.correlations,
  }),
  cohorts: (events) => ({ table: only(events, ['user', 'time', 'revenue']), options: COMMERCE_REPORTS.cohorts }),
};

/**
 * The worker pool for the reports (funnel, channels, experiment, period comparison, correlations, cohorts):
 * 1. the threshold: each report at growing sizes, computed in place and handed to a one-thread pool (the hop:
 *    moving typed arrays, cloning strings in slices, the reply), to find the size from which the event loop would
 *    be held longer than the hop costs the request;
 * 2. /health over HTTP while a 2,000,000-event funnel is asked of a real server (stored SQLite dataset), with the
 *    reports in place (a pool of no threads) and in the pool: latency over the whole request, loading included.
 */
export const suite: BenchSuite = async () => [...(await threshold()), ...(await healthDuringFunnel())];

async function threshold(): Promise<BenchResult[]> {
  const pool = new AnalysisPool({ threads: 1, minRows: 0, minCells: 0 });
  const results: BenchResult[] = [];
  const crossings: string[] = [];
  try {
    for (const name of Object.keys(reportArgs) as ReportName[]) {
      const run = reportAnalyses[name] as (args: unknown) => unknown;
      const favoursPool: { cells: number; yes: boolean }[] = [];
      for (const rows of SWEEP_ROWS) {
        const events = commerceTable(rows, Math.max(10, Math.round(rows / 6)));
        const args = () => reportArgs[name](structuredClone(events));
        const inline: number[] = [];
        const pooled: number[] = [];
        for (let r = 0; r <= RUNS; r++) {
          const a = args();
          let t0 = performance.now();
          run(a);
          const inlineMs = performance.now() - t0;
          const b = args();
          t0 = performance.now();
          await pool.run(name, b as never, { rows: 0, cells: inputCells(b) });
          const pooledMs = performance.now() - t0;
          // The first round warms both paths (JIT, the thread's first load of the core).
          if (r > 0) {
            inline.push(inlineMs);
            pooled.push(pooledMs);
          }
        }
        const cells = inputCells(args());
        const inlineMs = median(inline);
        const hopMs = median(pooled) - inlineMs;
        favoursPool.push({ cells, yes: inlineMs >= hopMs });
        results.push({
          name: `${name} ${rows.toLocaleString('en-US')} rows (${cells.toLocaleString('en-US')} cells): in place vs in the pool`,
          oursMs: median(pooled),
          peer: 'in place (event loop)',
          peerMs: inlineMs,
          notes: `the hop adds ${hopMs.toFixed(2)} ms; in place holds the event loop ${inlineMs.toFixed(2)} ms`,
        });
      }
      // The smallest size from which every larger one too holds the event loop longer than the hop costs.
      let from = favoursPool.length;
      while (from > 0 && favoursPool[from - 1].yes) from--;
      const crossing = from < favoursPool.length ? favoursPool[from].cells.toLocaleString('en-US') : '> sweep';
      crossings.push(`${name} ${crossing}`);
    }
  } finally {
    await pool.close();
  }
  results.push({
    name: 'pool threshold: cells from which in place holds the event loop longer than the hop adds',
    oursMs: NaN,
    peer: null,
    peerMs: null,
    notes: `${crossings.join(', ')}; QUADRANT_POOL_MIN_CELLS default ${DEFAULT_POOL_MIN_CELLS.toLocaleString('en-US')}`,
  });
  return results;
}

async function healthDuringFunnel(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'quadrant-bench-pool-'));
  const config: Config = {
    ...readConfig({}),
    port: 0,
    seedDemo: false,
    logLevel: 'warn',
    sqlitePath: join(dir, 'bench.sqlite'),
  };
  try {
    let id = '';
    const results: BenchResult[] = [];
    for (const mode of ['in place', 'in the pool'] as const) {
      const server = await startServer({ ...config, databaseUrl: null, poolThreads: mode === 'in place' ? 0 : 2 });
      try {
        if (!id) {
          const events = commerceTable(BIG_EVENTS, Math.round(BIG_EVENTS / 6));
          const table = { rowCount: BIG_EVENTS, columns: events.columns.filter((c) => c.name !== 'spend') };
          id = (await server.services.datasets.store(DEFAULT_WORKSPACE_ID, 'events 2M', table)).id;
        }
        results.push(await probedFunnel(server, id, mode));
      } finally {
        await server.close();
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function probedFunnel(server: RunningServer, id: string, mode: string): Promise<BenchResult> {
  const idle = await probe(server, 100, () => true);
  // A first funnel warms both paths (the JIT, the worker's first load of the core); a second, unprobed, is timed.
  await funnel(server, id);
  const quietMs = await funnel(server, id);
  let running = true;
  const big = funnel(server, id).finally(() => (running = false));
  const busy = await probe(server, 5000, () => running);
  const funnelMs = await big;
  const all = percentiles(busy.map((p) => p.ms));
  const computing = percentiles(busy.filter((p) => p.inPool).map((p) => p.ms));
  const met = all.p99 < HEALTH_P99_GOAL_MS ? 'met' : 'NOT met';
  const phases =
    computing.count > 0
      ? `; while the pool computed: p50 ${computing.p50.toFixed(1)} ms, p99 ${computing.p99.toFixed(1)} ms over ` +
        `${computing.count} probes`
      : '';
  return {
    name: `/health while a ${BIG_EVENTS.toLocaleString('en-US')}-event funnel (stored, SQLite) is asked, ${mode}`,
    oursMs: all.p99,
    peer: null,
    peerMs: null,
    notes:
      `from request to answer, loading included: p50 ${all.p50.toFixed(1)} ms, p99 ${all.p99.toFixed(1)} ms over ` +
      `${all.count} probes${phases} (idle p99 ${percentiles(idle.map((p) => p.ms)).p99.toFixed(1)} ms); the ` +
      `funnel answered in ${(funnelMs / 1000).toFixed(1)} s (${(quietMs / 1000).toFixed(1)} s with no probes); goal p99 < ${HEALTH_P99_GOAL_MS} ms: ${met}`,
  };
}

/** Milliseconds of one 2,000,000-event funnel query over HTTP, checked to succeed. */
async function funnel(server: RunningServer, id: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query($input: FunnelInput!) { funnel(input: $input) { users } }',
      variables: {
        input: { datasetId: id, ...COMMERCE_REPORTS.funnel, breakdownColumn: 'device' },
      },
    }),
  });
  const body = (await res.json()) as { errors?: { message: string }[] };
  if (body.errors) throw new Error(`funnel failed: ${body.errors[0].message}`);
  return performance.now() - t0;
}

/** GET /health one after another (5 ms apart) while `going`: each probe's ms and whether the pool was computing. */
async function probe(
  server: RunningServer,
  max: number,
  going: () => boolean,
): Promise<{ ms: number; inPool: boolean }[]> {
  const probes: { ms: number; inPool: boolean }[] = [];
  while (probes.length < max && going()) {
    const inPool = server.services.analyses.pool.stats.running > 0;
    const t0 = performance.now();
    const res = await fetch(`${server.url}/health`);
    await res.json();
    probes.push({ ms: performance.now() - t0, inPool });
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return probes;
}

function percentiles(values: number[]): { p50: number; p99: number; count: number } {
  return { p50: percentile(values, 0.5), p99: percentile(values, 0.99), count: values.length };
}

function only(table: Table, names: string[]): Table {
  return { rowCount: table.rowCount, columns: table.columns.filter((c) => names.includes(c.name)) };
}
