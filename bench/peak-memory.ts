import { spawnSync } from 'node:child_process';
import { runSegmentation } from '../shared/segment/segment';
import type { NumberColumn, Table } from '../shared/table/types';
import { wardLinkage } from '../shared/segment/ward';
import { features } from './data';

/** A computation measured alone in a fresh Node process, on rows made by features(n, d, groups, seed). */
export type MemorySpec =
  | { kind: 'ward'; n: number; d: number; groups: number; seed: number }
  | { kind: 'segment'; n: number; d: number; groups: number; seed: number; k?: number; method?: 'KMEANS' | 'WARD' };

export interface MemoryResult {
  ms: number;
  /** Growth of the process's peak resident set while the computation ran, in MB. */
  peakMb: number;
  /** runSegmentation only: what it reported. */
  k?: number;
  algorithm?: string;
  silhouette?: number | null;
  silhouetteStandardError?: number | null;
  inertia?: number | null;
  miniBatch?: unknown;
}

/**
 * Runs `spec` in a child Node process (this file as its entry) and returns its time and peak memory: the growth of
 * the child's peak resident set (process.resourceUsage().maxRSS) from just before the computation to its end, the
 * input rows already built. bench/peers.py measures scikit-learn and SciPy the same way (ru_maxrss).
 *
 * @throws Error when the child fails.
 */
export function measureInChild(spec: MemorySpec): MemoryResult {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-semi-space-size=32', __filename, JSON.stringify(spec)],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`peak-memory child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as MemoryResult;
}

function table(X: Float64Array, n: number, d: number): Table {
  const columns: NumberColumn[] = Array.from({ length: d }, (_, j) => {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = X[i * d + j];
    return { name: `f${j}`, type: 'NUMBER', values };
  });
  return { rowCount: n, columns };
}

function child(spec: MemorySpec): MemoryResult {
  const X = features(spec.n, spec.d, spec.groups, spec.seed);
  const input = spec.kind === 'segment' ? table(X, spec.n, spec.d) : null;
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.resourceUsage().maxRSS;
  const start = performance.now();
  let extra: Partial<MemoryResult> = {};
  if (spec.kind === 'ward') {
    wardLinkage(X, spec.n, spec.d);
  } else {
    const result = runSegmentation(input as Table, {
      features: Array.from({ length: spec.d }, (_, j) => `f${j}`),
      k: spec.k,
      method: spec.method,
    });
    extra = {
      k: result.k,
      algorithm: result.algorithm,
      silhouette: result.silhouette,
      silhouetteStandardError: result.silhouetteStandardError,
      inertia: result.inertia,
      miniBatch: result.miniBatch,
    };
  }
  const ms = performance.now() - start;
  return { ms, peakMb: (process.resourceUsage().maxRSS - before) / 1024, ...extra };
}

if (require.main === module) {
  process.stdout.write(JSON.stringify(child(JSON.parse(process.argv[2]) as MemorySpec)));
}
