import type { SampleSummary } from './types';

/**
 * Running n, mean, variance and total of many groups at once, one value at a time: Welford's update for the
 * variance (as d3-array's `variance`, no cancellation when the mean is large against the spread) and a Neumaier
 * compensated sum for the total (as `fsum`). Typed arrays indexed by group keep a million rows to one tight loop.
 *
 * @example
 * const s = new GroupedSummaries(2);
 * s.add(0, 1); s.add(0, 2); s.add(0, 6);
 * s.summary(0); // { n: 3, mean: 3, variance: 7 }
 */
export class GroupedSummaries {
  private readonly count: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly sum: Float64Array;
  private readonly compensation: Float64Array;

  constructor(readonly groups: number) {
    this.count = new Float64Array(groups);
    this.mean = new Float64Array(groups);
    this.m2 = new Float64Array(groups);
    this.sum = new Float64Array(groups);
    this.compensation = new Float64Array(groups);
  }

  add(group: number, x: number): void {
    const n = ++this.count[group];
    const delta = x - this.mean[group];
    this.mean[group] += delta / n;
    this.m2[group] += delta * (x - this.mean[group]);
    const s = this.sum[group];
    const t = s + x;
    this.compensation[group] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.sum[group] = t;
  }

  /** Compensated total of the group's values. */
  total(group: number): number {
    return this.sum[group] + this.compensation[group];
  }

  /** n, mean (total / n) and sample variance (n − 1 denominator, NaN below 2 values). */
  summary(group: number): SampleSummary {
    const n = this.count[group];
    return { n, mean: n > 0 ? this.total(group) / n : NaN, variance: n > 1 ? this.m2[group] / (n - 1) : NaN };
  }
}
