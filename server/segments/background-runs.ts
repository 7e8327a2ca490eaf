import type { DataSource, EntityManager } from 'typeorm';
import { InputError } from '../../shared/errors';
import { isAbortError } from '../pool/analysis-pool';
import type { ProgressCallback } from '../pool/analyses';
import { SegmentationEntity } from '../storage/entities/segmentation.entity';

/** How often a running server writes a background run's progress and heartbeat (and reads whether it was cancelled). */
export const HEARTBEAT_MS = 500;
/** A RUNNING run whose heartbeat is older than this has lost its server. */
export const LEASE_MS = 30_000;
export const SERVER_RESTARTED = 'server restarted before the run finished; start the run again';

/** The computation of a run: honours the signal, reports progress, and returns what `finish` stores. */
export type RunWork<T> = (signal: AbortSignal, onProgress: ProgressCallback) => Promise<T>;
/** Stores a finished run's results in the transaction given, unless the run stopped being RUNNING meanwhile. */
export type RunFinish<T> = (manager: EntityManager, value: T) => Promise<void>;

/**
 * Background runs of one server. The run's row in storage is the truth every server shares (GUIDE §8): its status,
 * its progress, and a heartbeat. While a run computes, this server writes progress and heartbeat every HEARTBEAT_MS
 * with a conditional UPDATE (… WHERE status = 'RUNNING'); when that finds no RUNNING row — cancelled or deleted
 * through any server — it aborts the computation, which terminates the worker thread. Results are stored under the
 * same condition, in one transaction, so a run cancelled at the last moment stores nothing. A run left RUNNING by a
 * server that died stops heartbeating: after LEASE_MS any server marks it FAILED ("server restarted …"), at its
 * start-up and then periodically.
 */
export class BackgroundRuns {
  private readonly running = new Map<string, AbortController>();
  private readonly settled = new Set<Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {
    this.sweeper = setInterval(() => void this.sweep().catch(logFault('sweep')), LEASE_MS / 2);
    this.sweeper.unref();
  }

  /** Starts computing a run whose RUNNING row is already stored; returns at once. */
  start<T>(id: string, work: RunWork<T>, finish: RunFinish<T>): void {
    const controller = new AbortController();
    this.running.set(id, controller);
    let progress = 0;
    let beating = false;
    const beat = setInterval(() => {
      // A write waiting its turn (behind a large import, on SQLite) is not joined by another.
      if (beating) return;
      beating = true;
      void this.heartbeat(id, progress)
        .then((alive) => alive || controller.abort(new Error('cancelled')))
        .catch(logFault('heartbeat'))
        .finally(() => (beating = false));
    }, HEARTBEAT_MS);
    const onProgress: ProgressCallback = (done, total) => {
      // 1 is kept for DONE: the results are still to be stored when the core reports its last step.
      if (total > 0) progress = Math.min(0.99, Math.max(progress, done / total));
    };
    // setImmediate: the mutation answers before a small run computes on the event loop.
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => work(controller.signal, onProgress))
      .then(
        (value) => this.store(id, value, finish),
        (error: unknown) => (isAbortError(error) && controller.signal.aborted ? undefined : this.fail(id, error)),
      )
      .catch(logFault('run'))
      .finally(() => {
        clearInterval(beat);
        this.running.delete(id);
        this.settled.delete(task);
      });
    this.settled.add(task);
  }

  /** Stops this server's computation of a run at once (its row is already CANCELLED or deleted). */
  abort(id: string): void {
    this.running.get(id)?.abort(new Error('cancelled'));
  }

  /** Marks FAILED every RUNNING run whose server stopped heartbeating; the number marked. */
  async sweep(): Promise<number> {
    const stale = new Date(Date.now() - LEASE_MS).toISOString();
    return this.update(
      { status: 'FAILED', error: SERVER_RESTARTED },
      "status = 'RUNNING' AND (heartbeat_at IS NULL OR heartbeat_at < :stale)",
      { stale },
    );
  }

  /**
   * Stops this server's runs and marks them FAILED (they cannot resume), then waits for their tasks to settle, so
   * nothing writes to storage after the server closed it.
   */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const ids = [...this.running.keys()];
    for (const controller of this.running.values()) controller.abort(new Error('server stopping'));
    await Promise.all([...this.settled]);
    if (ids.length > 0) {
      await this.update({ status: 'FAILED', error: SERVER_RESTARTED }, "status = 'RUNNING' AND id IN (:...ids)", {
        ids,
      });
    }
  }

  /** Writes progress and heartbeat; false when the run is no longer RUNNING (cancelled or deleted). */
  private async heartbeat(id: string, progress: number): Promise<boolean> {
    if (!this.running.has(id)) return true;
    const affected = await this.update(
      { progress, heartbeatAt: new Date().toISOString() },
      "id = :id AND status = 'RUNNING'",
      {
        id,
      },
    );
    return affected > 0;
  }

  /**
   * One UPDATE of runs, in a transaction of its own: every write goes through `dataSource.transaction`, which on
   * SQLite is the one writing connection, taken in turn. The rows changed.
   */
  private update(
    values: Partial<Pick<SegmentationEntity, 'status' | 'progress' | 'error' | 'heartbeatAt'>>,
    where: string,
    parameters: Record<string, unknown>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(SegmentationEntity)
        .set(values)
        .where(where, parameters)
        .execute();
      return result.affected ?? 0;
    });
  }

  /**
   * Stores the results, then marks the run DONE, in one transaction rolled back when the run is no longer RUNNING.
   * DONE is written last so that a reader sharing the connection (SQLite) never sees DONE without the arrays.
   */
  private async store<T>(id: string, value: T, finish: RunFinish<T>): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await finish(manager, value);
        const result = await manager
          .createQueryBuilder()
          .update(SegmentationEntity)
          .set({ status: 'DONE', progress: 1, error: null, heartbeatAt: new Date().toISOString() })
          .where("id = :id AND status = 'RUNNING'", { id })
          .execute();
        if ((result.affected ?? 0) === 0) throw new NoLongerRunning();
      });
    } catch (error) {
      if (!(error instanceof NoLongerRunning)) throw error;
    }
  }

  private async fail(id: string, error: unknown): Promise<void> {
    if (!(error instanceof InputError)) console.error(`Background run ${id} failed:`, error);
    const message =
      error instanceof InputError ? error.message : 'internal error while computing the run; see the server log';
    await this.update(
      { status: 'FAILED', error: message, heartbeatAt: new Date().toISOString() },
      "id = :id AND status = 'RUNNING'",
      { id },
    );
  }
}

/** Rolls back a run's results: it was cancelled or deleted while they were being stored. */
class NoLongerRunning extends Error {}

function logFault(what: string): (error: unknown) => void {
  return (error) => console.error(`Background runs (${what}):`, error);
}
