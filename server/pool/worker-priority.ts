import { setPriority } from 'node:os';

/**
 * The nice value analysis worker threads run at: 10 on Linux's 0..19 scale (a thread at nice 10 gets about a tenth
 * of the CPU share of one at 0 when both want a core).
 */
export const WORKER_NICE = 10;

/**
 * Lowers the calling worker thread's scheduling priority, so that when every core is busy with analyses the event
 * loop (nice 0) still gets a core as soon as a request arrives: small queries answer in milliseconds while
 * segmentations use whatever CPU is left, and an analysis loses almost nothing, as the event loop needs little.
 *
 * Linux only: there `setpriority(PRIO_PROCESS, 0, …)` applies to the calling thread alone (threads are tasks with
 * their own nice value); on macOS and Windows it would lower the whole process, event loop included, so it is
 * skipped. Raising one's own nice value needs no privilege; a refusal (seccomp, an odd container) changes nothing
 * but the priority, so it is ignored.
 */
export function lowerWorkerThreadPriority(nice = WORKER_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    setPriority(0, nice);
    return true;
  } catch {
    return false;
  }
}
