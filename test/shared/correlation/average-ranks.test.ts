import { averageRanks } from '../../../shared/correlation/average-ranks';

describe('averageRanks(values)', () => {
  it('gives tied values the mean of the ranks they span, as scipy.stats.rankdata', () => {
    // Sorted: 10, 10 (ranks 1, 2 → 1.5), 20 (3), 30, 30, 30 (4, 5, 6 → 5).
    expect(Array.from(averageRanks(Float64Array.of(30, 10, 20, 30, 10, 30)))).toEqual([5, 1.5, 3, 5, 1.5, 5]);
  });

  it('ranks negative numbers and an empty array', () => {
    expect(Array.from(averageRanks(Float64Array.of(-1, -5, 0)))).toEqual([2, 1, 3]);
    expect(averageRanks(new Float64Array(0)).length).toBe(0);
  });
});
