import { InputError } from '../../../shared/errors';
import { createRng } from '../../../shared/random';
import { runSegmentation } from '../../../shared/segment/segment';
import { bestJaccard, clusterStability } from '../../../shared/segment/stability';
import { numbers, table } from '../../helpers/columns';

/** n rows of (x, y) in three tight blobs (std 1) whose centres are 20 apart. */
function blobs(n: number, seed: number) {
  const rng = createRng(seed);
  const centres = [
    [0, 0],
    [20, 0],
    [10, 20],
  ];
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const [cx, cy] = centres[i % 3];
    x.push(cx + rng.normal());
    y.push(cy + rng.normal());
  }
  return table(numbers('x', x), numbers('y', y));
}

/** n rows uniform on the unit hypercube of d dimensions: no cluster structure at all. */
function noise(n: number, d: number, seed: number) {
  const rng = createRng(seed);
  return table(
    ...Array.from({ length: d }, (_, j) =>
      numbers(
        `c${j}`,
        Array.from({ length: n }, () => rng.next()),
      ),
    ),
  );
}
const NOISE_FEATURES = ['c0', 'c1', 'c2', 'c3', 'c4'];

describe('bestJaccard(original, k, resampled)', () => {
  it('keeps the best |C ∩ D| / |C ∪ D| per original cluster', () => {
    // C0 = {0,1}: D5 = {0,1,2} → 2/3; C1 = {2,3}: D5 → 1/4, D7 = {3} → 1/2.
    expect(Array.from(bestJaccard(Int32Array.of(0, 0, 1, 1), 2, Int32Array.of(5, 5, 5, 7)))).toEqual([2 / 3, 1 / 2]);
  });

  it('gives NaN to a cluster with no position in the resample', () => {
    expect(bestJaccard(Int32Array.of(0, 0), 2, Int32Array.of(0, 0))[1]).toBeNaN();
  });
});

describe('clusterStability and runSegmentation(stabilityResamples)', () => {
  it('gives every segment of well-separated blobs at least 0.9', () => {
    const result = runSegmentation(blobs(150, 1), { features: ['x', 'y'], k: 3, stabilityResamples: 20 });
    for (const s of result.segments) expect(s.stability).toBeGreaterThanOrEqual(0.9);
    expect(result.stability).toBeGreaterThanOrEqual(0.9);
    expect(result.warnings.filter((w) => w.includes('stability'))).toEqual([]);
  });

  it('gives uniform noise cut into 6 clearly less, with a warning per unstable segment', () => {
    // Five uniform features: k-means draws six borders through structureless data, and they move with the sample.
    const result = runSegmentation(noise(300, 5, 2), { features: NOISE_FEATURES, k: 6, stabilityResamples: 20 });
    expect(result.stability).toBeLessThan(0.7);
    const unstable = result.segments.filter((s) => (s.stability as number) < 0.6);
    expect(unstable.length).toBeGreaterThan(0);
    for (const s of unstable) {
      expect(result.warnings).toContainEqual(
        expect.stringMatching(new RegExp(`^segment ${s.label} ".*" has stability 0\\.\\d\\d \\(under 0.6\\)`)),
      );
    }
  });

  it('is the same for the same seed, and Ward runs too', () => {
    const t = noise(120, 2, 3);
    const options = { features: ['c0', 'c1'], k: 4, stabilityResamples: 8, seed: 5 };
    const a = runSegmentation(t, options);
    const b = runSegmentation(t, options);
    expect(a.segments.map((s) => s.stability)).toEqual(b.segments.map((s) => s.stability));
    const ward = runSegmentation(t, { ...options, method: 'WARD' });
    for (const s of ward.segments) expect(s.stability).toBeGreaterThan(0);
  });

  it('is off by default and refuses a bad resample count', () => {
    const t = blobs(30, 4);
    const off = runSegmentation(t, { features: ['x', 'y'], k: 3 });
    expect(off.stability).toBeNull();
    expect(off.segments[0].stability).toBeUndefined();
    expect(() => runSegmentation(t, { features: ['x', 'y'], k: 3, stabilityResamples: -1 })).toThrow(
      /stabilityResamples=-1/,
    );
    expect(() =>
      clusterStability(new Float64Array(4), 2, 2, Int32Array.of(0, 1), {
        method: 'KMEANS',
        k: 2,
        resamples: 0,
        restarts: 1,
        seed: 0,
      }),
    ).toThrow(InputError);
  });

  it('reports progress through the resamples, each weighing as much as the clustering’s one fit', () => {
    const calls: [number, number][] = [];
    runSegmentation(blobs(30, 5), {
      features: ['x', 'y'],
      k: 3,
      stabilityResamples: 4,
      onProgress: (done, total) => calls.push([done, total]),
    });
    // k given: one fit, then 4 resamples of the same work, so the resamples are 4/5 of the total.
    const total = calls[0][1];
    expect(calls.every(([, t]) => t === total)).toBe(true);
    expect(calls.every(([done], i) => i === 0 || done >= calls[i - 1][0])).toBe(true);
    expect(calls[calls.length - 1][0]).toBeCloseTo(total, 9);
    expect(calls[calls.length - 5][0]).toBeCloseTo(total / 5, 9);
  });
});
