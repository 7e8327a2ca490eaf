import { getPriority, setPriority } from 'node:os';

/**
 * How much nicer analysis worker threads are than the event loop, on Linux's -20..19 scale: a thread 10 steps nicer
 * gets about a tenth of the CPU share of the other when both want a core.
 */
export const WORKER_NICE = 10;

/** The highest (least favoured) nice value Linux allows. */
const MAX_NICE = 19;

/**
 * Lowers the calling worker thread's scheduling priority by `increment`, so that when every core is busy with
 * analyses the event loop still gets a core as soon as a request arrives: small queries answer in milliseconds while
 * segmentations use whatever CPU is left, and an analysis loses almost nothing, as the event loop needs little.
 *
 * Linux only: there `setpriority(PRIO_PROCESS, 0, …)` applies to the calling thread alone (threads are tasks with
 * their own nice value); on macOS and Windows it would lower the whole process, event loop included, so it is
 * skipped. Raising one's own nice value needs no privilege; a refusal (seccomp, an odd container) changes nothing
 * but the priority, so it is ignored.
 */
export function lowerWorkerThreadPriority(increment = WORKER_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // Relative to the nice value inherited from the event loop: a server started with `nice -n 5` gets workers at 15.
    setPriority(0, Math.min(MAX_NICE, getPriority(0) + increment));
    return true;
  } catch {
    return false;
  }
}
