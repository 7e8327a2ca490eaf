import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { escapeIdentifier, type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { tableFromCsv } from '../../shared/table/from-csv';
import type { TableOptions } from '../../shared/table/from-cells';
import { missingTokens } from '../../shared/table/parse-value';
import type { Column } from '../../shared/table/types';
import { copyTable, pgTypeOf } from './copy-table';

/** The warehouse schema imports are written to; connected tables elsewhere are never written. */
export const IMPORT_SCHEMA = 'quadrant_data';
/** Data lines read to choose column types before PostgreSQL parses the whole file. */
const SAMPLE_LINES = 5000;
/** Characters per COPY chunk of the CSV text. */
const COPY_CHUNK = 1 << 20;

const PLAIN_NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const ISO_DATE = /^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?\s*$/;
const FLAGS = new Set(['true', 'false', 'yes', 'no', 'y', 'n', 't', 'f', '1', '0']);

export interface ImportedTable {
  /** "quadrant_data.d_…", to connect. */
  table: string;
  /** How the rows were read: PostgreSQL's COPY parser (csv) or Quadrant's (typed). */
  path: 'csv' | 'typed';
}

/**
 * Imports CSV into a new warehouse table by COPY, in one transaction, so it can be connected and analysed there.
 * Types come from the first 5,000 data rows by the CSV import's own inference. When every sampled value is one
 * PostgreSQL reads the same way (plain numbers, ISO dates, true/false-style flags; empty cells as missing), the
 * CSV text streams unchanged into `COPY … (FORMAT csv, HEADER)` and PostgreSQL parses it on its own core; text
 * cells spelled as missing (NA, #N/A, …) are then set to NULL, as the CSV import reads them. Otherwise — or when
 * PostgreSQL refuses a later row, or types are forced — the CSV is parsed and typed in full by Quadrant and the
 * typed columns are copied (copy-table.ts). Either way the table gets the types a stored import would have.
 *
 * @throws InputError for CSV the import cannot read (as importDataset).
 */
export async function importCsvToWarehouse(
  write: <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>,
  csv: string,
  options: TableOptions = {},
): Promise<ImportedTable> {
  const table = `${IMPORT_SCHEMA}.d_${randomUUID().replace(/-/g, '')}`;
  const quoted = `${escapeIdentifier(IMPORT_SCHEMA)}.${escapeIdentifier(table.slice(IMPORT_SCHEMA.length + 1))}`;
  const forced = Object.keys(options.types ?? {}).length > 0 || options.dayOrder !== undefined;
  const sample = forced ? null : sampleColumns(csv);
  if (sample) {
    try {
      await write(async (client) => {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(IMPORT_SCHEMA)}`);
        await copyCsv(client, quoted, sample.columns, sample.delimiter, csv);
      });
      return { table, path: 'csv' };
    } catch (error) {
      // A later row PostgreSQL reads differently than the sample promised: parse it all ourselves instead.
      if (!isDataError(error)) throw error;
    }
  }
  const typed = tableFromCsv(csv, options);
  await write(async (client) => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(IMPORT_SCHEMA)}`);
    await copyTable(client, quoted, typed);
  });
  return { table, path: 'typed' };
}

/** The sampled columns and delimiter when PostgreSQL's CSV parser would read every sampled value as Quadrant does. */
function sampleColumns(csv: string): { columns: Column[]; delimiter: string } | null {
  let end = 0;
  for (let lines = 0; lines <= SAMPLE_LINES && end >= 0; lines++) end = csv.indexOf('\n', end + 1);
  const head = end < 0 ? csv : csv.slice(0, end);
  let columns: readonly Column[];
  try {
    columns = tableFromCsv(head).columns;
  } catch {
    return null;
  }
  const firstLine = head.slice(0, head.indexOf('\n') < 0 ? head.length : head.indexOf('\n'));
  const delimiter = [',', ';', '\t', '|'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  const raw = rawSample(head, delimiter);
  if (!raw) return null;
  const readable = columns.every((column, c) =>
    raw.every((row) => {
      const cell = row[c];
      if (cell === '') return true;
      switch (column.type) {
        case 'NUMBER':
          return PLAIN_NUMBER.test(cell);
        case 'DATE':
          return ISO_DATE.test(cell);
        case 'BOOLEAN':
          return FLAGS.has(cell.trim().toLowerCase());
        default:
          return true;
      }
    }),
  );
  return readable ? { columns: [...columns], delimiter } : null;
}

/** The sample's cells as text, when no field is quoted (quoted fields are left to the full parse). */
function rawSample(head: string, delimiter: string): string[][] | null {
  if (head.includes('"')) return null;
  return head
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.replace(/\r$/, '').split(delimiter));
}

async function copyCsv(
  client: PoolClient,
  quoted: string,
  columns: Column[],
  delimiter: string,
  csv: string,
): Promise<void> {
  const definitions = columns.map((c) => `${escapeIdentifier(c.name)} ${pgTypeOf(c.type)}`).join(', ');
  await client.query(`CREATE TABLE ${quoted} (${definitions})`);
  const body = csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv;
  const sink = client.query(
    copyFrom(`COPY ${quoted} FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ${literal(delimiter)})`),
  );
  await pipeline(Readable.from(chunks(body)), sink);
  const text = columns.filter((c) => c.type === 'CATEGORY' || c.type === 'TEXT');
  if (text.length > 0) {
    // Missing spellings start with n, -, —, # once trimmed (as isMissingText checks first), so the first character
    // rules out almost every row before the lower-case comparison.
    const missing = (name: string) =>
      `(btrim(${name}) = '' OR (left(btrim(${name}), 1) IN ('n', 'N', '-', '—', '#') ` +
      `AND lower(btrim(${name})) = ANY($1::text[])))`;
    const sets = text
      .map((c) => escapeIdentifier(c.name))
      .map((name) => `${name} = CASE WHEN ${missing(name)} THEN NULL ELSE ${name} END`);
    const any = text.map((c) => missing(escapeIdentifier(c.name))).join(' OR ');
    await client.query(`UPDATE ${quoted} SET ${sets.join(', ')} WHERE ${any}`, [missingTokens()]);
  }
  await client.query(`ANALYZE ${quoted}`);
}

function* chunks(text: string): Generator<string> {
  for (let at = 0; at < text.length; at += COPY_CHUNK) yield text.slice(at, at + COPY_CHUNK);
}

function literal(delimiter: string): string {
  return delimiter === '\t' ? "E'\\t'" : `'${delimiter}'`;
}

/** A value PostgreSQL could not read as the sampled type (SQLSTATE class 22) or a malformed CSV row. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22');
}
