import { GroupedCovariances } from '../../../shared/experiment/grouped-covariances';
import { createRng } from '../../../shared/random';
import { expectClose } from './close-to';

describe('GroupedCovariances', () => {
  test('summary(group) gives the mean and variance of x and its covariance with y, by hand', () => {
    // x 1, 2, 3 (mean 2, variance 1); y 2, 4, 9 (mean 5): Σ(x − 2)(y − 5) = 3 + 0 + 4 = 7 → covariance 3.5
    const c = new GroupedCovariances(2);
    [
      [1, 2],
      [2, 4],
      [3, 9],
    ].forEach(([x, y]) => c.add(1, x, y));
    expect(c.summary(1)).toEqual({ mean: 2, variance: 1, covariance: 3.5 });
    expect(c.summary(0).variance).toBeNaN();
  });

  test('GroupedCovariances keeps its digits where Σxy − ΣxΣy/n cancels (mean 1e9, spread 1)', () => {
    const rng = createRng(3);
    const c = new GroupedCovariances(1);
    const xs: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const x = 1e9 + rng.next();
      xs.push(x);
      c.add(0, x, 2 * x);
    }
    const mean = xs.reduce((a, b) => a + (b - 1e9), 0) / xs.length + 1e9;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
    expectClose(c.summary(0).variance, variance, 1e-6);
    expectClose(c.summary(0).covariance, 2 * variance, 1e-6);
  });
});
