import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { projectRoot } from '../paths';
import { abortError } from './abort-error';
import { analyses, type AnalysisArgs, type AnalysisName, type AnalysisResult, type ProgressCallback } from './analyses';
import type { HelperTask, ProgressMessage, WorkerReply, WorkerTask } from './analysis-worker';
import { helperLinks, releaseHelper } from './helper-link';
import { sendSliced } from './sliced-arrays';
import { transferables } from './transferables';
import { fromWorkerError } from './worker-error';

/** Where scripts/build-worker.mjs writes the bundled worker (by `npm run build` and by the test setup). */
export const WORKER_FILE = join(projectRoot(), 'dist', 'worker', 'analysis-worker.js');

export interface PoolOptions {
  /** Worker threads (the machine's cores); 0 runs every analysis in place (the command line's one-shot process). */
  threads: number;
  /** Inputs of fewer rows run on the event loop. */
  minRows: number;
  /** Inputs sized in cells (the reports: funnel, channels, …) run on the event loop below this many; default 0. */
  minCells?: number;
}

export interface RunOptions {
  /** Rows of the input, which decide between the event loop and the pool (unless `cells` is given). */
  rows: number;
  /** Cells of the input (rows × columns of every table), which decide instead of `rows` when given. */
  cells?: number;
  /** Stops the analysis: its worker thread is terminated and replaced, and `run` rejects with an AbortError. */
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
  /**
   * Gives the analysis a helper thread (see Helper): a second task that takes the jobs the analysis offers. Only
   * when the pool has two threads or more and nothing else is in it, so the helper never waits behind other work
   * (a helper that has not started when a job is joined just means the task does that job itself); the next
   * analysis to arrive releases the helper, so it never keeps another analysis waiting for long.
   */
  helped?: boolean;
}

/**
 * Runs the core's analyses off the event loop, in a piscina pool of worker threads, so /health and small queries
 * keep answering while a large segmentation computes. Inputs from `minRows` rows go to the pool, their typed arrays
 * moved (not copied) to the worker and the result's moved back; smaller ones run in place, where a thread would cost
 * more than it saves. The caller must not use an input's typed arrays after handing them over. Long arrays of
 * strings, which must be copied, cross in slices (see sendSliced) so copying them never holds the event loop long.
 */
export class AnalysisPool {
  private readonly piscina: Piscina<WorkerTask | HelperTask, WorkerReply> | null;
  private inPool = 0;
  private helperJobs = 0;
  /** The control words of the helpers now serving a task (see RunOptions.helped). */
  private readonly helpers = new Set<Int32Array>();
  private closing = false;

  constructor(readonly options: PoolOptions) {
    if (options.threads === 0) {
      this.piscina = null;
      return;
    }
    if (!existsSync(WORKER_FILE)) {
      throw new Error(`The analysis worker ${WORKER_FILE} is missing: run \`npm run build\` first`);
    }
    this.piscina = new Piscina({
      filename: WORKER_FILE,
      // Every thread stays up: a thread terminated by an abort is replaced at once, and tasks queued behind it
      // start on the replacement (with fewer minimum threads, piscina leaves them waiting until the next run).
      minThreads: options.threads,
      maxThreads: options.threads,
    });
  }

  async run<N extends AnalysisName>(
    analysis: N,
    args: AnalysisArgs<N>,
    options: RunOptions,
  ): Promise<AnalysisResult<N>> {
    options.signal?.throwIfAborted();
    const onProgress = options.onProgress ?? (() => undefined);
    const small =
      options.cells !== undefined ? options.cells < (this.options.minCells ?? 0) : options.rows < this.options.minRows;
    if (this.piscina === null || small) {
      const run = analyses[analysis] as (a: AnalysisArgs<N>, p: ProgressCallback) => AnalysisResult<N>;
      return run(args, onProgress);
    }
    // Another analysis wants a thread: helpers give theirs back (their tasks go on alone).
    for (const control of this.helpers) releaseHelper(control);
    this.helpers.clear();
    const links = options.helped && this.options.threads >= 2 && this.inPool === 0 ? helperLinks() : null;
    if (links) this.helpers.add(links.lead.control);
    this.inPool++;
    const channel = options.onProgress ? new MessageChannel() : null;
    channel?.port1.on('message', (m: ProgressMessage) => onProgress(m.done, m.total));
    try {
      const sliced = await sendSliced(args, options.signal);
      const ports = [...(channel ? [channel.port2] : []), ...(sliced.port ? [sliced.port] : [])];
      const task: WorkerTask = {
        analysis,
        args: sliced.value,
        ...(channel ? { progress: channel.port2 } : {}),
        ...(sliced.port ? { slices: sliced.port } : {}),
        ...(links ? { helper: links.lead } : {}),
      };
      if (links) {
        // Not awaited: it ends when the task says stop (or its thread goes), and a failure only means no help.
        this.piscina
          .run({ help: links.follow }, { transferList: [links.follow.port], signal: options.signal ?? null })
          .then((reply) => (this.helperJobs += reply.ok ? Number(reply.value) : 0))
          .catch(() => undefined);
      }
      const reply = await this.piscina
        .run(task, {
          transferList: [...transferables(sliced.value), ...ports, ...(links ? [links.lead.port] : [])],
          signal: options.signal ?? null,
        })
        .catch((error: unknown) => {
          // destroy() ends a running task with a plain Error: an analysis stopped by the closing is stopped.
          if (this.closing) throw abortError('The analysis was stopped: the server is closing');
          throw error;
        });
      if (!reply.ok) throw fromWorkerError(reply.error);
      return reply.value as AnalysisResult<N>;
    } finally {
      this.inPool--;
      if (links) this.helpers.delete(links.lead.control);
      channel?.port1.close();
    }
  }

  /**
   * Threads, analyses handed to the pool and not yet settled (running or queued), tasks completed (helpers'
   * included), and jobs done by helper threads (see RunOptions.helped) whose task has ended.
   */
  get stats(): { threads: number; running: number; completed: number; helperJobs: number } {
    return {
      threads: this.piscina?.threads.length ?? 0,
      running: this.inPool,
      completed: this.piscina?.completed ?? 0,
      helperJobs: this.helperJobs,
    };
  }

  /**
   * Stops every thread at once; running and queued analyses are abandoned (their callers get an AbortError). Not
   * piscina's close, which waits for running tasks (up to 30 s): the server closes the pool after cutting the
   * requests those tasks were for, and a process whose last handles are idle workers would exit in that wait,
   * before its storage is closed.
   */
  async close(): Promise<void> {
    this.closing = true;
    await this.piscina?.destroy();
  }
}

/** True for the rejection of an analysis stopped through its signal (or by the pool's closing). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
