import { InputError } from '../errors';

/** Gaps below this (in scaled units) are rounding noise: the point lies on the chord. */
const ON_CHORD = 1e-9;

/**
 * The elbow of an inertia curve: the k farthest below the chord joining the curve's first and last points, with
 * both axes scaled to [0, 1] first (the "difference curve" of Kneedle, Satopää et al. 2011, for a decreasing convex
 * curve, without its smoothing). In scaled units the chord runs from (0, 1) to (1, 0), so the distance of point i
 * below it is proportional to (1 − x_i) − y_i, and the elbow maximises that.
 *
 * Returns null when there are fewer than three points, the curve is flat, or no point lies below the chord (a
 * straight or concave curve has no elbow). Ties go to the smaller k.
 *
 * @param ks the k values, strictly increasing.
 * @param inertias the inertia at each k.
 * @throws {InputError} when the arrays differ in length, ks is not strictly increasing, or a value is not finite.
 * @example
 * // Scaled: x = 0, 1/3, 2/3, 1 and y = 1, 0.2, 0.1, 0; below the chord: 0, 0.467, 0.233, 0.
 * elbowK([1, 2, 3, 4], [100, 20, 10, 0]); // 2
 */
export function elbowK(ks: number[], inertias: number[]): number | null {
  if (ks.length !== inertias.length) {
    throw new InputError(`elbowK: ${ks.length} k values but ${inertias.length} inertias`, 'inertias');
  }
  for (let i = 0; i < ks.length; i++) {
    if (!Number.isFinite(ks[i]) || !Number.isFinite(inertias[i])) {
      throw new InputError(`elbowK: k=${ks[i]} has inertia ${inertias[i]}; both must be finite`, 'inertias');
    }
    if (i > 0 && !(ks[i] > ks[i - 1])) {
      throw new InputError(`elbowK: ks must increase, but k=${ks[i]} follows k=${ks[i - 1]}`, 'ks');
    }
  }
  const m = ks.length;
  if (m < 3) return null;
  const high = Math.max(...inertias);
  const low = Math.min(...inertias);
  if (high === low) return null;

  const span = ks[m - 1] - ks[0];
  let best: number | null = null;
  let bestGap = ON_CHORD;
  for (let i = 1; i < m - 1; i++) {
    const x = (ks[i] - ks[0]) / span;
    const y = (inertias[i] - low) / (high - low);
    const gap = 1 - x - y;
    if (gap > bestGap) {
      bestGap = gap;
      best = ks[i];
    }
  }
  return best;
}
