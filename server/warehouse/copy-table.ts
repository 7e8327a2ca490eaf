import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { escapeIdentifier, type PoolClient, type Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Column, ColumnType, Table } from '../../shared/table/types';

/** The PostgreSQL type a Table column is written as; connecting the table reads it back as the same type. */
export function pgTypeOf(type: ColumnType): string {
  switch (type) {
    case 'NUMBER':
      return 'float8';
    case 'DATE':
      return 'timestamptz';
    case 'BOOLEAN':
      return 'boolean';
    default:
      return 'text';
  }
}

/** Rows encoded per COPY chunk: large enough to amortise the stream, small enough to keep memory flat. */
const ROWS_PER_CHUNK = 8192;

/**
 * Creates `qualifiedName` (already quoted) with one column per Table column and fills it with COPY FROM STDIN in
 * PostgreSQL's text format, rows in Table order. Numbers are written in JavaScript's shortest round-trip form, so
 * float8 reads back the same double; dates as ISO 8601 UTC; NaN and null as \N. Then ANALYZE, as a table that is
 * queried at once needs.
 */
export async function copyTable(client: PoolClient | Client, qualifiedName: string, table: Table): Promise<void> {
  const columns = table.columns.map((c) => `${escapeIdentifier(c.name)} ${pgTypeOf(c.type)}`).join(', ');
  await client.query(`CREATE TABLE ${qualifiedName} (${columns})`);
  const names = table.columns.map((c) => escapeIdentifier(c.name)).join(', ');
  const sink = client.query(copyFrom(`COPY ${qualifiedName} (${names}) FROM STDIN`));
  await pipeline(Readable.from(encodeRows(table)), sink);
  // Fresh statistics, or the planner guesses a handful of rows and joins the funnel's per-user steps in nested loops.
  await client.query(`ANALYZE ${qualifiedName}`);
}

function* encodeRows(table: Table): Generator<string> {
  const writers = table.columns.map(cellWriter);
  for (let start = 0; start < table.rowCount; start += ROWS_PER_CHUNK) {
    const end = Math.min(table.rowCount, start + ROWS_PER_CHUNK);
    let chunk = '';
    for (let i = start; i < end; i++) {
      let line = '';
      for (let c = 0; c < writers.length; c++) line += (c === 0 ? '' : '\t') + writers[c](i);
      chunk += `${line}\n`;
    }
    yield chunk;
  }
}

function cellWriter(column: Column): (i: number) => string {
  switch (column.type) {
    case 'NUMBER':
      return (i) => (Number.isNaN(column.values[i]) ? '\\N' : String(column.values[i]));
    case 'BOOLEAN':
      return (i) => (Number.isNaN(column.values[i]) ? '\\N' : column.values[i] === 1 ? 't' : 'f');
    case 'DATE':
      return (i) => (Number.isNaN(column.values[i]) ? '\\N' : new Date(column.values[i]).toISOString());
    case 'CATEGORY': {
      const levels = column.levels.map(escapeText);
      return (i) => (column.codes[i] < 0 ? '\\N' : levels[column.codes[i]]);
    }
    case 'TEXT':
      return (i) => (column.values[i] === null ? '\\N' : escapeText(column.values[i]!));
  }
}

/** COPY text format: backslash, tab, newline and carriage return are escaped. */
function escapeText(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}
