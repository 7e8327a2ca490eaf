import type { Client } from 'pg';

/** What PostgreSQL itself counted for the statements run in one database (pg_stat_statements). */
export interface StatementTotals {
  /** Statements executed (calls, summed over every distinct statement). */
  calls: number;
  /** Rows those statements returned to their clients (or changed). */
  rows: number;
}

/** Why pg_stat_statements cannot be read, with what to do about it. */
export const STATEMENT_STATS_MISSING =
  "pg_stat_statements is not loaded: run scripts/start-postgres.sh (as root) or add it to PostgreSQL's " +
  'shared_preload_libraries, restart, and CREATE EXTENSION pg_stat_statements in the database of the URL';

/**
 * pg_stat_statements' totals for `database`: take them before and after an analysis, and the difference is what
 * the server asked of PostgreSQL and how many rows came back, counted by the database rather than by our driver.
 * `client` is connected to a database where the extension is created (scripts/start-postgres.sh creates it in
 * `postgres`); the view covers every database, filtered here by oid. Reading other roles' statements needs
 * pg_read_all_stats, which the script grants to `quadrant`.
 *
 * @returns null when the extension is not installed or not preloaded (SQLSTATE 42P01 or 55000).
 * @see https://www.postgresql.org/docs/15/pgstatstatements.html
 */
export async function statementTotals(client: Client, database: string): Promise<StatementTotals | null> {
  try {
    const { rows } = await client.query<{ calls: string; rows: string }>(
      'SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(rows), 0) AS rows FROM pg_stat_statements ' +
        'WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)',
      [database],
    );
    return { calls: Number(rows[0].calls), rows: Number(rows[0].rows) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '42P01' || code === '55000') return null;
    throw error;
  }
}
