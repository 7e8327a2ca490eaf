import wardJson from '../../fixtures/segment/scale-ward.json';
import { InputError } from '../../../shared/errors';
import { adjustedRandIndex } from '../../../shared/segment/adjusted-rand-index';
import { cutWardHybrid, wardHybrid } from '../../../shared/segment/ward-hybrid';
import { mixture } from './scale-data';

const reference = wardJson as { dataset: string; fcluster: Record<string, number[]> };
const data = mixture('mixture-3000x4');

describe('wardHybrid', () => {
  const hybrid = wardHybrid(data.X, data.n, data.d, { seed: 0 });

  // Five planted groups: up to k = 5 the cuts follow them and agree closely; k = 8 splits groups where exact Ward's
  // own splits hinge on a few rows, so only rough agreement can be asked there.
  test.each([
    [3, 0.9],
    [5, 0.9],
    [8, 0.6],
  ])(
    'cutWardHybrid(k=%d) on 3,000 rows agrees with SciPy’s exact ward + fcluster: adjusted Rand index ≥ %s',
    (k, least) => {
      const labels = cutWardHybrid(hybrid, k);
      expect(new Set(labels).size).toBe(k);
      expect(adjustedRandIndex(labels, reference.fcluster[String(k)])).toBeGreaterThanOrEqual(least);
    },
  );

  test('wardHybrid forms 200 micro-clusters that partition the rows, each shown by one of its own rows', () => {
    expect(hybrid.microClusters).toBe(200);
    expect(hybrid.microMethod).toBe('KMEANS');
    expect(hybrid.linkage).toHaveLength(199 * 4);
    expect(hybrid.microSizes.reduce((a, b) => a + b, 0)).toBe(data.n);
    // The root merge holds every row: sizes count rows, not micro-clusters.
    expect(hybrid.linkage[198 * 4 + 3]).toBe(data.n);
    hybrid.representatives.forEach((row, c) => expect(hybrid.microLabels[row]).toBe(c));
  });

  test('wardHybrid rejects fewer than 2 micro-clusters', () => {
    expect(() => wardHybrid(data.X, data.n, data.d, { microClusters: 1 })).toThrow(
      new InputError('wardHybrid: microClusters=1 must be an integer >= 2'),
    );
  });
});
