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
  /** Log each request's operation and time. */
  logRequests: boolean;
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
    logRequests: ['1', 'true', 'yes'].includes((env.QUADRANT_LOG_REQUESTS ?? '').toLowerCase()),
  };
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
