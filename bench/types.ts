/** One line of `npm run bench`: our time against a peer's on the same input, in the same process. */
export interface BenchResult {
  /** What was measured, with the input size: "k-means 200k×8, k=8". */
  name: string;
  /** Our median time in milliseconds. */
  oursMs: number;
  /** The peer (library or reference) raced, or null when there is none here (then `goal` says what counts). */
  peer: string | null;
  peerMs: number | null;
  /** Extra figures worth printing: rows/s, iterations, inertia gap. */
  notes?: string;
}

export type BenchSuite = () => Promise<BenchResult[]>;
