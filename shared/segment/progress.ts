/**
 * Progress of a run in estimated work units, for `onProgress(done, total)` callbacks: the total is fixed when the
 * run is planned, `done` only grows and ends equal to it, so a progress bar fed done/total moves forward only and
 * reaches 1. Units are distance evaluations (the cost that dominates every kernel here), estimated by the
 * functions below; the estimates weigh the steps against each other, they are not timings.
 */
export class WorkMeter {
  private done = 0;
  constructor(
    private readonly total: number,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {}

  /** Adds finished work (capped at the total) and reports it. */
  advance(units: number): void {
    this.done = Math.min(this.total, this.done + units);
    this.onProgress?.(this.done, this.total);
  }

  /** Reports the whole total as done. */
  finish(): void {
    this.advance(this.total);
  }
}

/** One k-means++ seeding plus Lloyd's iterations under Hamerly's bounds: about n·k·(5 + ln k) distances. */
export function kMeansRestartCost(n: number, k: number): number {
  return n * k * (5 + Math.log(k));
}

/** A mini-batch k-means fit: seedings on a few thousand rows, the batches, then one labelling pass over n rows. */
export function miniBatchCost(n: number, k: number, restarts: number): number {
  return 2 * n * k + restarts * 3072 * k * (2 + Math.log(k));
}

/** An exact silhouette over m rows: m(m − 1)/2 distances, each with a square root and two sums. */
export function silhouetteCost(m: number): number {
  return 0.75 * m * m;
}

/** Ward's nearest-neighbour chain over n rows: about n² distances. */
export function wardCost(n: number): number {
  return n * n;
}
