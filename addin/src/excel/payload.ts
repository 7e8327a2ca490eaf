/**
 * Excel on the web refuses any request or response over 5 MB (`RequestPayloadSizeLimitExceeded` /
 * `ResponsePayloadSizeLimitExceeded`). Office.js sends values as JSON, so the JSON length of what a sync carries is
 * the measure; blocks aim well below the limit so that Excel's own envelope and escaping never tip them over.
 */

/** Excel on the web's limit on one request or one response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** What one block of reads or writes aims for: 2 MB, under half the limit. */
export const BLOCK_TARGET_BYTES = 2_000_000;
/** The first block of a read is sized by cells, before any row has been measured. */
export const PROBE_CELLS = 20_000;

const PAYLOAD_CODES = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

/** Whether an Excel error is the payload limit, the one failure a smaller block cures. */
export function isPayloadLimitError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && PAYLOAD_CODES.has(code);
}

/**
 * The JSON length of a value, UTF-16 code units counted as bytes (non-ASCII text is at most 3 bytes in UTF-8 but
 * Office escapes it, so this stays an estimate; blocks keep a wide margin).
 * @example jsonBytes([[1, 'a']]) // 9
 */
export function jsonBytes(value: unknown): number {
  return JSON.stringify(value).length;
}

/**
 * Rows per block so that `bytesPerRow` rows make about `target` bytes: at least 1, at most `remaining`.
 * @example rowsForBytes(1000, 5000, 2_000_000) // 2000
 */
export function rowsForBytes(bytesPerRow: number, remaining: number, target = BLOCK_TARGET_BYTES): number {
  const rows = Math.floor(target / Math.max(1, bytesPerRow));
  return Math.max(1, Math.min(remaining, rows));
}
