/// <reference types="office-js" />
/**
 * Writes many rows in row blocks, one `context.sync()` each, so that no request exceeds Excel on the web's 5 MB:
 * each block aims at BLOCK_TARGET_BYTES by the bytes its rows measured so far; a block the host refuses with a
 * payload error (which applies nothing) is queued again at half the size, and blocks stay at most that size from
 * then on. Yields to the host between blocks. Used for the columns beside the data and for large results tables.
 */
import { throwIfCancelled, yieldToHost, type CancelSignal } from './cancel';
import { isPayloadLimitError, rowsForBytes } from './payload';

export interface RowBlocks {
  /** Rows to write. */
  total: number;
  /** Estimated request bytes per row of rows [start, start + count). */
  rowBytes(start: number, count: number): number;
  /** Queues the writes of rows [start, start + count); with start 0 also what goes with the first block. */
  queue(start: number, count: number): void;
  signal?: CancelSignal;
  onProgress?(done: number, total: number): void;
}

/** Rows measured before the first block is sized. */
const PROBE_ROWS = 100;

/**
 * Queues and syncs the blocks; returns the number of syncs that succeeded.
 * @throws the host's error when a single row is refused, or any error other than the payload limit.
 */
export async function writeRowBlocks(context: Excel.RequestContext, blocks: RowBlocks): Promise<number> {
  const { total } = blocks;
  let start = 0;
  let synced = 0;
  let size = rowsForBytes(blocks.rowBytes(0, Math.min(PROBE_ROWS, total)), total);
  let cap = Infinity;
  while (start < total) {
    throwIfCancelled(blocks.signal);
    const count = Math.min(size, total - start);
    blocks.queue(start, count);
    try {
      await context.sync();
    } catch (error) {
      if (!isPayloadLimitError(error) || count === 1) throw error;
      size = cap = Math.ceil(count / 2);
      continue;
    }
    synced++;
    start += count;
    blocks.onProgress?.(start, total);
    size = Math.min(cap, rowsForBytes(blocks.rowBytes(start - count, count) * 1.25, total - start));
    if (start < total) await yieldToHost();
  }
  return synced;
}
