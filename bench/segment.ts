import { createRng } from '../shared/random';
import { kMeans } from '../shared/segment/kmeans';
import { kMeansPlusPlus } from '../shared/segment/kmeans-plus-plus';
import { silhouetteScore } from '../shared/segment/silhouette';
import { wardLinkage } from '../shared/segment/ward';
import type { BenchResult, BenchSuite } from './types';

/** Lloyd iterations both k-means implementations run, so the race is per iteration. */
const ITERATIONS = 10;
/** SciPy's `linkage(X, 'ward')` on 4,000×8, measured by the lead; no JavaScript peer finishes in reasonable time. */
const SCIPY_WARD_4000_MS = 900;

/** The slices of the ESM-only peers used here (their "exports" maps are invisible to moduleResolution "node"). */
interface MlKMeans {
  kmeans(
    data: number[][],
    K: number,
    options: { initialization: number[][]; tolerance: number; maxIterations: number },
  ): { iterations: number };
}
interface MlHclust {
  agnes(data: number[][], options: { method: 'ward' }): unknown;
}
// A real dynamic import: tsc would turn `import()` into require(), which cannot load ESM.
const importEsm = new Function('m', 'return import(m)') as <T>(specifier: string) => Promise<T>;

/**
 * Customer-like features: k overlapping gaussian groups of unequal size and spread, so that k-means needs many
 * iterations and Ward's tree has no trivial structure.
 */
function features(n: number, d: number, k: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const centers = Float64Array.from({ length: k * d }, () => rng.normal() * 1.5);
  const spread = Float64Array.from({ length: k }, () => 0.6 + rng.next());
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = Math.min(k - 1, Math.floor(k * rng.next() ** 1.5));
    for (let j = 0; j < d; j++) X[i * d + j] = centers[c * d + j] + spread[c] * rng.normal();
  }
  return X;
}

function rows(X: Float64Array, n: number, d: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(X.subarray(i * d, i * d + d)));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall time of `runs` calls; returns it with the last call's value. */
function timed<T>(runs: number, fn: () => T): { ms: number; value: T } {
  const times: number[] = [];
  let value = fn();
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    value = fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), value };
}

async function kMeansRace(): Promise<BenchResult> {
  const n = 200_000;
  const d = 8;
  const k = 8;
  const X = features(n, d, k, 1);
  const initialCentroids = kMeansPlusPlus(X, n, d, k, createRng(0));
  const ours = timed(5, () => kMeans(X, n, d, { k, initialCentroids, maxIterations: ITERATIONS, tolerance: 0 }));

  const { kmeans } = await importEsm<MlKMeans>('ml-kmeans');
  const data = rows(X, n, d);
  const initialization = rows(initialCentroids, k, d);
  // tolerance −1: ml-kmeans never declares convergence, so it runs exactly ITERATIONS steps.
  const peer = timed(2, () => kmeans(data, k, { initialization, tolerance: -1, maxIterations: ITERATIONS }));

  const oursPerIteration = ours.ms / ours.value.iterations;
  const peerPerIteration = peer.ms / peer.value.iterations;
  return {
    name: `k-means 200k×8, k=8, ${ITERATIONS} Lloyd iterations from the same centroids`,
    oursMs: ours.ms,
    peer: 'ml-kmeans',
    peerMs: peer.ms,
    notes:
      `ours ${oursPerIteration.toFixed(1)} ms/iteration over ${ours.value.iterations}, ml-kmeans ` +
      `${peerPerIteration.toFixed(1)} ms/iteration over ${peer.value.iterations} ` +
      `(${(peerPerIteration / oursPerIteration).toFixed(0)}× per iteration); scikit-learn ≈ 5 ms/iteration + 80 ms`,
  };
}

async function wardRace(): Promise<BenchResult> {
  const n = 2000;
  const d = 8;
  const X = features(n, d, 6, 2);
  const ours = timed(3, () => wardLinkage(X, n, d));
  const { agnes } = await importEsm<MlHclust>('ml-hclust');
  const data = rows(X, n, d);
  const start = performance.now();
  agnes(data, { method: 'ward' });
  const peerMs = performance.now() - start;
  return {
    name: 'Ward linkage 2,000×8',
    oursMs: ours.ms,
    peer: 'ml-hclust agnes (one run)',
    peerMs,
    notes: 'exact SciPy linkage; O(n·d) memory',
  };
}

function wardAlone(): BenchResult {
  const n = 4000;
  const d = 8;
  const X = features(n, d, 6, 3);
  const ours = timed(3, () => wardLinkage(X, n, d));
  return {
    name: 'Ward linkage 4,000×8',
    oursMs: ours.ms,
    peer: null,
    peerMs: null,
    notes: `SciPy linkage(X, 'ward') ≈ ${SCIPY_WARD_4000_MS} ms; ml-hclust is too slow to race here (296 s)`,
  };
}

function silhouetteAlone(): BenchResult {
  const n = 20_000;
  const d = 8;
  const X = features(n, d, 6, 4);
  const { labels } = kMeans(X, n, d, { k: 6, restarts: 1 });
  const ours = timed(1, () => silhouetteScore(X, n, d, labels));
  const pairs = (n * (n - 1)) / 2;
  return {
    name: 'silhouette 20k×8, k=6 (exact)',
    oursMs: ours.ms,
    peer: null,
    peerMs: null,
    notes: `${((pairs / ours.ms) * 1e-3).toFixed(0)} M distances/s, each pair once; no n×n matrix`,
  };
}

/** Races the segmentation kernels against the JavaScript peers (ml-kmeans, ml-hclust) in this process. */
export const suite: BenchSuite = async () => [await kMeansRace(), await wardRace(), wardAlone(), silhouetteAlone()];
