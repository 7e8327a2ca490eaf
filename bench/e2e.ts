import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/bootstrap';
import { readConfig } from '../server/config';
import { DEFAULT_WORKSPACE_ID } from '../server/storage/entities/workspace.entity';
import { createRng } from '../shared/random';
import { silhouetteRowsFor } from '../shared/segment/choose-k';
import { kMeans } from '../shared/segment/kmeans';
import { preprocess } from '../shared/segment/preprocess';
import { sampledSilhouette, SILHOUETTE_SAMPLE_SIZE } from '../shared/segment/sampled-silhouette';
import { runSegmentation } from '../shared/segment/segment';
import type { Table } from '../shared/table/types';
import { percentile } from './data';
import { runPeers } from './python-peers';
import type { BenchResult, BenchSuite } from './types';

const D = 8;
const K = 8;
/** The issue's goals for the GraphQL path on this machine. */
const FIXED_K_GOAL_RATIO = 1.5;
const CHOOSE_K_GOAL_MS = 5000;
const HEALTH_P99_GOAL_MS = 50;
/**
 * Fixed-k requests made before timing, and timed (their median is the figure): a server in use has its worker
 * threads' code compiled, as scikit-learn's is (peers.py also drops a first run and takes a median). Each pool
 * thread runs the segment task or its helper in turn, and V8 compiles a function after many calls, so warming both
 * threads in both roles takes several requests (measured: the first 5–8 run 1.5–2.5× slower).
 */
const FIXED_WARMUP = 10;
const FIXED_RUNS = 7;
/** The server's own limit (QUADRANT_ANALYSIS_TIMEOUT's default): a run past it is reported as not finished. */
const CLIENT_TIMEOUT_MS = 120_000;

/**
 * End to end over GraphQL, as a client sees it: a real server (SQLite file, the worker pool sized to the cores),
 * HTTP requests, stored datasets. Measures the segment mutation with fixed k and with k chosen over 2..10 on a
 * stored 100,000 × 8 dataset (raced, when QUADRANT_BENCH_PYTHON names a Python with scikit-learn, against
 * `KMeans(8, n_init=1).fit` and against its choose-k loop on the same standardised rows), where the fixed-k time
 * goes, the latency of /health while a 200,000-row segmentation
 * runs in the pool, and a 1,000,000-row segmentation with the server's peak memory.
 */
export const suite: BenchSuite = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quadrant-bench-e2e-'));
  const server = await startServer({
    ...readConfig({}),
    port: 0,
    seedDemo: false,
    sqlitePath: join(dir, 'bench.sqlite'),
    databaseUrl: null,
  });
  try {
    return [...(await segmentEndToEnd(server)), await healthUnderLoad(server), await millionRows(server)];
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

async function segmentEndToEnd(server: RunningServer): Promise<BenchResult[]> {
  const n = 100_000;
  const { table } = blobs(n, D, K, 11);
  const id = await store(server, 'e2e 100k', table);
  // The peers get the rows our k-means sees: standardised as preprocess does (StandardScaler), so both sides
  // cluster the same numbers and may pick the same k.
  const prep = preprocess(table, { features: names(D) });
  // Before any request: runPeers blocks this process (the server's too) while Python runs, and a keep-alive
  // connection left idle across that block may be closed under the next request.
  const peers = runPeers(prep.X, n, D, [
    { kind: 'kmeans-fit', runs: FIXED_RUNS, k: K, restarts: 1, threads: null },
    { kind: 'kmeans-fit', runs: FIXED_RUNS, k: K, restarts: 1, threads: 1 },
    { kind: 'choose-k', runs: 1, kMin: 2, kMax: 10, restarts: 10, sampleSize: SILHOUETTE_SAMPLE_SIZE, threads: null },
  ]);
  const fixed = { datasetId: id, features: names(D), k: K, restarts: 1 };
  for (let r = 0; r < FIXED_WARMUP; r++) await segment(server, fixed);
  const fixedMs = await median(FIXED_RUNS, () => segment(server, fixed));
  const spans = computeSpans(table, prep);
  // scikit-learn's faster configuration in this run: on a shared machine its OpenMP threads can lose to one thread.
  const peerDefault = peers === null ? null : Number(peers[0].ms);
  const peerOneThread = peers === null ? null : Number(peers[1].ms);
  const peerFit = peers === null ? null : Math.min(Number(peerDefault), Number(peerOneThread));
  const ratio = peerFit === null ? null : fixedMs / peerFit;
  const cpu0 = process.cpuUsage();
  const chooseMs = await median(1, () => segment(server, { datasetId: id, features: names(D), kMin: 2, kMax: 10 }));
  const chooseCpu = process.cpuUsage(cpu0);
  const chosen = await lastRun(server);
  const peerChoose = peers === null ? null : Number(peers[2].ms);
  const peerK = peers === null ? null : Number(peers[2].k);
  const fixedWhy =
    `like with like: restarts 1 = n_init=1 (our default for a fixed k is 10 restarts), the same standardised rows; ` +
    `peer = the faster of scikit-learn with its default threads (${fmt(peerDefault)} ms) and held to one thread ` +
    `(${fmt(peerOneThread)} ms); medians of ${FIXED_RUNS}, ours after ${FIXED_WARMUP} unmeasured requests, scikit-learn's after one unmeasured fit. ` +
    `Ours runs in one pool task that the other pool thread helps: it takes half of every k-means++ step and Lloyd ` +
    `assignment and half of the silhouette's pairs. The same work in one thread, in this process: preprocess ` +
    `${Math.round(spans.preprocess)} ms, k-means fit ${Math.round(spans.fit)} ms, sampled silhouette (5,000 rows) ` +
    `${Math.round(spans.silhouette)} ms, relabelling, profiles, names and model ${Math.round(spans.rest)} ms ` +
    `(${Math.round(spans.total)} ms in all)`;
  return [
    {
      name: `segment over GraphQL, stored 100k×${D}, k=${K}, restarts 1 (load, fit, silhouette, profile, store)`,
      oursMs: fixedMs,
      peer: peerFit === null ? null : `scikit-learn KMeans(${K}, n_init=1).fit, the faster of default and 1 thread`,
      peerMs: peerFit,
      notes: Number.isNaN(fixedMs)
        ? `did not finish within ${CLIENT_TIMEOUT_MS / 1000} s`
        : ratio === null
          ? 'not raced (set QUADRANT_BENCH_PYTHON)'
          : `${ratio.toFixed(2)}× scikit-learn's fit; goal ≤ ${FIXED_K_GOAL_RATIO}×: ${
              ratio <= FIXED_K_GOAL_RATIO
                ? 'met'
                : `NOT met, ${Math.round((ratio / FIXED_K_GOAL_RATIO - 1) * 100)} % over`
            }. ${fixedWhy}`,
    },
    {
      name: `segment over GraphQL, stored 100k×${D}, k chosen over 2..10 (default restarts 10, screened on 10,000 rows; k spread over the pool)`,
      oursMs: chooseMs,
      peer:
        peerChoose === null
          ? null
          : `scikit-learn KMeans(n_init=10) per k + silhouette_score(sample_size=${SILHOUETTE_SAMPLE_SIZE}), default threads`,
      peerMs: peerChoose,
      quality: { label: 'k picked', ours: chosen.k, peer: peerK },
      notes: Number.isNaN(chooseMs)
        ? `did not finish within ${CLIENT_TIMEOUT_MS / 1000} s; goal < ${CHOOSE_K_GOAL_MS / 1000} s: NOT met`
        : `goal < ${CHOOSE_K_GOAL_MS / 1000} s: ${chooseMs < CHOOSE_K_GOAL_MS ? 'met' : `NOT met, ${Math.round((chooseMs / CHOOSE_K_GOAL_MS - 1) * 100)} % over`}; ` +
          `CPU ${((chooseCpu.user + chooseCpu.system) / 1000).toFixed(0)} ms over all threads; silhouette ` +
          `${chosen.silhouette.toFixed(4)}`,
    },
  ];
}

/**
 * Where a fixed-k segmentation's compute goes, in this process on the same rows: preprocess, one k-means++ run
 * (restarts 1, seed 0), the sampled silhouette, and the whole of runSegmentation (the rest being profiles, names,
 * relabelling and the model). Medians of 3.
 */
function computeSpans(
  table: Table,
  prep: { X: Float64Array; n: number; d: number },
): { preprocess: number; fit: number; silhouette: number; rest: number; total: number } {
  const { X, n, d } = prep;
  const time = (fn: () => unknown) => {
    const times = [0, 1, 2].map(() => {
      const t0 = performance.now();
      fn();
      return performance.now() - t0;
    });
    return times.sort((a, b) => a - b)[1];
  };
  const pre = time(() => preprocess(table, { features: names(D) }));
  const labels = kMeans(X, n, d, { k: K, restarts: 1 }).labels;
  const fit = time(() => kMeans(X, n, d, { k: K, restarts: 1 }));
  const rows = silhouetteRowsFor(n, { seed: 0 }) as Int32Array;
  const silhouette = time(() => sampledSilhouette(X, n, d, labels, rows));
  const total = time(() => runSegmentation(table, { features: names(D), k: K, restarts: 1 }));
  return { preprocess: pre, fit, silhouette, rest: Math.max(0, total - pre - fit - silhouette), total };
}

function fmt(ms: number | null): string {
  return ms === null ? '–' : String(Math.round(ms));
}

/** k and silhouette of the run stored last (the one just measured). */
async function lastRun(server: RunningServer): Promise<{ k: number; silhouette: number }> {
  const [run] = await server.services.segmentations.list(DEFAULT_WORKSPACE_ID);
  return { k: run.k, silhouette: run.silhouette ?? NaN };
}

/** /health latency with the server idle, then while a 200,000-row segmentation computes in the pool. */
async function healthUnderLoad(server: RunningServer): Promise<BenchResult> {
  const id = await store(server, 'e2e 200k', blobs(200_000, D, K, 12).table);
  const idle = await probeHealth(server, 200, () => true);
  let running = true;
  const big = segment(server, { datasetId: id, features: names(D), kMin: 2, kMax: 10 }).finally(
    () => (running = false),
  );
  while (server.services.analyses.pool.stats.running === 0) await sleep(5);
  const busy = await probeHealth(server, 400, () => running);
  const segmentMs = await big;
  return {
    name: '/health while a 200k×8 segmentation (k over 2..10) runs in the worker pool',
    oursMs: busy.p99,
    peer: null,
    peerMs: null,
    notes:
      `p50 ${busy.p50.toFixed(1)} ms, p99 ${busy.p99.toFixed(1)} ms over ${busy.count} probes ` +
      `(idle: p50 ${idle.p50.toFixed(1)} ms, p99 ${idle.p99.toFixed(1)} ms); the segmentation took ` +
      `${Number.isNaN(segmentMs) ? `over ${CLIENT_TIMEOUT_MS / 1000}` : (segmentMs / 1000).toFixed(1)} s; goal p99 < ${HEALTH_P99_GOAL_MS} ms: ${busy.p99 < HEALTH_P99_GOAL_MS ? 'met' : 'NOT met'}`,
  };
}

/** A 1,000,000 × 8 stored dataset segmented with k = 8 over GraphQL, with the server process's peak memory. */
async function millionRows(server: RunningServer): Promise<BenchResult> {
  const id = await store(server, 'e2e 1M', blobs(1_000_000, D, K, 13).table);
  const before = process.resourceUsage().maxRSS / 1024;
  const ms = await segment(server, { datasetId: id, features: names(D), k: K, restarts: 1 });
  const peak = process.resourceUsage().maxRSS / 1024;
  return {
    name: `segment over GraphQL, stored 1M×${D}, k=${K}, restarts 1`,
    oursMs: ms,
    peer: null,
    peerMs: null,
    notes: Number.isNaN(ms)
      ? `did not finish within ${CLIENT_TIMEOUT_MS / 1000} s`
      : `completed; server peak RSS ${Math.round(peak)} MB (${Math.round(before)} MB before the run)`,
  };
}

/**
 * Milliseconds of one segment mutation over HTTP, checked to succeed. The bench gives up after CLIENT_TIMEOUT_MS
 * (disconnecting, which stops the analysis) and reports NaN, so a run that cannot finish does not hang the bench.
 */
async function segment(server: RunningServer, input: Record<string, unknown>): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${server.url}/graphql`, {
    signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: SegmentInput!) { segment(input: $input) { id k silhouette } }',
      variables: { input },
    }),
  }).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'TimeoutError') return null;
    throw error;
  });
  if (res === null) return NaN;
  const body = (await res.json()) as { errors?: { message: string }[] };
  if (body.errors) throw new Error(`segment failed: ${body.errors[0].message}`);
  return performance.now() - t0;
}

async function probeHealth(
  server: RunningServer,
  max: number,
  going: () => boolean,
): Promise<{ p50: number; p99: number; count: number }> {
  const times: number[] = [];
  while (times.length < max && going()) {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/health`);
    await res.json();
    times.push(performance.now() - t0);
    await sleep(5);
  }
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), count: times.length };
}

async function store(server: RunningServer, name: string, table: Table): Promise<string> {
  return (await server.services.datasets.store(DEFAULT_WORKSPACE_ID, name, table)).id;
}

/** n rows of d features around k gaussian centres of unequal size and spread; also row-major for the peer. */
function blobs(n: number, d: number, k: number, seed: number): { table: Table; X: Float64Array } {
  const rng = createRng(seed);
  const centres = Float64Array.from({ length: k * d }, () => rng.normal() * 1.5);
  const spread = Float64Array.from({ length: k }, () => 0.6 + rng.next());
  const columns = Array.from({ length: d }, () => new Float64Array(n));
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = Math.min(k - 1, Math.floor(k * rng.next() ** 1.5));
    for (let j = 0; j < d; j++) X[i * d + j] = columns[j][i] = centres[c * d + j] + spread[c] * rng.normal();
  }
  return {
    table: { rowCount: n, columns: columns.map((values, j) => ({ name: `x${j + 1}`, type: 'NUMBER', values })) },
    X,
  };
}

function names(d: number): string[] {
  return Array.from({ length: d }, (_, j) => `x${j + 1}`);
}

async function median(runs: number, fn: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    times.push(await fn());
    if (Number.isNaN(times[r])) return NaN;
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
