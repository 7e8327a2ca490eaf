import { correlationPValue, pearsonR } from '../../../shared/correlation/pearson';
import { expectClose } from '../experiment/close-to';

describe('pearsonR(x, y)', () => {
  it('matches scipy.stats.pearsonr on a small case', () => {
    // scipy.stats.pearsonr([1, 2, 3], [2, 4, 6.5]) → r = 0.9979487157886732, p = 0.040783294536835.
    const r = pearsonR(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 6.5));
    expectClose(r, 0.9979487157886732, 1e-15);
    expectClose(correlationPValue(r, 3), 0.040783294536835, 1e-12);
  });

  it('is null for a constant vector (even one of 0.1s) or fewer than two rows', () => {
    expect(pearsonR(Float64Array.of(0.1, 0.1, 0.1), Float64Array.of(1, 2, 3))).toBeNull();
    expect(pearsonR(Float64Array.of(1), Float64Array.of(2))).toBeNull();
  });

  it('stays within [−1, 1] for exactly proportional vectors', () => {
    expect(pearsonR(Float64Array.of(0.1, 0.2, 0.3), Float64Array.of(-0.3, -0.6, -0.9))).toBeGreaterThanOrEqual(-1);
  });
});

describe('correlationPValue(r, n, twoRows)', () => {
  it('follows scipy at the edges: n = 2 gives 1 (pearsonr) or null (spearmanr); |r| = 1 gives 0', () => {
    expect(correlationPValue(-1, 2)).toBe(1);
    expect(correlationPValue(0.5, 2, null)).toBeNull();
    expect(correlationPValue(1, 10)).toBe(0);
    expect(correlationPValue(null, 10)).toBeNull();
  });

  it('gives 1 for r = 0', () => {
    expectClose(correlationPValue(0, 25), 1, 1e-15);
  });
});
