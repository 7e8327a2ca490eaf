import { createRng } from '../../../shared/random';
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

  it('orders negative, zero, tiny and infinite values by value, −0 tied with 0', () => {
    const values = Float64Array.of(-1, -5, 0, -0, 1e300, -1e-300, Infinity, -Infinity);
    expect(Array.from(averageRanks(values))).toEqual([3, 2, 5.5, 5.5, 7, 4, 8, 1]);
  });

  it('agrees with counting below and equal for random values with many ties', () => {
    const rng = createRng(3);
    const values = Float64Array.from({ length: 500 }, () => Math.round(rng.normal() * 4) / 2);
    const ranks = averageRanks(values);
    values.forEach((v, i) => {
      // Rank = (values below) + (equal values + 1) / 2.
      const below = values.filter((w) => w < v).length;
      const equal = values.filter((w) => w === v).length;
      expect(ranks[i]).toBe(below + (equal + 1) / 2);
    });
  });
});
