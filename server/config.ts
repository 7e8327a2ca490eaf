import { availableParallelism } from 'node:os';

/** Quadrant's settings, read once from the environment (the README's configuration table lists them). */
export interface Config {
  host: string;
  port: number;
  /** SQLite file used when no PostgreSQL URL is given. */
  sqlitePath: string;
  /** postgres://user:pass@host:5432/db — switches storage to PostgreSQL. */
  databaseUrl: string | null;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Seed the demo workspace on first start. */
  seedDemo: boolean;
  /** Log each request's operation and time. */
  logRequests: boolean;
  /** Threads of the analysis worker pool (default: the machine's cores, os.availableParallelism()). */
  poolThreads: number;
  /** Input rows from which an analysis runs in the worker pool rather than on the event loop. */
  poolMinRows: number;
  /** A synchronous analysis still computing after this many milliseconds is stopped (LIMIT_EXCEEDED). */
  analysisTimeoutMs: number;
  /** PEM certificate and key files: when both are set the server speaks HTTPS (Office add-ins need it). */
  tlsCertPath: string | null;
  tlsKeyPath: string | null;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: integer(env.PORT, 4000, 'PORT'),
    sqlitePath: env.QUADRANT_DB ?? './data/quadrant.sqlite',
    databaseUrl: env.QUADRANT_DATABASE_URL || null,
    bodyLimitBytes: parseBytes(env.QUADRANT_BODY_LIMIT ?? '64mb'),
    seedDemo: !['0', 'false', 'no'].includes((env.QUADRANT_DEMO ?? '1').toLowerCase()),
    logRequests: ['1', 'true', 'yes'].includes((env.QUADRANT_LOG_REQUESTS ?? '').toLowerCase()),
    poolThreads: Math.max(1, integer(env.QUADRANT_POOL_THREADS, availableParallelism(), 'QUADRANT_POOL_THREADS')),
    poolMinRows: integer(env.QUADRANT_POOL_MIN_ROWS, DEFAULT_POOL_MIN_ROWS, 'QUADRANT_POOL_MIN_ROWS'),
    analysisTimeoutMs: seconds(env.QUADRANT_ANALYSIS_TIMEOUT, 120, 'QUADRANT_ANALYSIS_TIMEOUT'),
    ...tlsFiles(env),
  };
}

/**
 * Below this many rows an analysis takes a few milliseconds: handing it to a thread (structured clone, a message
 * each way) would cost more than it saves.
 */
export const DEFAULT_POOL_MIN_ROWS = 5000;

/** Seconds (fractions allowed, as "0.5") → milliseconds; must be positive. */
function seconds(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback * 1000;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of seconds, got "${value}"`);
  return Math.round(n * 1000);
}

function tlsFiles(env: NodeJS.ProcessEnv): Pick<Config, 'tlsCertPath' | 'tlsKeyPath'> {
  const cert = env.QUADRANT_TLS_CERT || null;
  const key = env.QUADRANT_TLS_KEY || null;
  if ((cert === null) !== (key === null)) {
    throw new Error(
      'QUADRANT_TLS_CERT and QUADRANT_TLS_KEY go together: set both (npm run certs prints them) or neither',
    );
  }
  return { tlsCertPath: cert, tlsKeyPath: key };
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

/** "64mb", "512kb", "1gb" or a plain byte count → bytes. */
export function parseBytes(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!m) throw new Error(`QUADRANT_BODY_LIMIT must look like 64mb, got "${text}"`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.round(Number(m[1]) * unit);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}

/** 120000 → "120 s", 1500 → "1.5 s", 250 → "250 ms". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
