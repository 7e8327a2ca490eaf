import fixture from '../../fixtures/segment/row-metrics.json';
import { centroidDistances } from '../../../shared/segment/centroid-distances';

describe('centroidDistances(X, n, d, labels, centroids)', () => {
  it('gives each row its distance to its own centre, NaN for rows left out', () => {
    // Segment 0 centred at (1, 1): row (1, 4) is 3 away; segment 1 at (10, 0): row (13, 4) is 5 away.
    const distances = centroidDistances(
      Float64Array.of(1, 4, 13, 4, 0, 0),
      3,
      2,
      Int32Array.of(0, 1, -1),
      Float64Array.of(1, 1, 10, 0),
    );
    expect(Array.from(distances)).toEqual([3, 5, NaN]);
  });

  it.each(fixture.kernels.map((c) => [c.name, c] as const))(
    'equals KMeans.transform(X)[i, labels[i]] on %s',
    (_, c) => {
      const distances = centroidDistances(
        Float64Array.from(c.X),
        c.n,
        c.d,
        Int32Array.from(c.labels),
        Float64Array.from(c.centroids),
      );
      c.distances.forEach((expected, i) => expect(Math.abs(distances[i] - expected)).toBeLessThan(1e-9));
    },
  );

  it('names the row whose label has no centroid', () => {
    expect(() => centroidDistances(Float64Array.of(0, 1), 2, 1, Int32Array.of(0, 2), Float64Array.of(0))).toThrow(
      'centroidDistances: row 1 has label 2; there are 1 centroids',
    );
  });
});
