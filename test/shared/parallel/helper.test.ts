import type { Helper, HelperJobInput, HelperJobName, HelperJobOutput } from '../../../shared/parallel/helper';
import { HELP_MIN_ROWS, splitPoint } from '../../../shared/parallel/helper';
import { helperJobs } from '../../../shared/parallel/jobs';
import { createRng } from '../../../shared/random';
import { kMeans } from '../../../shared/segment/kmeans';
import { seedPadded } from '../../../shared/segment/kmeans-plus-plus';
import { SILHOUETTE_SPLIT_ROWS, silhouetteSamples } from '../../../shared/segment/silhouette';

/**
 * Helpers in one thread, standing for the two ways a real one (server/pool/helper-link) answers a join: the job
 * done by the other thread from a copy of its input (structuredClone copies what postMessage copies and shares
 * the SharedArrayBuffers), or taken back and done by the joining thread. Each records the jobs offered.
 */
function inlineHelper(mode: 'TAKES_JOBS' | 'NEVER_STARTS'): Helper & { offered: HelperJobName[] } {
  const offered: HelperJobName[] = [];
  return {
    offered,
    float64: (length) => new Float64Array(new SharedArrayBuffer(length * 8)),
    int32: (length) => new Int32Array(new SharedArrayBuffer(length * 4)),
    offer<K extends HelperJobName>(job: K, input: HelperJobInput<K>): () => HelperJobOutput<K> {
      offered.push(job);
      const run = helperJobs[job] as (input: HelperJobInput<K>) => HelperJobOutput<K>;
      if (mode === 'NEVER_STARTS') return () => run(input);
      // Done at once, as a helper that claims the job when it is posted: before the caller's own share.
      const output = structuredClone(run(structuredClone(input)));
      return () => output;
    },
  };
}

/** Gaussian blobs, n×d row-major, overlapping enough that many rows change cluster over the iterations. */
function blobs(n: number, d: number, k: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const centres = Float64Array.from({ length: k * d }, () => rng.normal() * 1.5);
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = rng.int(k);
    for (let j = 0; j < d; j++) X[i * d + j] = centres[c * d + j] + rng.normal();
  }
  return X;
}

describe('work split with a helper thread', () => {
  test('splitPoint halves even work, and a triangle of pairs into equal numbers of pairs', () => {
    expect(splitPoint(10, 'EVEN')).toBe(5);
    const n = 10_000;
    const p = splitPoint(n, 'TRIANGLE');
    const pairsBefore = (p * (2 * n - p - 1)) / 2;
    expect(pairsBefore / ((n * (n - 1)) / 2)).toBeCloseTo(0.5, 3);
  });

  // d = 8 runs the width-8 kernels, d = 5 the padded general ones.
  test.each([
    [8, 8],
    [5, 4],
  ])(
    'kMeans (d = %i, k = %i) returns bit for bit the one-thread result, whether the helper takes the jobs or not',
    (d, k) => {
      const n = HELP_MIN_ROWS + 1_001;
      const X = blobs(n, d, k, d);
      const alone = kMeans(X, n, d, { k, restarts: 2, seed: 3 });
      expect(alone.iterations).toBeGreaterThan(3);
      for (const mode of ['TAKES_JOBS', 'NEVER_STARTS'] as const) {
        const helper = inlineHelper(mode);
        const helped = kMeans(X, n, d, { k, restarts: 2, seed: 3, helper });
        expect(Array.from(helped.labels)).toEqual(Array.from(alone.labels));
        expect(Array.from(helped.centroids)).toEqual(Array.from(alone.centroids));
        expect(helped.inertia).toBe(alone.inertia);
        expect(helped.iterations).toBe(alone.iterations);
        // Seeding (k − 1 steps), the first assignment and every later one were offered, per restart.
        expect(helper.offered.filter((job) => job === 'seedCandidates')).toHaveLength(2 * (k - 1));
        expect(helper.offered.filter((job) => job === 'kmeansFull')).toHaveLength(2);
        expect(helper.offered.filter((job) => job === 'kmeansBounded').length).toBeGreaterThanOrEqual(
          alone.iterations - 1,
        );
      }
    },
  );

  test('k-means++ seeding picks the same rows with a helper', () => {
    const n = HELP_MIN_ROWS + 10;
    const X = blobs(n, 8, 6, 1);
    const alone = seedPadded(X, n, 8, 6, createRng(4));
    const helper = inlineHelper('TAKES_JOBS');
    const shared = helper.float64(X.length);
    shared.set(X);
    expect(Array.from(seedPadded(shared, n, 8, 6, createRng(4), undefined, helper))).toEqual(Array.from(alone));
    expect(helper.offered).toEqual(Array(5).fill('seedCandidates'));
  });

  test('below HELP_MIN_ROWS nothing is offered', () => {
    const n = HELP_MIN_ROWS - 1;
    const helper = inlineHelper('TAKES_JOBS');
    kMeans(blobs(n, 4, 3, 2), n, 4, { k: 3, restarts: 1, helper });
    expect(helper.offered).toEqual([]);
  });

  test('the silhouette splits its pairs from SILHOUETTE_SPLIT_ROWS rows, with the same values with or without help', () => {
    const n = SILHOUETTE_SPLIT_ROWS + 500;
    const X = blobs(n, 8, 4, 5);
    const labels = kMeans(X, n, 8, { k: 4, restarts: 1 }).labels;
    const alone = silhouetteSamples(X, n, 8, labels);
    for (const mode of ['TAKES_JOBS', 'NEVER_STARTS'] as const) {
      const helper = inlineHelper(mode);
      const helped = silhouetteSamples(X, n, 8, labels, undefined, helper);
      expect(helper.offered).toEqual(['silhouettePairs']);
      expect(Array.from(helped)).toEqual(Array.from(alone));
    }
  });
});
