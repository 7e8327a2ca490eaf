/**
 * An Error named AbortError, as piscina rejects an aborted task with: the pool's own stops (a run stopped between
 * its tasks, the pool closing under a run, a slice transfer cut short) throw one, so callers tell a stop from a
 * failure the same way (isAbortError).
 */
export function abortError(message: string): Error {
  return Object.assign(new Error(message), { name: 'AbortError' });
}
