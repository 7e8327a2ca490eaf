import { createRng } from '../../../shared/random';
import { nameRfmClusters, RFM_CLUSTER_NAMES, RFM_SEGMENTS, rfmSegmentName } from '../../../shared/segment/rfm-names';

describe('rfmSegmentName', () => {
  test('rfmSegmentName(r, f) follows the R×F map', () => {
    expect(rfmSegmentName(5, 5)).toBe('Champions');
    expect(rfmSegmentName(5, 4)).toBe('Champions');
    expect(rfmSegmentName(4, 5)).toBe('Loyal customers');
    expect(rfmSegmentName(3, 4)).toBe('Loyal customers');
    expect(rfmSegmentName(5, 2)).toBe('Potential loyalist');
    expect(rfmSegmentName(4, 3)).toBe('Potential loyalist');
    expect(rfmSegmentName(5, 1)).toBe('New customers');
    expect(rfmSegmentName(4, 1)).toBe('Promising');
    expect(rfmSegmentName(3, 3)).toBe('Need attention');
    expect(rfmSegmentName(3, 2)).toBe('About to sleep');
    expect(rfmSegmentName(2, 3)).toBe('At risk');
    expect(rfmSegmentName(1, 4)).toBe('At risk');
    expect(rfmSegmentName(1, 5)).toBe('Cannot lose them');
    expect(rfmSegmentName(2, 2)).toBe('Hibernating');
    expect(rfmSegmentName(1, 2)).toBe('Hibernating');
    expect(rfmSegmentName(1, 1)).toBe('Lost');
  });

  test('rfmSegmentName covers all 25 score pairs with the 11 segments, each used at least once', () => {
    const used = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) used.add(rfmSegmentName(r, f));
    expect([...used].sort()).toEqual([...RFM_SEGMENTS].sort());
  });
});

describe('nameRfmClusters', () => {
  test('nameRfmClusters(centres, 4) gives each quadrant its archetype', () => {
    // rows: (recency, frequency, monetary) in standardised log space
    const centres = Float64Array.of(1, -1, -1, -1, 1, 1, 1, 1, 1, -1, -1, -1);
    expect(nameRfmClusters(centres, 4)).toEqual(['Inactive', 'Top customers', 'At risk', 'Potential loyal']);
  });

  test('nameRfmClusters(centres, 4) still gives four distinct names when two centres share a quadrant', () => {
    // freshness/value: A (1, 1), B (0.8, 0.9), C (−1, −1), D (−0.5, −0.8).
    // A→Top, C→Inactive; then B→At risk, D→Potential loyal (0.1 + 0.3) beats B→Potential, D→At risk (−0.1 − 0.3).
    const centres = Float64Array.of(-1, 1, 1, -0.8, 0.9, 0.9, 1, -1, -1, 0.5, -0.8, -0.8);
    expect(nameRfmClusters(centres, 4)).toEqual(['Top customers', 'At risk', 'Inactive', 'Potential loyal']);
  });

  test('nameRfmClusters(centres, k > 4) numbers the extra clusters after their closest archetype', () => {
    const centres = Float64Array.of(-1, 1, 1, 1, -1, -1, -1, -1, -1, 1, 1, 1, -2, 2, 2);
    expect(nameRfmClusters(centres, 5)).toEqual([
      'Top customers (2)',
      'Inactive',
      'Potential loyal',
      'At risk',
      'Top customers',
    ]);
  });

  test('nameRfmClusters(centres, k) gives unique, deterministic names for random centres', () => {
    const rng = createRng(9);
    for (let trial = 0; trial < 200; trial++) {
      const k = 2 + rng.int(9);
      const centres = Float64Array.from({ length: k * 3 }, () => rng.normal());
      const names = nameRfmClusters(centres, k);
      expect(new Set(names).size).toBe(k);
      expect(nameRfmClusters(centres, k)).toEqual(names);
      if (k <= 4) for (const name of names) expect(RFM_CLUSTER_NAMES).toContain(name);
    }
  });
});
