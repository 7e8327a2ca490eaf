import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Helper, HelperJobInput, HelperJobName, HelperJobOutput } from '../../shared/parallel/helper';
import { helperJobs } from '../../shared/parallel/jobs';
import { transferables } from './transferables';

/**
 * One end of the link between a task's thread and its helper thread (see Helper): a message port, and two words
 * of shared memory: [0] the current job's number and state, which the two threads change only by compare-and-swap;
 * [1] set (see releaseHelper) when the helper should give its thread back.
 */
export interface HelperLink {
  port: MessagePort;
  control: Int32Array;
}

/** Job states in the control word, after the job's number × 8; STOPPED alone once the task is over. */
const POSTED = 1;
const CLAIMED = 2;
const DONE = 3;
const RECLAIMED = 4;
const STOPPED = -1;

/**
 * How long a helper waits for a job before it ends its task, so a task that stops offering (during a mini-batch
 * fit, say) never holds the second thread idle for long; jobs offered after that are done by the task itself.
 */
export const HELPER_IDLE_MS = 250;

type JobMessage = { seq: number; job: HelperJobName; input: unknown };
type JobReply = { output: unknown } | { error: string };

/** The two ends of a new link: `lead` for the task's thread, `follow` for the helper's. */
export function helperLinks(): { lead: HelperLink; follow: HelperLink } {
  const { port1, port2 } = new MessageChannel();
  const control = new Int32Array(new SharedArrayBuffer(8));
  return { lead: { port: port1, control }, follow: { port: port2, control } };
}

/**
 * The task thread's Helper over a link. An offered job is posted to the helper thread; the join takes it back if
 * the helper has not claimed it yet and computes it in this thread, otherwise blocks (Atomics.wait) until the
 * helper marks it done and reads the reply synchronously from the port. `stop` tells the helper thread the task is
 * over, so its task ends.
 */
export function leadHelper(link: HelperLink): Helper & { stop(): void } {
  const { port, control } = link;
  let seq = 0;
  return {
    float64: (length) => new Float64Array(new SharedArrayBuffer(length * 8)),
    int32: (length) => new Int32Array(new SharedArrayBuffer(length * 4)),
    offer<K extends HelperJobName>(job: K, input: HelperJobInput<K>): () => HelperJobOutput<K> {
      const tag = ++seq * 8;
      // The message first: a helper that sees the job posted finds it on its port.
      port.postMessage({ seq, job, input } satisfies JobMessage);
      Atomics.store(control, 0, tag + POSTED);
      Atomics.notify(control, 0);
      return () => {
        if (Atomics.compareExchange(control, 0, tag + POSTED, tag + RECLAIMED) === tag + POSTED) {
          return runJob(job, input);
        }
        while (Atomics.load(control, 0) === tag + CLAIMED) Atomics.wait(control, 0, tag + CLAIMED);
        const received = replyOf(port);
        if (received === undefined) throw new Error(`helper: job ${job} was done but its reply is missing`);
        const reply = received.message as JobReply;
        if ('error' in reply) throw new Error(reply.error);
        return reply.output as HelperJobOutput<K>;
      };
    },
    stop() {
      Atomics.store(control, 0, STOPPED);
      Atomics.notify(control, 0);
    },
  };
}

/**
 * The helper thread's side, run synchronously in its pool task: sleeps on the control word (Atomics.wait, woken by
 * the task's notify), claims each job still offered (one the task took back is skipped), runs it, replies (moving
 * the output's own buffers) and marks it done. Returns the number of jobs it did when the task stops, or after
 * `idleMs` without a job, or when released (releaseHelper).
 */
export function serveHelper(link: HelperLink, idleMs = HELPER_IDLE_MS): number {
  const { port, control } = link;
  let done = 0;
  let last = 0;
  let idleSince = performance.now();
  for (;;) {
    const state = Atomics.load(control, 0);
    if (state === STOPPED || Atomics.load(control, 1) !== 0) break;
    const seq = state >> 3;
    if (seq > last && (state & 7) === POSTED) {
      last = seq;
      const message = jobMessage(port, seq);
      if (message && Atomics.compareExchange(control, 0, state, seq * 8 + CLAIMED) === state) {
        let reply: JobReply;
        try {
          reply = { output: runJob(message.job, message.input as HelperJobInput<typeof message.job>) };
        } catch (error) {
          reply = { error: error instanceof Error ? error.message : String(error) };
        }
        port.postMessage(reply, 'output' in reply ? transferables(reply.output) : []);
        Atomics.store(control, 0, seq * 8 + DONE);
        Atomics.notify(control, 0);
        done++;
      }
      idleSince = performance.now();
      continue;
    }
    const left = idleMs - (performance.now() - idleSince);
    if (left <= 0) break;
    Atomics.wait(control, 0, state, left);
  }
  port.close();
  return done;
}

/**
 * Asks the helper thread of a link to end its task after the job it is doing, if any (the pool wants the thread for
 * another analysis); the task then does the jobs it offers itself. Any thread may call it.
 */
export function releaseHelper(control: Int32Array): void {
  Atomics.store(control, 1, 1);
  Atomics.notify(control, 0);
}

/** Job `seq`'s message, skipping those of jobs the task took back before this thread read them. */
function jobMessage(port: MessagePort, seq: number): JobMessage | undefined {
  for (;;) {
    const received = receiveMessageOnPort(port);
    if (received === undefined) return undefined;
    const message = received.message as JobMessage;
    if (message.seq === seq) return message;
  }
}

/** The reply on the port: posted before the job was marked done, so there already; a moment's grace all the same. */
function replyOf(port: MessagePort): { message: unknown } | undefined {
  for (let attempt = 0; attempt < 100; attempt++) {
    const received = receiveMessageOnPort(port);
    if (received !== undefined) return received;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
  }
  return undefined;
}

function runJob<K extends HelperJobName>(job: K, input: HelperJobInput<K>): HelperJobOutput<K> {
  const run = helperJobs[job] as (input: HelperJobInput<K>) => HelperJobOutput<K>;
  return run(input);
}
