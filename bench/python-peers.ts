import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The Python with scikit-learn and SciPy named by QUADRANT_BENCH_PYTHON, or null: then peers are "not raced". */
export function peerPython(): string | null {
  return process.env.QUADRANT_BENCH_PYTHON || null;
}

/** A task for bench/peers.py (see there); file arguments are written by runPeers. */
export interface PeerTask {
  kind: 'kmeans-iteration' | 'kmeans-fit' | 'mini-batch-fit' | 'silhouette' | 'choose-k' | 'ward';
  runs: number;
  /** 1: BLAS/OpenMP held to one thread; null: scikit-learn's default. */
  threads?: 1 | null;
  [parameter: string]: unknown;
}

/** Extra arrays a task reads, written next to the rows: name → typed array (float64 or int32, little-endian). */
export type PeerFiles = Record<string, Float64Array | Int32Array>;

/**
 * Runs scikit-learn / SciPy tasks on the same rows in a child Python process (bench/peers.py): the rows and any
 * extra arrays go to a temporary folder as raw little-endian arrays, each `files` entry's path is handed to the
 * task under its name, and the JSON answer is parsed. Returns null when QUADRANT_BENCH_PYTHON is unset.
 *
 * @throws Error when the Python process fails (its stderr is quoted).
 */
export function runPeers(
  X: Float64Array,
  n: number,
  d: number,
  tasks: PeerTask[],
  files: PeerFiles = {},
): Record<string, unknown>[] | null {
  const python = peerPython();
  if (python === null) return null;
  const dir = mkdtempSync(join(tmpdir(), 'quadrant-peers-'));
  try {
    const data = join(dir, 'rows.f64');
    writeFileSync(data, new Uint8Array(X.buffer, X.byteOffset, X.byteLength));
    const paths: Record<string, string> = {};
    for (const [name, values] of Object.entries(files)) {
      paths[name] = join(dir, name);
      writeFileSync(paths[name], new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    }
    const job = join(dir, 'job.json');
    const withPaths = tasks.map((task) => {
      const out: Record<string, unknown> = { ...task };
      for (const [key, value] of Object.entries(task)) {
        if (typeof value === 'string' && value.startsWith('@'))
          out[key] = paths[value.slice(1)] ?? join(dir, value.slice(1));
      }
      return out;
    });
    writeFileSync(job, JSON.stringify({ data, n, d, tasks: withPaths }));
    const script = resolve(__dirname, '..', '..', 'bench', 'peers.py');
    const run = spawnSync(python, [script, job], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`bench/peers.py failed (${python}): ${run.stderr || run.error?.message}`);
    return (JSON.parse(run.stdout) as { results: Record<string, unknown>[] }).results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
