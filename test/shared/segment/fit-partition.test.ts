import { InputError } from '../../../shared/errors';
import { kMeans } from '../../../shared/segment/kmeans';
import { algorithmFor, buildWardTree, fitPartition, withinCluster } from '../../../shared/segment/fit-partition';
import { cutLinkage, wardLinkage } from '../../../shared/segment/ward';
import { kernelDatasets } from './helpers';

const blobs = kernelDatasets.blobs;
const X = Float64Array.from(blobs.X);
const { n, d } = blobs;

describe('algorithmFor', () => {
  test('algorithmFor switches to mini-batch k-means from 1,000,000 rows and to the Ward hybrid above 20,000', () => {
    expect(algorithmFor('KMEANS', 999_999)).toBe('KMEANS');
    expect(algorithmFor('KMEANS', 1_000_000)).toBe('MINI_BATCH_KMEANS');
    expect(algorithmFor('WARD', 20_000)).toBe('WARD');
    expect(algorithmFor('WARD', 20_001)).toBe('WARD_HYBRID');
    expect(algorithmFor('KMEANS', 50, { miniBatchThreshold: 50 })).toBe('MINI_BATCH_KMEANS');
    expect(algorithmFor('WARD', 51, { exactWardLimit: 50 })).toBe('WARD_HYBRID');
  });
});

describe('fitPartition', () => {
  test('fitPartition(KMEANS) is kMeans with the same restarts and seed, reporting work once per restart', () => {
    const work: number[] = [];
    const fit = fitPartition(X, n, d, 4, { algorithm: 'KMEANS', restarts: 3, seed: 1, onWork: (u) => work.push(u) });
    const run = kMeans(X, n, d, { k: 4, restarts: 3, seed: 1 });
    expect(fit.labels).toEqual(run.labels);
    expect(fit.inertia).toBe(run.inertia);
    expect(work).toHaveLength(3);
  });

  test('fitPartition(WARD) cuts the tree and scores the cut by its within-cluster sum of squares', () => {
    const tree = buildWardTree(X, n, d, 'WARD', 0);
    const fit = fitPartition(X, n, d, 5, { algorithm: 'WARD', restarts: 1, seed: 0, tree });
    expect(fit.labels).toEqual(cutLinkage(wardLinkage(X, n, d), n, 5));
    expect(fit.inertia).toBe(withinCluster(X, n, d, fit.labels).inertia);
  });

  test('fitPartition(MINI_BATCH_KMEANS) reports its batches', () => {
    const fit = fitPartition(X, n, d, 5, { algorithm: 'MINI_BATCH_KMEANS', restarts: 10, seed: 0 });
    expect(fit.miniBatch?.batchSize).toBe(1024);
    expect(fit.miniBatch?.steps).toBeGreaterThan(1);
  });

  test('fitPartition refuses a Ward algorithm without its tree', () => {
    expect(() => fitPartition(X, n, d, 3, { algorithm: 'WARD_HYBRID', restarts: 1, seed: 0 })).toThrow(
      new InputError('fitPartition: WARD_HYBRID needs its tree'),
    );
  });
});

describe('withinCluster', () => {
  test('withinCluster gives each cluster’s mean and Σ squared distances to it', () => {
    // Rows 0, 2 | 10: centroids 1 and 10, inertia 1 + 1 + 0 = 2.
    const { centroids, inertia } = withinCluster(Float64Array.of(0, 2, 10), 3, 1, Int32Array.of(0, 0, 1));
    expect(Array.from(centroids)).toEqual([1, 10]);
    expect(inertia).toBe(2);
  });
});
