import { seedCandidates } from '../segment/kmeans-plus-plus';
import { assignRowsBounded, assignRowsFully } from '../segment/kmeans-assign';
import { silhouettePairSums } from '../segment/silhouette';

/**
 * The jobs a Helper can take, by name: pure functions of shared/ whose input is structured-cloneable (typed arrays,
 * numbers, plain objects) and whose shares of a kernel's work both threads run the same way.
 */
export const helperJobs = {
  /** k-means: first assignment of a block of rows (kmeans-assign). */
  kmeansFull: assignRowsFully,
  /** k-means: a Hamerly assignment step over a block of rows (kmeans-assign). */
  kmeansBounded: assignRowsBounded,
  /** k-means++: the local trials' distances over a block of rows. */
  seedCandidates,
  /** Silhouette: the pair distance sums of a block of rows. */
  silhouettePairs: silhouettePairSums,
};

export type HelperJobs = typeof helperJobs;
