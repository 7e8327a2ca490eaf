import { createRng } from '../../../shared/random';
import { quintileScores, rfmScores } from '../../../shared/segment/rfm-scores';
import fixture from '../../fixtures/segment/pipeline-rfm.json';

describe('quintileScores', () => {
  test('quintileScores(values) ranks with ties broken by position, then cuts the ranks into fifths', () => {
    // values 10, 3, 3, 7, 1 → ranks 5, 2, 3, 4, 1; n = 5: edges 1, 1.8, 2.6, 3.4, 4.2, 5 → one rank per fifth
    expect(Array.from(quintileScores(Float64Array.of(10, 3, 3, 7, 1)))).toEqual([5, 2, 3, 4, 1]);
    expect(Array.from(quintileScores(Float64Array.of(10, 3, 3, 7, 1), true))).toEqual([1, 4, 3, 2, 5]);
  });

  test('quintileScores(values) puts edge ranks in the lower fifth, as pd.qcut’s right-closed bins', () => {
    // n = 11: edges 1, 3, 5, 7, 9, 11 → ranks 1–3 score 1, 4–5 score 2, 6–7 score 3, 8–9 score 4, 10–11 score 5
    const scores = quintileScores(Float64Array.from({ length: 11 }, (_, i) => i));
    expect(Array.from(scores)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  test('quintileScores(values) splits a column of ties into five groups and scores a single value 1', () => {
    expect(Array.from(quintileScores(new Float64Array(10).fill(4)))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from(quintileScores(Float64Array.of(3)))).toEqual([1]);
  });

  test('quintileScores(values) gives fifths that differ in size by at most one and never decrease with the value', () => {
    const rng = createRng(1);
    for (let trial = 0; trial < 100; trial++) {
      const n = 5 + rng.int(300);
      const values = Float64Array.from({ length: n }, () => rng.int(20));
      const scores = quintileScores(values);
      const counts = [0, 0, 0, 0, 0];
      for (const s of scores) counts[s - 1]++;
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      const byValue = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
      const decreases = byValue.filter(
        (row, p) => p > 0 && values[row] > values[byValue[p - 1]] && scores[row] < scores[byValue[p - 1]],
      );
      expect(decreases).toEqual([]);
    }
  });
});

describe('rfmScores', () => {
  for (const c of fixture.cases) {
    test(`rfmScores(customers) matches pd.qcut(rank(method='first')) (asOf ${c.asOf}, ${c.windowMonths} months)`, () => {
      const scores = rfmScores({
        keys: c.keys,
        recency: Float64Array.from(c.recency),
        frequency: Float64Array.from(c.frequency),
        monetary: Float64Array.from(c.monetary),
      });
      expect(Array.from(scores.r)).toEqual(c.r);
      expect(Array.from(scores.f)).toEqual(c.f);
      expect(Array.from(scores.m)).toEqual(c.m);
    });
  }
});
