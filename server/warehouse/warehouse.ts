import { Pool, escapeIdentifier, type PoolClient } from 'pg';
import { InputError } from '../../shared/errors';

/** Rows a cursor fetches per round trip when a column is streamed into memory. */
export const FETCH_ROWS = 65536;

/** A query inside a read-only transaction: values always bound, never spliced into the text. */
export interface ReadQuery {
  rows<T extends unknown[] = unknown[]>(text: string, values?: readonly unknown[]): Promise<T[]>;
  /** The names and type oids of a query's columns (run it with LIMIT 0). */
  fields(text: string): Promise<{ name: string; dataTypeID: number }[]>;
  /** Streams a query's rows through a server-side cursor, FETCH_ROWS at a time. */
  stream<T extends unknown[] = unknown[]>(
    text: string,
    values: readonly unknown[],
    onBatch: (rows: T[]) => void,
  ): Promise<void>;
}

/**
 * The warehouse: the PostgreSQL database connected datasets live in (QUADRANT_WAREHOUSE_URL, by default the storage
 * database). Every query runs in a READ ONLY transaction, so neither a user's `sql` nor a bug of ours can change a
 * row there. `rowsReturned` counts every row the driver hands back, so tests and the bench can show that a pushed
 * down analysis brings back aggregates only.
 */
export class Warehouse {
  private readonly pool: Pool;
  rowsReturned = 0;
  queries = 0;

  /**
   * @param workMem PostgreSQL's work_mem for Quadrant's queries ("128MB"): the per-user aggregates and joins of a
   *   funnel over millions of users spill to disk at the 4MB default.
   */
  constructor(
    readonly url: string,
    private readonly workMem = '128MB',
  ) {
    if (!/^\d+\s*(kB|MB|GB)$/.test(workMem)) {
      throw new Error(`QUADRANT_WAREHOUSE_WORK_MEM must look like 128MB, got "${workMem}"`);
    }
    this.pool = new Pool({ connectionString: url, max: 4 });
    // An idle connection the database closes (a restart, an administrator) must not bring the server down; the
    // pool opens a new one for the next query.
    this.pool.on('error', () => undefined);
  }

  async read<T>(work: (q: ReadQuery) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      // Timestamps without a zone are read as UTC, as the in-memory Table reads dates.
      await client.query("SET LOCAL TIME ZONE 'UTC'");
      await client.query(`SET LOCAL work_mem = '${this.workMem}'`);
      const result = await work(this.readQuery(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Writes into Quadrant's own schema of the warehouse (imports with `warehouse: true`), in one transaction: a
   * failure leaves nothing behind. Never used for a connected table.
   */
  async write<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SET LOCAL TIME ZONE 'UTC'");
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private readQuery(client: PoolClient): ReadQuery {
    const count = (n: number) => {
      this.rowsReturned += n;
      this.queries++;
    };
    return {
      rows: async <T extends unknown[]>(text: string, values: readonly unknown[] = []) => {
        const result = await client.query<T>({ text, values: [...values], rowMode: 'array' });
        count(result.rows.length);
        return result.rows;
      },
      fields: async (text: string) => (await client.query(text)).fields,
      stream: async <T extends unknown[]>(text: string, values: readonly unknown[], onBatch: (rows: T[]) => void) => {
        const cursor = escapeIdentifier(`quadrant_${Math.random().toString(36).slice(2)}`);
        await client.query({ text: `DECLARE ${cursor} NO SCROLL CURSOR FOR ${text}`, values: [...values] });
        for (;;) {
          const batch = await client.query<T>({ text: `FETCH ${FETCH_ROWS} FROM ${cursor}`, rowMode: 'array' });
          count(batch.rows.length);
          if (batch.rows.length > 0) onBatch(batch.rows);
          if (batch.rows.length < FETCH_ROWS) break;
        }
        await client.query(`CLOSE ${cursor}`);
      },
    };
  }
}

/**
 * A PostgreSQL error caused by what the user gave (a missing table or column, SQL that does not parse or fails on
 * the data, a write attempted in the read-only transaction) as an InputError naming it; anything else unchanged.
 */
export function asInputError(error: unknown, what: string, argument: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  // SQLSTATE classes: 42 syntax or access rule, 22 data exception, 25 read-only transaction, 0A not supported.
  if (/^(42|22|25|0A)/.test(code)) {
    return new InputError(`${what}: ${(error as Error).message}`, argument);
  }
  return error;
}
