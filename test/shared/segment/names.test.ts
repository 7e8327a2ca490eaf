import { createRng } from '../../../shared/random';
import { nameSegments } from '../../../shared/segment/names';
import type { CategoryProfile, FeatureProfile, SegmentProfile } from '../../../shared/segment/types';

const feature = (name: string, difference: number | null): FeatureProfile => ({
  name,
  mean: 0,
  overallMean: 0,
  difference,
});
const level = (column: string, lvl: string, share: number, overallShare: number): CategoryProfile => ({
  column,
  level: lvl,
  share,
  overallShare,
});
const segment = (label: number, features: FeatureProfile[], categories: CategoryProfile[] = []): SegmentProfile => ({
  label,
  size: 10,
  share: 0.1,
  silhouette: null,
  features,
  categories,
});

describe('nameSegments', () => {
  test('nameSegments(profiles) names by the strongest traits: High/Low features and over-represented levels', () => {
    const profiles = [
      segment(
        0,
        [feature('CLV', 1.8), feature('visits', 0.3)],
        [
          // LinkedIn: share 0.6 vs 0.2 → 3×, strength (0.6 − 0.2) / √(0.2 · 0.8) = 1.0
          level('channel', 'LinkedIn', 0.6, 0.2),
          level('channel', 'Search', 0.4, 0.8),
          // region 1: share 0.7 vs 0.25 → strength 0.45 / √0.1875 ≈ 1.039
          level('region', '1', 0.7, 0.25),
        ],
      ),
      segment(1, [feature('CLV', -0.6), feature('visits', -0.49)]),
      segment(2, [feature('CLV', 0.1), feature('visits', null)]),
    ];
    expect(nameSegments(profiles, { levelNames: { region: { '1': 'Western Europe' } } })).toEqual([
      'High CLV · Western Europe · LinkedIn',
      'Low CLV',
      'Typical',
    ]);
  });

  test('nameSegments(profiles) keeps at most 3 traits and one level per column', () => {
    const profiles = [
      segment(
        0,
        [feature('a', 0.9), feature('b', -2), feature('c', 0.7), feature('d', 0.6)],
        // both levels qualify (0.45 ≥ 1.5 × 0.2, ≥ 0.4); only the stronger "y" is used — and it ranks below a, b, c
        [level('k', 'x', 0.45, 0.2), level('k', 'y', 0.5, 0.2)],
      ),
    ];
    // strengths: b 2, a 0.9, c 0.7, y (0.3 / 0.4 = 0.75) → b, a, y
    expect(nameSegments(profiles)).toEqual(['Low b · High a · y']);
  });

  test('nameSegments(profiles) needs both the 1.5× lift and a 40% share for a level to count', () => {
    const profiles = [
      segment(0, [], [level('plan', 'pro', 0.39, 0.1)]), // share too small
      segment(1, [], [level('plan', 'team', 0.7, 0.5)]), // lift 1.4 too small
      segment(2, [], [level('plan', 'basic', 0.4, 0.2)]), // exactly 40% and 2×
    ];
    expect(nameSegments(profiles)).toEqual(['Typical', 'Typical (2)', 'basic']);
  });

  test('nameSegments(profiles) reads booleans and numeric levels without a map', () => {
    const profiles = [
      segment(0, [], [level('churned', 'true', 0.8, 0.2)]),
      segment(1, [], [level('churned', 'false', 0.9, 0.2)]),
      segment(2, [], [level('region', '2', 0.9, 0.3)]),
    ];
    expect(nameSegments(profiles)).toEqual(['churned', 'Not churned', 'region=2']);
  });

  test('nameSegments(profiles, isOutlier) prefixes outliers and keeps two traits', () => {
    const profiles = [
      segment(0, [feature('usage', 40), feature('active days', -3), feature('seats', 1)]),
      segment(1, []),
    ];
    expect(nameSegments(profiles, { isOutlier: [true, true] })).toEqual([
      'Outliers · High usage · Low active days',
      'Outliers',
    ]);
  });

  test('nameSegments(profiles) disambiguates repeats in segment order without reusing a taken name', () => {
    const profiles = [
      segment(0, [feature('spend', 1)]),
      segment(1, [feature('spend', 2)]),
      segment(2, [feature('spend (2)', 1)]),
      segment(3, [feature('spend', 0.7)]),
    ];
    // "High spend (2)" is segment 2's own name, so the repeats become (3) and (4)
    expect(nameSegments(profiles)).toEqual(['High spend', 'High spend (3)', 'High spend (2)', 'High spend (4)']);
  });

  test('nameSegments(profiles) is unique and deterministic on random profiles', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 200; trial++) {
      const k = 2 + rng.int(9);
      const profiles = Array.from({ length: k }, (_, s) => {
        const features = ['spend', 'visits', 'tenure'].map((name) =>
          feature(name, rng.int(3) === 0 ? null : rng.normal()),
        );
        const shares = [rng.next(), rng.next(), rng.next()];
        const total = shares[0] + shares[1] + shares[2];
        const categories = ['a', 'b', 'c'].map((lvl, j) => level('plan', lvl, shares[j] / total, 1 / 3));
        return segment(s, features, categories);
      });
      const isOutlier = profiles.map(() => rng.int(5) === 0);
      const names = nameSegments(profiles, { isOutlier });
      expect(new Set(names).size).toBe(k);
      expect(nameSegments(profiles, { isOutlier })).toEqual(names);
      for (const name of names) expect(name.split(' · ').length).toBeLessThanOrEqual(3);
    }
  });
});
