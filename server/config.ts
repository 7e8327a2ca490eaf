import { availableParallelism } from 'node:os';

/** Quadrant's settings, read once from the environment (the README's configuration table lists them). */
export interface Config {
  host: string;
  port: number;
  /** SQLite file used when no PostgreSQL URL is given. */
  sqlitePath: string;
  /** postgres://user:pass@host:5432/db — switches storage to PostgreSQL. */
  databaseUrl: string | null;
  /**
   * postgres://… of the warehouse connected datasets are read from; null = the storage PostgreSQL (none on SQLite
   * storage, where connecting a dataset asks for this setting).
   */
  warehouseUrl: string | null;
  /** work_mem of warehouse queries (PostgreSQL syntax, "128MB"). */
  warehouseWorkMem: string;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Seed the demo workspace on first start. */
  seedDemo: boolean;
  /** Threads of the analysis worker pool (default: the machine's cores, os.availableParallelism()). */
  poolThreads: number;
  /** Input rows from which an analysis runs in the worker pool rather than on the event loop. */
  poolMinRows: number;
  /** Input cells (rows × columns read) from which a report (funnel, channels, …) runs in the worker pool. */
  poolMinCells: number;
  /** A synchronous analysis still computing after this many milliseconds is stopped (LIMIT_EXCEEDED). */
  analysisTimeoutMs: number;
  /** PEM certificate and key files: when both are set the server speaks HTTPS (Office add-ins need it). */
  tlsCertPath: string | null;
  tlsKeyPath: string | null;
  /** Hardening (the README's Security section): what one request may ask for, and who may call from a browser. */
  limits: Limits;
  /** Browser origins allowed besides the server's own (where the add-in is served from). */
  corsOrigins: string[];
  /** pino level: one line per request at info; warnings and errors always. */
  logLevel: LogLevel;
  /** NODE_ENV=production: no introspection, no GraphiQL. */
  production: boolean;
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish before they are cut. */
  shutdownGraceMs: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Largest inputs and queries one request may carry; over any of them answers LIMIT_EXCEEDED naming the variable. */
export interface Limits {
  /** Rows of one inline table or CSV import (QUADRANT_MAX_ROWS). */
  maxRows: number;
  /** Columns of one inline table or CSV import (QUADRANT_MAX_COLUMNS). */
  maxColumns: number;
  /** Rows × columns of one inline table or CSV import (QUADRANT_MAX_CELLS). */
  maxCells: number;
  /** Nesting depth of a query's selections (QUADRANT_MAX_DEPTH). */
  maxDepth: number;
  /** Estimated cost of a query: 1 per field, more for analyses and per-row lists (QUADRANT_MAX_COMPLEXITY). */
  maxComplexity: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: integer(env.PORT, 4000, 'PORT'),
    sqlitePath: env.QUADRANT_DB ?? './data/quadrant.sqlite',
    databaseUrl: env.QUADRANT_DATABASE_URL || null,
    warehouseUrl: env.QUADRANT_WAREHOUSE_URL || null,
    warehouseWorkMem: env.QUADRANT_WAREHOUSE_WORK_MEM || '128MB',
    bodyLimitBytes: parseBytes(env.QUADRANT_BODY_LIMIT ?? '64mb'),
    seedDemo: !['0', 'false', 'no'].includes((env.QUADRANT_DEMO ?? '1').toLowerCase()),
    poolThreads: Math.max(1, integer(env.QUADRANT_POOL_THREADS, availableParallelism(), 'QUADRANT_POOL_THREADS')),
    poolMinRows: integer(env.QUADRANT_POOL_MIN_ROWS, DEFAULT_POOL_MIN_ROWS, 'QUADRANT_POOL_MIN_ROWS'),
    poolMinCells: integer(env.QUADRANT_POOL_MIN_CELLS, DEFAULT_POOL_MIN_CELLS, 'QUADRANT_POOL_MIN_CELLS'),
    analysisTimeoutMs: seconds(env.QUADRANT_ANALYSIS_TIMEOUT, 120, 'QUADRANT_ANALYSIS_TIMEOUT'),
    ...tlsFiles(env),
    ...hardening(env),
  };
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function hardening(
  env: NodeJS.ProcessEnv,
): Pick<Config, 'limits' | 'corsOrigins' | 'logLevel' | 'production' | 'shutdownGraceMs'> {
  // QUADRANT_LOG_REQUESTS (older) switches the per-request lines: 1 → info, 0 → warn; QUADRANT_LOG_LEVEL wins.
  const requests = (env.QUADRANT_LOG_REQUESTS ?? '').toLowerCase();
  const fallback = ['0', 'false', 'no'].includes(requests) ? 'warn' : 'info';
  const logLevel = (env.QUADRANT_LOG_LEVEL || fallback).toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`QUADRANT_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.QUADRANT_LOG_LEVEL}"`);
  }
  const corsOrigins = (env.QUADRANT_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter((o) => o !== '');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(`QUADRANT_CORS_ORIGINS: "${origin}" is not an origin like https://app.example.com`);
    }
  }
  return {
    limits: {
      maxRows: integer(env.QUADRANT_MAX_ROWS, 2_000_000, 'QUADRANT_MAX_ROWS'),
      maxColumns: integer(env.QUADRANT_MAX_COLUMNS, 1000, 'QUADRANT_MAX_COLUMNS'),
      maxCells: integer(env.QUADRANT_MAX_CELLS, 30_000_000, 'QUADRANT_MAX_CELLS'),
      maxDepth: integer(env.QUADRANT_MAX_DEPTH, 16, 'QUADRANT_MAX_DEPTH'),
      maxComplexity: integer(env.QUADRANT_MAX_COMPLEXITY, 2000, 'QUADRANT_MAX_COMPLEXITY'),
    },
    corsOrigins,
    logLevel,
    production: env.NODE_ENV === 'production',
    shutdownGraceMs: integer(env.QUADRANT_SHUTDOWN_GRACE_SECONDS, 30, 'QUADRANT_SHUTDOWN_GRACE_SECONDS') * 1000,
  };
}

/**
 * Below this many rows an analysis takes a few milliseconds: handing it to a thread (structured clone, a message
 * each way) would cost more than it saves.
 */
export const DEFAULT_POOL_MIN_ROWS = 5000;

/**
 * Below this many cells (rows × columns read) a report — funnel, channels, experiment, period comparison,
 * correlations, cohorts — computes in place. `npm run bench -- pool` times each report in place and through the pool
 * at 3,000 to 500,000 cells: the size from which in place holds the event loop longer than the hop costs the request
 * was 4,000–40,000 cells for most of the six on this 2-core machine, up to 400,000 for the funnel (whose hop copies a
 * TEXT column; the hop: 0.1–18 ms, more under load), moving by a factor of 2–3 between runs. At 50,000 cells every
 * report computed in place in under 4 ms (about 10 ms on a busy machine), so below it none holds other requests long;
 * above it they grow to 4–70 ms at 400,000 cells and to seconds at millions.
 */
export const DEFAULT_POOL_MIN_CELLS = 50_000;

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
