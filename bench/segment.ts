import { createRng } from '../shared/random';
import { adjustedRandIndex } from '../shared/segment/adjusted-rand-index';
import { kMeans } from '../shared/segment/kmeans';
import { kMeansPlusPlus } from '../shared/segment/kmeans-plus-plus';
import { miniBatchKMeans } from '../shared/segment/mini-batch-kmeans';
import { runSegmentation } from '../shared/segment/segment';
import { sampledSilhouette, sampleRows, SILHOUETTE_SAMPLE_SIZE } from '../shared/segment/sampled-silhouette';
import { silhouetteScore } from '../shared/segment/silhouette';
import { cutLinkage, wardLinkage } from '../shared/segment/ward';
import { cutWardHybrid, EXACT_WARD_LIMIT, wardHybrid } from '../shared/segment/ward-hybrid';
import type { NumberColumn, Table } from '../shared/table/types';
import type { Helper } from '../shared/parallel/helper';
import { features, timed } from './data';
import { HelperThread } from './helper-thread';
import { measureInChild } from './peak-memory';
import { peerPython, runPeers, type PeerTask } from './python-peers';
import type { BenchResult, BenchSuite } from './types';

/** Lloyd iterations of the per-iteration race (the 200k×8 rows converge after 11, so all of them count). */
const ITERATIONS = 11;
const SKLEARN_1 = 'scikit-learn 1 thread';
const SKLEARN = 'scikit-learn default threads';
/** Why our Lloyd iteration can trail scikit-learn's, for the notes of a race it loses. */
const WHY_LLOYD =
  "scikit-learn's step is a BLAS matrix product over every row and centroid (AVX2 fused multiply-adds, four " +
  'doubles an instruction); ours computes only the distances Hamerly’s bounds cannot rule out, one at a time in ' +
  'JavaScript, about 10 ns each (WebAssembly SIMD holds two doubles and measured no faster on this branchy scan)';

function peerMs(result: Record<string, unknown> | undefined): number | null {
  return result === undefined ? null : (result.ms as number);
}

function num(result: Record<string, unknown> | undefined, key: string): number | null {
  return result === undefined ? null : (result[key] as number);
}

function goal(met: boolean | null, text: string): string {
  return `goal ${text}: ${met === null ? 'not raced' : met ? 'met' : 'NOT met'}`;
}

/**
 * k-means per Lloyd iteration on 200k×8, k = 8, from the same k-means++ centroids, against scikit-learn's Lloyd:
 * ours in one thread against scikit-learn held to one, and ours with a helper thread (as the server runs a given k)
 * against scikit-learn's default threads.
 */
async function kMeansPerIteration(): Promise<BenchResult[]> {
  const n = 200_000;
  const d = 8;
  const k = 8;
  const X = features(n, d, k, 1);
  const initialCentroids = kMeansPlusPlus(X, n, d, k, createRng(0));
  const fit = (iterations: number) => kMeans(X, n, d, { k, initialCentroids, maxIterations: iterations, tolerance: 0 });
  const one = timed(5, () => fit(1));
  const many = timed(5, () => fit(ITERATIONS));
  const ours = (many.ms - one.ms) / (many.value.iterations - 1);
  const thread = new HelperThread();
  const helpedFit = (iterations: number) => (helper: Helper) =>
    kMeans(X, n, d, { k, initialCentroids, maxIterations: iterations, tolerance: 0, helper });
  const helpedOne = await thread.timed(9, helpedFit(1));
  const helpedMany = await thread.timed(9, helpedFit(ITERATIONS));
  await thread.close();
  const helped = (helpedMany.ms - helpedOne.ms) / (helpedMany.value.iterations - 1);
  const task = { kind: 'kmeans-iteration', runs: 5, k, iterations: ITERATIONS, centroids: '@centroids' } as const;
  const peers = runPeers(
    X,
    n,
    d,
    [
      { ...task, threads: 1 },
      { ...task, threads: null },
    ],
    {
      centroids: initialCentroids,
    },
  );
  return [SKLEARN_1, SKLEARN].map((peer, p) => {
    const theirs = peerMs(peers?.[p]);
    const mine = p === 0 ? ours : helped;
    const how = p === 0 ? 'one thread' : `two threads (a helper thread took ${helpedMany.jobs} jobs)`;
    return {
      name: `k-means per Lloyd iteration, 200k×8, k=8, ours in ${how} (from the same centroids, ${ITERATIONS} iterations)`,
      oursMs: mine,
      peer,
      peerMs: theirs,
      quality: {
        label: 'inertia',
        ours: (p === 0 ? many : helpedMany).value.inertia,
        peer: num(peers?.[p], 'inertia'),
      },
      notes:
        goal(theirs === null ? null : mine <= theirs, `≤ ${peer}`) +
        (theirs !== null && mine > theirs ? `, ${Math.round((mine / theirs - 1) * 100)} % over. ${WHY_LLOYD}` : ''),
    };
  });
}

/** Full k-means fits (one k-means++ run, seed 0) as rows, features and k grow; mini-batch at 1M rows. */
function kMeansGrowth(): BenchResult[] {
  const cases = [
    { n: 10_000, d: 8, k: 8, runs: 5 },
    { n: 100_000, d: 8, k: 8, runs: 3 },
    { n: 1_000_000, d: 8, k: 8, runs: 1 },
    { n: 100_000, d: 4, k: 8, runs: 3 },
    { n: 100_000, d: 16, k: 8, runs: 3 },
    { n: 100_000, d: 8, k: 4, runs: 3 },
    { n: 100_000, d: 8, k: 16, runs: 3 },
  ];
  const results: BenchResult[] = [];
  for (const { n, d, k, runs } of cases) {
    const X = features(n, d, 8, 10 + d);
    const ours = timed(runs, () => kMeans(X, n, d, { k, restarts: 1, seed: 0 }));
    const tasks: PeerTask[] = [{ kind: 'kmeans-fit', runs, k, restarts: 1, threads: 1 }];
    if (n === 1_000_000) tasks.push({ kind: 'mini-batch-fit', runs, k, restarts: 3, threads: 1 });
    const peers = runPeers(X, n, d, tasks);
    results.push({
      name: `k-means fit ${label(n)}×${d}, k=${k} (one k-means++ run, to convergence)`,
      oursMs: ours.ms,
      peer: SKLEARN_1,
      peerMs: peerMs(peers?.[0]),
      quality: { label: 'inertia', ours: ours.value.inertia, peer: num(peers?.[0], 'inertia') },
      notes: `iterations ours ${ours.value.iterations}, scikit-learn ${num(peers?.[0], 'iterations') ?? '–'}`,
    });
    if (n === 1_000_000) {
      const mini = timed(runs, () => miniBatchKMeans(X, n, d, { k, restarts: 3, seed: 0 }));
      results.push({
        name: `mini-batch k-means 1M×${d}, k=${k} (batch 1024, 3 seedings)`,
        oursMs: mini.ms,
        peer: `${SKLEARN_1} MiniBatchKMeans`,
        peerMs: peerMs(peers?.[1]),
        quality: { label: 'inertia', ours: mini.value.inertia, peer: num(peers?.[1], 'inertia') },
        notes:
          `steps ours ${mini.value.steps}, scikit-learn ${num(peers?.[1], 'steps') ?? '–'}; inertia ` +
          `${(mini.value.inertia / ours.value.inertia).toFixed(4)}× full k-means's`,
      });
    }
  }
  return results;
}

/** Exact silhouettes (the sizes behind SILHOUETTE_SAMPLE_SIZE) and sampled ones at 100k and 1M rows. */
function silhouettes(): BenchResult[] {
  const results: BenchResult[] = [];
  for (const n of [5_000, 10_000, 20_000]) {
    const d = 8;
    const X = features(n, d, 6, 4);
    const { labels } = kMeans(X, n, d, { k: 6, restarts: 1 });
    const ours = timed(n > 10_000 ? 1 : 3, () => silhouetteScore(X, n, d, labels));
    const peers = runPeers(X, n, d, [{ kind: 'silhouette', runs: n > 10_000 ? 1 : 3, labels: '@labels', threads: 1 }], {
      labels,
    });
    results.push({
      name: `silhouette ${label(n)}×8, k=6 (exact)`,
      oursMs: ours.ms,
      peer: SKLEARN_1,
      peerMs: peerMs(peers?.[0]),
      quality: { label: 'silhouette', ours: ours.value, peer: num(peers?.[0], 'score') },
      notes: `${((n * (n - 1)) / 2 / ours.ms / 1e3).toFixed(0)} M pairs/s; 9 such for k = 2..10 take ${((9 * ours.ms) / 1000).toFixed(1)} s`,
    });
  }
  for (const n of [100_000, 1_000_000]) {
    const d = 8;
    const X = features(n, d, 6, 5);
    const { labels } = kMeans(X, n, d, { k: 6, restarts: 1, maxIterations: 30 });
    const ours = timed(3, () =>
      sampledSilhouette(X, n, d, labels, sampleRows(n, SILHOUETTE_SAMPLE_SIZE, createRng(0))),
    );
    const peers = runPeers(
      X,
      n,
      d,
      [{ kind: 'silhouette', runs: 3, labels: '@labels', sampleSize: SILHOUETTE_SAMPLE_SIZE, threads: 1 }],
      { labels },
    );
    const estimate = ours.value;
    const theirs = num(peers?.[0], 'score');
    results.push({
      name: `silhouette ${label(n)}×8, k=6, sampled (${SILHOUETTE_SAMPLE_SIZE.toLocaleString('en-US')} rows)`,
      oursMs: ours.ms,
      peer: `${SKLEARN_1} sample_size=${SILHOUETTE_SAMPLE_SIZE}`,
      peerMs: peerMs(peers?.[0]),
      quality: { label: 'silhouette', ours: estimate?.score ?? NaN, peer: theirs },
      notes:
        `standard error ${estimate?.standardError?.toFixed(4)}; the two samples differ by ` +
        (theirs === null || !estimate
          ? '–'
          : `${(Math.abs(estimate.score - theirs) / (estimate.standardError as number)).toFixed(1)} standard errors`),
    });
  }
  return results;
}

function table(X: Float64Array, n: number, d: number): Table {
  const columns: NumberColumn[] = Array.from({ length: d }, (_, j) => {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = X[i * d + j];
    return { name: `f${j}`, type: 'NUMBER', values };
  });
  return { rowCount: n, columns };
}

/** k chosen over 2..10 on 100k×8 with the defaults (10 restarts, sampled silhouette), against the same in Python. */
function chooseKRace(): BenchResult[] {
  const n = 100_000;
  const d = 8;
  const X = features(n, d, 5, 6);
  const rows = table(X, n, d);
  const names = rows.columns.map((c) => c.name);
  // No scaling, so both sides cluster the same numbers.
  const ours = timed(1, () => runSegmentation(rows, { features: names, scaling: 'NONE', kMin: 2, kMax: 10 }));
  const peers = runPeers(X, n, d, [
    { kind: 'choose-k', runs: 1, kMin: 2, kMax: 10, restarts: 10, sampleSize: SILHOUETTE_SAMPLE_SIZE, threads: 1 },
  ]);
  const picked = num(peers?.[0], 'k');
  return [
    {
      name: 'choose k over 2..10, 100k×8, one thread (10 restarts per k screened on 10,000 rows, sampled silhouette)',
      oursMs: ours.ms,
      peer: `${SKLEARN_1} KMeans(n_init=10) + silhouette_score(sample_size=${SILHOUETTE_SAMPLE_SIZE})`,
      peerMs: peerMs(peers?.[0]),
      quality: { label: 'k picked', ours: ours.value.k, peer: picked },
      notes: `silhouette ${ours.value.silhouette?.toFixed(4)} ± ${ours.value.silhouetteStandardError?.toFixed(4)}`,
    },
  ];
}

/** Exact Ward against SciPy (time and peak memory, each in a fresh process) and the hybrid's agreement with it. */
function wardRaces(): BenchResult[] {
  const results: BenchResult[] = [];
  let exactAtLimitMs = NaN;
  for (const n of [5_000, EXACT_WARD_LIMIT]) {
    const d = 8;
    const k = 6;
    const X = features(n, d, k, 3);
    const ours = measureInChild({ kind: 'ward', n, d, groups: k, seed: 3 });
    exactAtLimitMs = ours.ms;
    const peers = runPeers(X, n, d, [{ kind: 'ward', runs: 1, k, threads: 1 }]);
    const theirs = peerMs(peers?.[0]);
    const halfTime = theirs === null ? null : ours.ms < theirs / 2;
    const small = ours.peakMb < 200;
    results.push({
      name: `Ward linkage ${label(n)}×8 (exact)`,
      oursMs: ours.ms,
      peer: 'SciPy linkage(X, "ward")',
      peerMs: theirs,
      oursPeakMb: ours.peakMb,
      peerPeakMb: num(peers?.[0], 'peakMb'),
      notes:
        n === EXACT_WARD_LIMIT
          ? `${goal(halfTime === null ? null : halfTime && small, '< ½ SciPy time and < 200 MB')}`
          : 'O(n·d) memory: centroids and sizes, no distance matrix',
    });
    const exact = cutLinkage(wardLinkage(X, n, d), n, k);
    const hybrid = timed(1, () => wardHybrid(X, n, d, { seed: 0 }));
    const scipyLabels = peers?.[0]?.labels as number[] | undefined;
    const hybridLabels = cutWardHybrid(hybrid.value, k);
    results.push({
      name: `Ward hybrid ${label(n)}×8 (200 micro-clusters), k=6 partition against exact Ward`,
      oursMs: hybrid.ms,
      peer: null,
      peerMs: null,
      quality: {
        label: 'ARI vs exact',
        ours: adjustedRandIndex(hybridLabels, exact),
        peer: scipyLabels ? adjustedRandIndex(hybridLabels, scipyLabels) : null,
      },
      notes: `exact ours ${ours.ms.toFixed(0)} ms; ARI against our exact Ward and against SciPy's fcluster`,
    });
  }
  for (const n of [100_000, 1_000_000]) {
    const X = features(n, 8, 6, 3);
    const hybrid = timed(1, () => wardHybrid(X, n, 8, { seed: 0 }));
    results.push({
      name: `Ward hybrid ${label(n)}×8 (200 micro-clusters${n >= 1_000_000 ? ', mini-batch' : ''})`,
      oursMs: hybrid.ms,
      peer: null,
      peerMs: null,
      notes: `exact Ward (ours or SciPy) would need ${(((n / EXACT_WARD_LIMIT) ** 2 * exactAtLimitMs) / 60_000).toFixed(0)} min`,
    });
  }
  return results;
}

/** runSegmentation on 1M×8 with k = 8 (mini-batch k-means), in a fresh process for its peak memory. */
function millionRows(): BenchResult[] {
  const result = measureInChild({ kind: 'segment', n: 1_000_000, d: 8, groups: 8, seed: 7, k: 8 });
  const check = result.miniBatch as { inertiaOnSample: number; fullInertiaOnSample: number } | null;
  return [
    {
      name: 'runSegmentation 1M×8, k=8 (standardised; mini-batch k-means, sampled silhouette)',
      oursMs: result.ms,
      peer: null,
      peerMs: null,
      oursPeakMb: result.peakMb,
      notes:
        `${result.algorithm}; silhouette ${result.silhouette?.toFixed(4)} ± ${result.silhouetteStandardError?.toFixed(4)}` +
        (check
          ? `; on a 20k-row sample, inertia ${(check.inertiaOnSample / check.fullInertiaOnSample).toFixed(4)}× full k-means's`
          : ''),
    },
  ];
}

function label(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}

/**
 * Races the segmentation kernels against scikit-learn and SciPy on the same rows in the same run (when
 * QUADRANT_BENCH_PYTHON names a Python that has them; otherwise the peer columns say "not raced").
 */
export const suite: BenchSuite = async () => {
  if (peerPython() === null) {
    console.log('  QUADRANT_BENCH_PYTHON is not set: scikit-learn and SciPy not raced (see README, Performance)');
  }
  const results: BenchResult[] = [];
  for (const part of [kMeansPerIteration, kMeansGrowth, silhouettes, chooseKRace, wardRaces, millionRows]) {
    const rows = await part();
    for (const row of rows) console.log(`  ${row.name}: ${row.oursMs.toFixed(0)} ms`);
    results.push(...rows);
  }
  return results;
};
