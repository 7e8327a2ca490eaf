import { escapeIdentifier } from 'pg';
import { InputError } from '../../shared/errors';
import type { ConnectedDefinition } from '../storage/entities/dataset.entity';

/** The alias every connected relation takes in generated SQL. */
export const ALIAS = 'q';

/**
 * The FROM item of a connected dataset, aliased `q`. A table or view name ("events" or "analytics.events") is
 * split on dots and each part quoted with pg's escapeIdentifier, so a name is only ever a name. A user's `sql` is
 * wrapped as a subquery: it is their own query, run only inside READ ONLY transactions, and nothing of any other
 * input is ever spliced into it.
 *
 * @throws InputError for an empty name or SQL, a name part that is empty ("a..b"), or SQL with more than one
 *   statement.
 */
export function fromItem(definition: ConnectedDefinition): string {
  if (definition.table !== undefined) {
    const name = definition.table.trim();
    const parts = name.split('.');
    if (name === '' || parts.some((p) => p.trim() === '')) {
      throw new InputError(
        `table: "${definition.table}" is not a table name (write "table" or "schema.table")`,
        'table',
      );
    }
    return `${parts.map((p) => escapeIdentifier(p.trim())).join('.')} AS ${ALIAS}`;
  }
  const sql = definition.sql.trim().replace(/;\s*$/, '');
  if (sql === '') throw new InputError('sql: the query is empty', 'sql');
  if (sql.includes(';')) throw new InputError('sql: give a single SELECT statement, without ";"', 'sql');
  return `(${sql}) AS ${ALIAS}`;
}

/** A table name ("events", "analytics.events") quoted part by part. */
export function quotedTable(table: string): string {
  const name = table.trim();
  const parts = name.split('.');
  if (name === '' || parts.some((p) => p.trim() === '')) {
    throw new InputError(`table: "${table}" is not a table name (write "table" or "schema.table")`, 'table');
  }
  return parts.map((p) => escapeIdentifier(p.trim())).join('.');
}

/** A column of the connected relation, quoted. */
export function col(name: string): string {
  return `${ALIAS}.${escapeIdentifier(name)}`;
}

/** How a connected dataset is named in messages: its table or "its sql". */
export function describeDefinition(definition: ConnectedDefinition): string {
  return definition.table !== undefined ? `table "${definition.table}"` : 'the connected query';
}
