import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { percentile } from '../data';

/**
 * A mixed load on a running Quadrant server: small queries (listing datasets, a preview page) on most connections
 * and heavy segmentations on the rest, for a bounded time, through autocannon. An answer counts as an error when its
 * HTTP status is not 2xx, the request times out or fails, or its body carries GraphQL errors.
 */
export interface LoadOptions {
  url: string;
  apiKey?: string;
  /** Seconds of load. */
  duration: number;
  /** Total concurrent clients, split between the two kinds. */
  connections: number;
  /** Of the clients, how many send heavy segmentations. */
  heavyConnections: number;
  /** Rows of the dataset the heavy segmentations run on. */
  heavyRows: number;
  /**
   * Requests per second each small client sends (0 = as fast as answers come). A paced client measures how long a
   * query takes while heavy work runs; an unpaced one measures queueing behind 44 others.
   */
  smallRate: number;
  /** The server's pid, to sample its resident memory (Linux /proc) during the run. */
  serverPid?: number;
}

export interface KindReport {
  kind: 'small' | 'heavy';
  connections: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
}

export interface LoadReport {
  seconds: number;
  kinds: KindReport[];
  errors: number;
  /** Peak and starting resident set size of the server process, in MB (null when its pid is unknown). */
  peakRssMb: number | null;
  startRssMb: number | null;
  /**
   * CPU time of the server's event-loop thread, and of the whole process (worker threads included), per request
   * answered, in ms (null when its pid is unknown).
   */
  eventLoopCpuMsPerRequest: number | null;
  processCpuMsPerRequest: number | null;
}

async function graphql(
  options: LoadOptions,
  query: string,
  variables?: unknown,
): Promise<{ importDataset: { id: string } }> {
  const res = await fetch(`${options.url}/graphql`, {
    method: 'POST',
    headers: headers(options),
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: { importDataset: { id: string } }; errors?: { message: string }[] };
  if (json.errors?.length) throw new Error(`load setup: ${json.errors[0].message}`);
  return json.data!;
}

function headers(options: LoadOptions): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  };
}

/** Customers with four behaviour columns in a few clear groups, deterministic. */
function customersCsv(rows: number): string {
  const lines = ['customer,visits,spend,orders,tenure'];
  for (let i = 0; i < rows; i++) {
    const g = i % 4;
    const jitter = ((i * 2654435761) % 1000) / 1000;
    lines.push(
      `c${i},${5 + g * 10 + jitter * 4},${50 + g * 200 + jitter * 80},${1 + g * 3 + jitter},${12 + g * 6 + jitter * 5}`,
    );
  }
  return lines.join('\n') + '\n';
}

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks on every architecture Node supports. */
const TICKS_PER_SECOND = 100;

/** User + system CPU ms of a process (`/proc/<pid>/stat`) or of one of its threads (`/proc/<pid>/task/<tid>/stat`). */
function cpuMs(statPath: string): number | null {
  try {
    // The fields after the parenthesised command name; utime and stime are the 14th and 15th of the whole line.
    const fields = readFileSync(statPath, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function serverCpuMs(pid: number): { eventLoop: number | null; process: number | null } {
  // A process's first thread (tid = pid) is the one running the event loop.
  return { eventLoop: cpuMs(`/proc/${pid}/task/${pid}/stat`), process: cpuMs(`/proc/${pid}/stat`) };
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const imported = await graphql(
    options,
    'mutation($input: ImportDatasetInput!) { importDataset(input: $input) { id } }',
    { input: { name: `load test ${new Date().toISOString()}`, csv: customersCsv(options.heavyRows) } },
  );
  const datasetId = imported.importDataset.id;

  const errorsOf = { small: 0, heavy: 0 };
  const counting = (kind: 'small' | 'heavy') => (status: number, body: string) => {
    if (status < 200 || status >= 300 || body.includes('"errors"')) errorsOf[kind]++;
  };
  const post = (kind: 'small' | 'heavy', query: string, variables?: unknown) => ({
    method: 'POST',
    path: '/graphql',
    headers: headers(options),
    body: JSON.stringify({ query, variables }),
    onResponse: counting(kind),
  });

  const startRssMb = options.serverPid ? rssMb(options.serverPid) : null;
  const cpuBefore = options.serverPid ? serverCpuMs(options.serverPid) : null;
  let peakRssMb = startRssMb;
  const sampler = options.serverPid
    ? setInterval(() => {
        const now = rssMb(options.serverPid!);
        if (now !== null && (peakRssMb === null || now > peakRssMb)) peakRssMb = now;
      }, 100)
    : undefined;

  const smallConnections = options.connections - options.heavyConnections;
  const [small, heavy] = await Promise.all([
    staggeredLoad(options, smallConnections, [
      post('small', 'query Datasets { datasets { id name rowCount } }'),
      post('small', 'query Preview($id: ID!) { dataset(id: $id) { rows(limit: 20) { rows } } }', { id: datasetId }),
    ]),
    options.heavyConnections > 0
      ? autocannon({
          url: options.url,
          connections: options.heavyConnections,
          duration: options.duration,
          timeout: 120,
          requests: [
            post('heavy', 'mutation Segment($input: SegmentInput!) { segment(input: $input) { id k silhouette } }', {
              input: { datasetId, features: ['visits', 'spend', 'orders', 'tenure'], k: 4, restarts: 4 },
            }),
          ],
        })
      : null,
  ]);
  clearInterval(sampler);
  const cpuAfter = options.serverPid ? serverCpuMs(options.serverPid) : null;

  const report = (
    kind: 'small' | 'heavy',
    r: Awaited<ReturnType<typeof autocannon>>,
    connections: number,
  ): KindReport => ({
    kind,
    connections,
    requests: r.requests.total,
    perSecond: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    errors: errorsOf[kind] + r.errors + r.timeouts + (r.non2xx > errorsOf[kind] ? r.non2xx - errorsOf[kind] : 0),
  });
  const kinds: KindReport[] = [
    {
      kind: 'small',
      connections: smallConnections,
      requests: small.latencies.length,
      perSecond: small.latencies.length / options.duration,
      p50Ms: wholeMs(small.latencies, 0.5),
      p99Ms: wholeMs(small.latencies, 0.99),
      maxMs: Math.round(small.latencies.reduce((a, b) => Math.max(a, b), 0)),
      // A non-2xx answer with a GraphQL error body was counted once already, by its onResponse.
      errors: errorsOf.small + small.failures + Math.max(0, small.non2xx - errorsOf.small),
    },
  ];
  if (heavy) kinds.push(report('heavy', heavy, options.heavyConnections));
  const answered = kinds.reduce((sum, k) => sum + k.requests, 0);
  const perRequest = (before: number | null | undefined, after: number | null | undefined) =>
    before != null && after != null && answered > 0 ? (after - before) / answered : null;
  return {
    seconds: options.duration,
    kinds,
    errors: kinds.reduce((sum, k) => sum + k.errors, 0),
    peakRssMb,
    startRssMb,
    eventLoopCpuMsPerRequest: perRequest(cpuBefore?.eventLoop, cpuAfter?.eventLoop),
    processCpuMsPerRequest: perRequest(cpuBefore?.process, cpuAfter?.process),
  };
}

/** The report as a table, with the goals: zero errors, small-query p99 under 100 ms, memory bounded. */
export function formatLoadReport(r: LoadReport, maxRssMb: number): string {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const lines = [
    `kind    clients  requests   req/s   p50 ms   p99 ms   max ms  errors`,
    ...r.kinds.map(
      (k) =>
        `${k.kind.padEnd(6)} ${pad(k.connections, 8)} ${pad(k.requests, 9)} ${pad(k.perSecond.toFixed(1), 7)} ${pad(k.p50Ms, 8)} ${pad(k.p99Ms, 8)} ${pad(k.maxMs, 8)} ${pad(k.errors, 7)}`,
    ),
    r.peakRssMb !== null
      ? `server memory (RSS): ${r.startRssMb!.toFixed(0)} MB at start, peak ${r.peakRssMb.toFixed(0)} MB`
      : 'server memory: not sampled (give --pid)',
  ];
  if (r.eventLoopCpuMsPerRequest !== null && r.processCpuMsPerRequest !== null) {
    lines.push(
      `server CPU per request: ${r.eventLoopCpuMsPerRequest.toFixed(2)} ms on the event loop, ` +
        `${r.processCpuMsPerRequest.toFixed(2)} ms in all (analysis threads included)`,
    );
  }
  const small = r.kinds.find((k) => k.kind === 'small')!;
  const goal = (ok: boolean, text: string) => `${ok ? 'met   ' : 'MISSED'}  ${text}`;
  lines.push(
    goal(r.errors === 0, `zero errors (${r.errors})`),
    goal(small.p99Ms < 100, `small-query p99 under 100 ms during heavy work (${small.p99Ms} ms)`),
  );
  if (r.peakRssMb !== null) lines.push(goal(r.peakRssMb < maxRssMb, `peak memory under ${maxRssMb} MB`));
  return lines.join('\n');
}

/** Groups of paced clients whose seconds start at staggered offsets (see staggeredLoad). */
const PACED_GROUPS = 9;

/**
 * The small clients, through autocannon. Paced, they run as PACED_GROUPS autocannon instances started 1/PACED_GROUPS
 * of a second apart: autocannon's rate limit lets each client send its `rate` requests at the start of every second,
 * and all its clients share those seconds, so one instance of 45 clients at 2 requests/s sends one burst of 90 requests
 * a second, which measures queueing behind that burst, not latency while heavy work runs. Unpaced, one instance.
 * Latencies are every answered request's own (exact percentiles over all groups); failures are connection errors and
 * timeouts.
 */
async function staggeredLoad(
  options: LoadOptions,
  connections: number,
  requests: Parameters<typeof autocannon>[0]['requests'],
): Promise<{ latencies: number[]; failures: number; non2xx: number }> {
  const groups = options.smallRate > 0 ? Math.min(PACED_GROUPS, connections) : 1;
  const latencies: number[] = [];
  const finished = await Promise.all(
    Array.from({ length: groups }, async (_, g) => {
      const size = Math.floor(connections / groups) + (g < connections % groups ? 1 : 0);
      await new Promise((resolve) => setTimeout(resolve, (g * 1000) / groups));
      const instance = autocannon({
        url: options.url,
        connections: size,
        // Every group runs the whole duration less its offset, so all end together.
        duration: Math.max(0.001, options.duration - g / groups),
        timeout: 60,
        ...(options.smallRate > 0 ? { connectionRate: options.smallRate } : {}),
        requests,
      });
      instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      return await instance;
    }),
  );
  const sum = (pick: (r: (typeof finished)[number]) => number) => finished.reduce((total, r) => total + pick(r), 0);
  return { latencies, failures: sum((r) => r.errors + r.timeouts), non2xx: sum((r) => r.non2xx) };
}

/** A percentile in whole milliseconds, as autocannon reports the heavy kind; 0 when nothing was answered. */
function wholeMs(latencies: number[], p: number): number {
  return latencies.length === 0 ? 0 : Math.round(percentile(latencies, p));
}
