import { InputError } from '../../shared/errors';

const PREFIX = 'row:';

/** The opaque cursor of a member: base64 of its row offset, so a page continues after that row. */
export function encodeCursor(row: number): string {
  return Buffer.from(`${PREFIX}${row}`, 'utf8').toString('base64');
}

/**
 * The row offset a cursor stands for.
 * @throws InputError naming `after` when the text is not a cursor of `rowCount` rows.
 */
export function decodeCursor(cursor: string, rowCount: number): number {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const row =
    text.startsWith(PREFIX) && /^\d+$/.test(text.slice(PREFIX.length)) ? Number(text.slice(PREFIX.length)) : NaN;
  if (!(row >= 0 && row < rowCount) || encodeCursor(row) !== cursor) {
    throw new InputError(`after: "${cursor}" is not a cursor of this segmentation's members`, 'after');
  }
  return row;
}
