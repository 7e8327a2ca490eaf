import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Helper, HelperJobInput, HelperJobName, HelperJobOutput } from '../../shared/parallel/helper';
import { helperJobs } from '../../shared/parallel/jobs';
import { transferables } from './transferables';

/**
 * One end of the link between a task's thread and its helper thread (see Helper): a message port, and a word of
 * shared memory holding the current job's number and state, which the two threads change only by compare-and-swap.
 */
export interface HelperLink {
  port: MessagePort;
  control: Int32Array;
}

/** Job states in the control word, after the job's number × 8. */
const POSTED = 1;
const CLAIMED = 2;
const DONE = 3;
const RECLAIMED = 4;

type JobMessage = { seq: number; job: HelperJobName; input: unknown } | { stop: true };
type JobReply = { output: unknown } | { error: string };

/** The two ends of a new link: `lead` for the task's thread, `follow` for the helper's. */
export function helperLinks(): { lead: HelperLink; follow: HelperLink } {
  const { port1, port2 } = new MessageChannel();
  const control = new Int32Array(new SharedArrayBuffer(4));
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
      Atomics.store(control, 0, tag + POSTED);
      port.postMessage({ seq, job, input } satisfies JobMessage);
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
      port.postMessage({ stop: true } satisfies JobMessage);
    },
  };
}

/**
 * The helper thread's side: claims each job still offered when its message arrives (a job the task thread took
 * back is skipped), runs it, replies (moving the output's own buffers) and marks it done. Resolves, with the
 * number of jobs it did, when the task thread says stop or its end of the link closes.
 */
export function serveHelper(link: HelperLink): Promise<number> {
  const { port, control } = link;
  let done = 0;
  return new Promise((resolve) => {
    const finish = () => {
      port.close();
      resolve(done);
    };
    port.on('close', finish);
    port.on('message', (message: JobMessage) => {
      if ('stop' in message) {
        finish();
        return;
      }
      const tag = message.seq * 8;
      if (Atomics.compareExchange(control, 0, tag + POSTED, tag + CLAIMED) !== tag + POSTED) return;
      let reply: JobReply;
      try {
        reply = { output: runJob(message.job, message.input as HelperJobInput<typeof message.job>) };
      } catch (error) {
        reply = { error: error instanceof Error ? error.message : String(error) };
      }
      port.postMessage(reply, 'output' in reply ? transferables(reply.output) : []);
      done++;
      Atomics.store(control, 0, tag + DONE);
      Atomics.notify(control, 0);
    });
  });
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
