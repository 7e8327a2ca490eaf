import { InputError, LimitError } from '../../shared/errors';

/**
 * An error as it crosses from a worker thread to the event loop. Structured cloning keeps an Error's message but
 * drops its class and own fields, so the core's InputError (the user's mistake, BAD_USER_INPUT with `field`) is
 * carried as plain data and rebuilt on the other side.
 */
export interface WorkerError {
  kind: 'INPUT' | 'LIMIT' | 'INTERNAL';
  message: string;
  field?: string;
  stack?: string;
}

export function toWorkerError(error: unknown): WorkerError {
  if (error instanceof InputError) {
    return {
      kind: error instanceof LimitError ? 'LIMIT' : 'INPUT',
      message: error.message,
      ...(error.field !== undefined ? { field: error.field } : {}),
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'INTERNAL', message: e.message, stack: e.stack };
}

export function fromWorkerError(error: WorkerError): Error {
  if (error.kind === 'LIMIT') return new LimitError(error.message, error.field);
  if (error.kind === 'INPUT') return new InputError(error.message, error.field);
  return Object.assign(new Error(error.message), { stack: error.stack });
}
