/**
 * The user's Cancel, checked between blocks: long reads and writes stop at the next block boundary, never halfway
 * through one, so a cancelled write leaves whole blocks (and Excel's undo history) behind.
 */
export class CancelledError extends Error {
  constructor(message = 'Cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** The part of AbortSignal used here. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** @throws CancelledError when the user has cancelled. */
export function throwIfCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/**
 * Lets the browser paint and handle clicks (Cancel) between blocks; desktop Excel restarts an add-in whose page
 * blocks for 5 seconds.
 */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
