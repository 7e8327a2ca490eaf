/** Milliseconds in one day, for date arithmetic on epoch milliseconds (UTC, so no daylight-saving gaps). */
export const DAY_MS = 86_400_000;

/**
 * An epoch-millisecond instant as an ISO calendar date in UTC, the form a spreadsheet date is pasted in.
 *
 * @example
 * isoDate(Date.UTC(2025, 2, 14, 10)); // '2025-03-14'
 */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * An epoch-millisecond instant as an ISO UTC timestamp to the whole second, as event logs export them.
 *
 * @example
 * isoDateTime(Date.UTC(2025, 2, 14, 10, 22, 5, 700)); // '2025-03-14T10:22:05Z'
 */
export function isoDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + 'Z';
}

/**
 * A money amount rounded to cents, as a till or an invoice records it.
 *
 * @example
 * cents(12.3456); // 12.35
 */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * An identifier: a prefix and a number zero-padded to `width` digits.
 *
 * @example
 * paddedId('ACC-', 42, 5); // 'ACC-00042'
 */
export function paddedId(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, '0');
}
