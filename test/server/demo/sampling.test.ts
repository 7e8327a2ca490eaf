import { createRng } from '../../../shared/random';
import {
  demoRng,
  exactMix,
  logNormal,
  pickWeighted,
  poisson,
  shuffle,
  uniformInt,
} from '../../../server/demo/sampling';

const draws = (n: number, draw: () => number) => Array.from({ length: n }, draw);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return mean(xs.map((x) => (x - m) ** 2));
};

describe('demoRng(seed, stream)', () => {
  it('repeats for the same seed and stream and differs across streams and seeds', () => {
    const first = (seed: number, stream: string) => demoRng(seed, stream).next();
    expect(first(42, 'Users')).toBe(first(42, 'Users'));
    expect(first(42, 'Users')).not.toBe(first(42, 'Transactions'));
    expect(first(42, 'Users')).not.toBe(first(43, 'Users'));
  });
});

describe('poisson(rng, lambda)', () => {
  // Poisson(λ) has mean λ and variance λ; over 20,000 draws the standard error of the mean is sqrt(λ/20000).
  it.each([0.3, 4, 45])('has mean and variance lambda = %p', (lambda) => {
    const rng = createRng(1);
    const xs = draws(20000, () => poisson(rng, lambda));
    expect(Math.abs(mean(xs) - lambda)).toBeLessThan(5 * Math.sqrt(lambda / 20000));
    expect(variance(xs) / lambda).toBeGreaterThan(0.93);
    expect(variance(xs) / lambda).toBeLessThan(1.07);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  it('gives 0 for lambda <= 0', () => {
    expect(poisson(createRng(1), 0)).toBe(0);
  });
});

describe('logNormal(rng, median, sigma)', () => {
  it('puts half the draws below the median and has log-sd sigma', () => {
    const rng = createRng(2);
    const xs = draws(20000, () => logNormal(rng, 50, 0.5));
    expect(Math.abs(xs.filter((x) => x < 50).length / xs.length - 0.5)).toBeLessThan(0.02);
    expect(Math.sqrt(variance(xs.map(Math.log)))).toBeCloseTo(0.5, 1);
  });
});

describe('pickWeighted(rng, weights)', () => {
  it('picks each index in proportion to its weight and never a zero weight', () => {
    const rng = createRng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[pickWeighted(rng, [1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.8);
    expect(counts[2] / counts[0]).toBeLessThan(3.2);
  });
});

describe('uniformInt(rng, lo, hi)', () => {
  it('covers lo..hi inclusive and nothing else', () => {
    const rng = createRng(4);
    const seen = new Set(draws(2000, () => uniformInt(rng, 3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
});

describe('shuffle(rng, items)', () => {
  it('permutes in place, keeping every item', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const result = shuffle(createRng(5), items);
    expect(result).toBe(items);
    expect([...items].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(items).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('exactMix(total, shares)', () => {
  it('plants round(total × share) of each class and gives the remainder to the last', () => {
    // 10 × 0.25 = 2.5 → 3 (round half up), 10 × 0.25 → 3, the last class gets 10 − 6 = 4.
    expect(exactMix(10, [0.25, 0.25, 0.5])).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
    expect(exactMix(5, [0.6, 0.4])).toEqual([0, 0, 0, 1, 1]);
  });
});
