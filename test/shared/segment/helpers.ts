import datasetsJson from '../../fixtures/segment/kernels-datasets.json';

/** A reference data set of the kernel fixtures: n rows × d features, row-major. */
export interface KernelDataset {
  n: number;
  d: number;
  X: number[];
}

/** The data sets scripts/fixtures/segment_kernels.py ran scikit-learn and SciPy on, by name. */
export const kernelDatasets = datasetsJson as Record<string, KernelDataset>;

/** True when two labelings of the same rows are the same partition (equal up to renaming the labels). */
export function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((forward.get(a[i]) ?? b[i]) !== b[i] || (backward.get(b[i]) ?? a[i]) !== a[i]) return false;
    forward.set(a[i], b[i]);
    backward.set(b[i], a[i]);
  }
  return true;
}

/** onProgress(done, total) reports that a progress bar can show: done/total never decreases and ends at 1. */
export function expectForwardProgress(progress: [number, number][]): void {
  expect(progress.length).toBeGreaterThan(0);
  let last = 0;
  for (const [done, total] of progress) {
    expect(done).toBeLessThanOrEqual(total);
    expect(done / total).toBeGreaterThanOrEqual(last);
    last = done / total;
  }
  const [done, total] = progress[progress.length - 1];
  expect(done).toBe(total);
}
