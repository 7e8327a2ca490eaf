import { profileSegments } from '../../../shared/segment/profile';
import fixture from '../../fixtures/segment/pipeline-profile.json';

describe('profileSegments', () => {
  test('profileSegments(input) gives means, standardised differences and level shares by hand', () => {
    // x = 1, 3, 8 in segments 0, 0, 1: overall mean 4, population std √((9 + 1 + 16) / 3) = √(26/3)
    // segment 0: mean 2, difference −2 / √(26/3); segment 1: mean 8, difference 4 / √(26/3)
    // c = a, b, a: overall a 2/3, b 1/3; segment 0: a 1/2, b 1/2; segment 1: a 1, b 0
    const profiles = profileSegments({
      labels: Int32Array.of(0, 0, 1),
      k: 2,
      numeric: [{ name: 'x', values: Float64Array.of(1, 3, 8) }],
      categorical: [{ name: 'c', codes: Int32Array.of(0, 1, 0), levels: ['a', 'b'] }],
      silhouettes: Float64Array.of(0.5, 0.25, 0),
    });
    const std = Math.sqrt(26 / 3);
    expect(profiles[0]).toEqual({
      label: 0,
      size: 2,
      share: 2 / 3,
      silhouette: 0.375,
      features: [{ name: 'x', mean: 2, overallMean: 4, difference: -2 / std }],
      categories: [
        { column: 'c', level: 'a', share: 0.5, overallShare: 2 / 3 },
        { column: 'c', level: 'b', share: 0.5, overallShare: 1 / 3 },
      ],
    });
    expect(profiles[1].features[0].difference).toBeCloseTo(4 / std, 15);
    expect(profiles[1].categories.map((c) => c.share)).toEqual([1, 0]);
  });

  test('profileSegments(input) ignores rows labelled -1 and leaves silhouette null when not given', () => {
    const profiles = profileSegments({
      labels: Int32Array.of(0, -1, 1),
      k: 2,
      numeric: [{ name: 'x', values: Float64Array.of(2, 1000, 4) }],
      categorical: [],
    });
    // overall over rows 0 and 2 only: mean 3, std 1
    expect(profiles.map((p) => p.features[0])).toEqual([
      { name: 'x', mean: 2, overallMean: 3, difference: -1 },
      { name: 'x', mean: 4, overallMean: 3, difference: 1 },
    ]);
    expect(profiles.map((p) => p.silhouette)).toEqual([null, null]);
    expect(profiles.map((p) => p.share)).toEqual([0.5, 0.5]);
  });

  test('profileSegments(input, baselineLabels) compares with the baseline segments only, shares with all rows', () => {
    // baseline = segments 0 and 1 (x = 2, 4: mean 3, std 1); segment 2 (x = 100) is the outlier group
    const profiles = profileSegments({
      labels: Int32Array.of(0, 1, 2),
      k: 3,
      numeric: [{ name: 'x', values: Float64Array.of(2, 4, 100) }],
      categorical: [],
      baselineLabels: [0, 1],
    });
    expect(profiles[2].features[0]).toEqual({ name: 'x', mean: 100, overallMean: 3, difference: 97 });
    expect(profiles.map((p) => p.share)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  test('profileSegments(input) gives null means and differences where they are undefined', () => {
    const profiles = profileSegments({
      labels: Int32Array.of(0, 1, 1),
      k: 3,
      numeric: [
        { name: 'gap', values: Float64Array.of(NaN, 1, 2) },
        { name: 'flat', values: Float64Array.of(5, 5, 5) },
      ],
      categorical: [],
    });
    expect(profiles[0].features[0]).toEqual({ name: 'gap', mean: null, overallMean: 1.5, difference: null });
    expect(profiles[0].features[1]).toEqual({ name: 'flat', mean: 5, overallMean: 5, difference: null });
    expect(profiles[2]).toMatchObject({ size: 0, share: 0 });
  });

  test('profileSegments(input) matches pandas groupby means, value_counts and silhouette means on the fixture', () => {
    const profiles = profileSegments({
      labels: Int32Array.from(fixture.labels),
      k: fixture.k,
      numeric: fixture.numeric.map((c) => ({ name: c.name, values: Float64Array.from(c.values, (v) => v ?? NaN) })),
      categorical: fixture.categorical.map((c) => ({
        name: c.name,
        codes: Int32Array.from(c.codes),
        levels: c.levels,
      })),
      silhouettes: Float64Array.from(fixture.silhouettes, (v) => v ?? NaN),
    });
    expect(profiles).toHaveLength(fixture.segments.length);
    fixture.segments.forEach((expected, s) => {
      const actual = profiles[s];
      expect(actual.label).toBe(expected.label);
      expect(actual.size).toBe(expected.size);
      expect(actual.share).toBeCloseTo(expected.share, 15);
      expect(actual.silhouette).toBeCloseTo(expected.silhouette, 13);
      expected.features.forEach((f, j) => {
        expect(actual.features[j].name).toBe(f.name);
        expect(actual.features[j].mean).toBeCloseTo(f.mean, 12);
        expect(actual.features[j].overallMean).toBeCloseTo(f.overallMean, 12);
        expect(actual.features[j].difference).toBeCloseTo(f.difference, 12);
      });
      expect(actual.categories).toHaveLength(expected.categories.length);
      expected.categories.forEach((c, j) => {
        expect(actual.categories[j]).toMatchObject({ column: c.column, level: c.level });
        expect(actual.categories[j].share).toBeCloseTo(c.share, 15);
        expect(actual.categories[j].overallShare).toBeCloseTo(c.overallShare, 15);
      });
    });
  });

  test('profileSegments(input) gives shares that sum to 1 and level shares that sum to 1 per segment', () => {
    const profiles = profileSegments({
      labels: Int32Array.from(fixture.labels),
      k: fixture.k,
      numeric: [],
      categorical: fixture.categorical.map((c) => ({
        name: c.name,
        codes: Int32Array.from(c.codes),
        levels: c.levels,
      })),
    });
    expect(profiles.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(1, 14);
    for (const p of profiles) expect(p.categories.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 14);
  });
});
