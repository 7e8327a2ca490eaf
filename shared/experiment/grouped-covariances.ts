import type { CovariateSummary } from './types';

/**
 * Running mean and variance of a covariate X and its covariance with Y, for many groups at once, one (x, y) pair at a
 * time: the bivariate Welford update (Pébay 2008), free of the cancellation of Σxy − Σx·Σy/n when means are large
 * against the spread. Typed arrays indexed by group keep a million rows in one tight loop.
 *
 * @example
 * const c = new GroupedCovariances(1);
 * c.add(0, 1, 2); c.add(0, 2, 4); c.add(0, 3, 9);
 * c.summary(0); // { mean: 2, variance: 1, covariance: 3.5 }
 */
export class GroupedCovariances {
  private readonly count: Float64Array;
  private readonly meanX: Float64Array;
  private readonly meanY: Float64Array;
  private readonly m2x: Float64Array;
  private readonly cxy: Float64Array;

  constructor(readonly groups: number) {
    this.count = new Float64Array(groups);
    this.meanX = new Float64Array(groups);
    this.meanY = new Float64Array(groups);
    this.m2x = new Float64Array(groups);
    this.cxy = new Float64Array(groups);
  }

  add(group: number, x: number, y: number): void {
    const n = ++this.count[group];
    const dx = x - this.meanX[group];
    this.meanX[group] += dx / n;
    this.meanY[group] += (y - this.meanY[group]) / n;
    this.m2x[group] += dx * (x - this.meanX[group]);
    this.cxy[group] += dx * (y - this.meanY[group]);
  }

  /** Mean of X, sample variance of X and sample covariance of X and Y (n − 1 denominators, NaN below 2 pairs). */
  summary(group: number): CovariateSummary {
    const n = this.count[group];
    return {
      mean: n > 0 ? this.meanX[group] : NaN,
      variance: n > 1 ? this.m2x[group] / (n - 1) : NaN,
      covariance: n > 1 ? this.cxy[group] / (n - 1) : NaN,
    };
  }
}
