import { InputError } from '../../shared/errors';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The epoch milliseconds of an RFM `asOf`: an ISO 8601 date ("2026-11-01", midnight UTC starting that day) or
 * date-time ("2026-11-01T12:00:00+02:00"; without an offset it is UTC, so the server's time zone never matters).
 *
 * @throws InputError naming asOf when the text is not such a date or names a day that does not exist (2026-02-30).
 * @example
 * parseAsOf('2026-11-01'); // 1793491200000
 */
export function parseAsOf(text: string): number {
  const trimmed = text.trim();
  const match = ISO_INSTANT.exec(trimmed);
  const problem = `asOf: "${text}" is not an ISO 8601 date such as "2026-11-01" or "2026-11-01T00:00:00Z"`;
  if (!match) throw new InputError(problem, 'asOf');
  const [, year, month, day, hour, , , offset] = match;
  const days = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > days) {
    throw new InputError(`asOf: "${text}" names a day that does not exist`, 'asOf');
  }
  const normalised = trimmed.replace(' ', 'T');
  const ms = Date.parse(hour === undefined ? normalised : offset === undefined ? `${normalised}Z` : normalised);
  if (Number.isNaN(ms)) throw new InputError(problem, 'asOf');
  return ms;
}
