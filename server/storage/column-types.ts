import type { QueryRunner } from 'typeorm';

/** The binary column type of the connected database: BLOB in SQLite, BYTEA in PostgreSQL. */
export function binaryType(q: QueryRunner): string {
  return q.connection.options.type === 'postgres' ? 'bytea' : 'blob';
}
