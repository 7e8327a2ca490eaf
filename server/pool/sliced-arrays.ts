import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { abortError } from './abort-error';

/**
 * Arrays longer than this, of plain values (a TEXT column's strings, a segment name per row), leave the task message
 * and cross to the worker in slices of this many values. Structured cloning runs on the sending thread: 2,000,000
 * user ids in one message held the event loop for 270–340 ms here, a slice of 10,000 for a median 0.5 ms, with
 * requests served between slices. Larger slices (50,000) gave /health waits of several hundred ms on a busy machine.
 */
export const SLICE_LENGTH = 10_000;

/** Where an array taken out of a task's arguments stood: its place in the port's order and its length. */
interface SlicedRef {
  readonly slicedArray: number;
  readonly length: number;
}

/** Nesting searched for long arrays: args → table → columns → column → values, or args → attributes → table → … */
const MAX_DEPTH = 6;

/**
 * Takes the long arrays of plain values out of `value` (copying only the objects on the way to them, never the
 * caller's) and posts them to a new port in slices, yielding to the event loop between slices. Returns the value
 * with each long array replaced by a reference, and the port to hand to the worker (null when nothing was long).
 * @throws an AbortError when `signal` aborts while slices are being sent.
 */
export async function sendSliced<T>(value: T, signal?: AbortSignal): Promise<{ value: T; port: MessagePort | null }> {
  const arrays: unknown[][] = [];
  const light = takeLongArrays(value, arrays, 0) as T;
  if (arrays.length === 0) return { value, port: null };
  const { port1, port2 } = new MessageChannel();
  try {
    for (const array of arrays) {
      for (let start = 0; start < array.length; start += SLICE_LENGTH) {
        await nextTurn();
        if (signal?.aborted) throw abortError('The task has been aborted');
        port1.postMessage(array.slice(start, start + SLICE_LENGTH));
      }
    }
  } catch (error) {
    port2.close();
    throw error;
  } finally {
    port1.close();
  }
  return { value: light, port: port2 };
}

/**
 * The worker's side of `sendSliced`: puts the arrays read from `port` back in place of their references. Every
 * slice was posted before the task was, so they are all waiting on the port and are read without blocking.
 */
export function receiveSliced<T>(value: T, port: MessagePort | undefined): T {
  if (!port) return value;
  try {
    return restore(value, () => {
      const message = receiveMessageOnPort(port);
      if (!message) throw new Error('receiveSliced: a slice of the task’s arguments is missing');
      return message.message as unknown[];
    }) as T;
  } finally {
    port.close();
  }
}

function takeLongArrays(value: unknown, arrays: unknown[][], depth: number): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    if (holdsPlainValues(value)) {
      if (value.length <= SLICE_LENGTH) return value;
      arrays.push(value);
      const ref: SlicedRef = { slicedArray: arrays.length - 1, length: value.length };
      return ref;
    }
    return value.map((item) => takeLongArrays(item, arrays, depth + 1));
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = takeLongArrays(item, arrays, depth + 1);
  return copy;
}

/** Rebuilds in the order `takeLongArrays` took the arrays (the same depth-first walk over the same shape). */
function restore(value: unknown, nextSlice: () => unknown[]): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (isRef(value)) {
    const array = new Array<unknown>(value.length);
    for (let filled = 0; filled < value.length;) {
      for (const item of nextSlice()) array[filled++] = item;
    }
    return array;
  }
  if (Array.isArray(value)) {
    if (holdsPlainValues(value)) return value;
    for (let i = 0; i < value.length; i++) value[i] = restore(value[i], nextSlice);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = restore(record[key], nextSlice);
  return record;
}

/** An array of strings, numbers, booleans and nulls, judged by its first value that is not null. */
function holdsPlainValues(array: unknown[]): boolean {
  for (const item of array) if (item !== null && item !== undefined) return typeof item !== 'object';
  return true;
}

function isRef(value: object): value is SlicedRef {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof (value as SlicedRef).slicedArray === 'number' && 'length' in value;
}
