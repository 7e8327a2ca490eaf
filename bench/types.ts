/** One line of `npm run bench`: our time against a peer's on the same input, in the same run. */
export interface BenchResult {
  /** What was measured, with the input size: "k-means 200k×8, k=8". */
  name: string;
  /** Our median time in milliseconds. */
  oursMs: number;
  /** The peer (library or reference) raced, or null when there is none here (then `notes` say what counts). */
  peer: string | null;
  peerMs: number | null;
  /** A figure of the result's quality on both sides: inertia, silhouette, adjusted Rand index. */
  quality?: { label: string; ours: number; peer: number | null };
  /** Growth of the peak resident set while the computation ran, in MB (bench/peak-memory.ts; peers.py for Python). */
  oursPeakMb?: number;
  peerPeakMb?: number | null;
  /** Extra figures worth printing: rows/s, iterations, goals met or missed. */
  notes?: string;
}

export type BenchSuite = () => Promise<BenchResult[]>;
