import type { MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { Helper } from '../../shared/parallel/helper';
import { analyses, type AnalysisName } from './analyses';
import { leadHelper, serveHelper, type HelperLink } from './helper-link';
import { receiveSliced } from './sliced-arrays';
import { transferables } from './transferables';
import { toWorkerError, type WorkerError } from './worker-error';
import { lowerWorkerThreadPriority } from './worker-priority';

lowerWorkerThreadPriority();

/** What the event loop sends a worker: the analysis, its plain arguments, and a port for progress reports. */
export interface WorkerTask {
  analysis: AnalysisName;
  args: unknown;
  progress?: MessagePort;
  /** The long arrays taken out of `args`, in slices (see sendSliced). */
  slices?: MessagePort;
  /** The task's end of a link to a helper thread, for analyses that split work with one (see leadHelper). */
  helper?: HelperLink;
}

/** What the event loop sends the thread that helps a task: the other end of the task's link (see serveHelper). */
export interface HelperTask {
  help: HelperLink;
}

export type WorkerReply = { ok: true; value: unknown } | { ok: false; error: WorkerError };

/** A progress report on the task's port: work done out of a total, as the core counts it. */
export interface ProgressMessage {
  done: number;
  total: number;
}

/** Progress is posted at most this often: the core may call back thousands of times a second. */
const PROGRESS_INTERVAL_MS = 50;

/**
 * The worker thread's entry (piscina calls the default export once per task). It runs one analysis of the core
 * and moves the result's typed arrays back to the event loop instead of copying them. This file and what it
 * imports are bundled on their own (scripts/build-worker.mjs): it must reach only shared/ and server/pool/.
 */
export default function runTask(task: WorkerTask | HelperTask): unknown {
  if ('help' in task) return { ok: true, value: serveHelper(task.help) } satisfies WorkerReply;
  const report = throttled(task.progress);
  const helper = task.helper ? leadHelper(task.helper) : undefined;
  try {
    const run = analyses[task.analysis] as (
      args: unknown,
      onProgress: typeof report.progress,
      helper: Helper | undefined,
    ) => unknown;
    const value = run(receiveSliced(task.args, task.slices), report.progress, helper);
    report.flush();
    const reply: WorkerReply = { ok: true, value };
    return move({
      get [transferableSymbol]() {
        return transferables(value);
      },
      get [valueSymbol]() {
        return reply;
      },
    });
  } catch (error) {
    const reply: WorkerReply = { ok: false, error: toWorkerError(error) };
    return reply;
  } finally {
    task.progress?.close();
    helper?.stop();
  }
}

function throttled(port: MessagePort | undefined) {
  let last = 0;
  let pending: ProgressMessage | null = null;
  const post = (message: ProgressMessage) => {
    port?.postMessage(message);
    last = Date.now();
    pending = null;
  };
  return {
    progress(done: number, total: number): void {
      if (!port) return;
      const message = { done, total };
      if (done >= total || Date.now() - last >= PROGRESS_INTERVAL_MS) post(message);
      else pending = message;
    },
    flush(): void {
      if (pending) post(pending);
    },
  };
}
