import fixture from '../../fixtures/segment/row-metrics.json';
import { silhouetteSamples } from '../../../shared/segment/silhouette';
import { silhouetteAgainstSample } from '../../../shared/segment/silhouette-against-sample';

describe('silhouetteAgainstSample(X, n, d, labels, sample)', () => {
  it('scores sampled rows within the sample and the others against it (the doc example)', () => {
    const scores = silhouetteAgainstSample(
      Float64Array.of(0, 1, 4, 6, 10),
      5,
      1,
      Int32Array.of(0, 0, 1, 1, 1),
      Int32Array.of(0, 1, 2, 3),
    );
    // Rows 0–3: silhouetteSamples of those four rows; row 4 at 10: a = (6 + 4) / 2, b = (10 + 9) / 2.
    const within = [0.8, 0.75, 3 / 7, 7 / 11];
    within.forEach((s, i) => expect(scores[i]).toBeCloseTo(s, 14));
    expect(scores[4]).toBeCloseTo(4.5 / 9.5, 14);
  });

  it('equals silhouetteSamples when the sample is every row', () => {
    const c = fixture.kernels[1];
    const X = Float64Array.from(c.X);
    const labels = Int32Array.from(c.labels);
    const all = Int32Array.from({ length: c.n }, (_, i) => i);
    const scores = silhouetteAgainstSample(X, c.n, c.d, labels, all);
    const exact = silhouetteSamples(X, c.n, c.d, labels);
    exact.forEach((s, i) => expect(Math.abs(scores[i] - s)).toBeLessThan(1e-12));
  });

  it.each(fixture.kernels.map((c) => [c.name, c] as const))(
    'matches silhouette_samples on the sample and distances to the sample elsewhere: %s',
    (_, c) => {
      const scores = silhouetteAgainstSample(
        Float64Array.from(c.X),
        c.n,
        c.d,
        Int32Array.from(c.labels),
        Int32Array.from(c.sample),
      );
      c.againstSample.forEach((expected, i) => {
        if (expected === null) expect(scores[i]).toBeNaN();
        else expect(Math.abs(scores[i] - expected)).toBeLessThan(1e-9);
      });
    },
  );

  it('gives NaN to rows left out (label −1) and refuses a sample row outside the data', () => {
    const X = Float64Array.of(0, 1, 5, 6, 3);
    const labels = Int32Array.of(0, 0, 1, 1, -1);
    expect(silhouetteAgainstSample(X, 5, 1, labels, Int32Array.of(0, 2, 3))[4]).toBeNaN();
    expect(() => silhouetteAgainstSample(X, 5, 1, labels, Int32Array.of(0, 7))).toThrow(
      'silhouetteAgainstSample: row 7 is outside 0..4',
    );
  });
});
