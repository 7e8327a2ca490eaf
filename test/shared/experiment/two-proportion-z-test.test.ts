import fixture from '../../fixtures/experiment/proportions.json';
import { twoProportionZTest } from '../../../shared/experiment/two-proportion-z-test';
import { expectClose } from './close-to';

describe('twoProportionZTest(x1, n1, x2, n2)', () => {
  it('computes the pooled z by hand for 60/500 against 45/500', () => {
    // p̂ = 105/1000 = 0.105; SE = √(0.105 · 0.895 · (2/500)) = 0.0193882; z = (0.12 − 0.09) / SE = 1.547332
    const { zScore } = twoProportionZTest(60, 500, 45, 500);
    expectClose(zScore, 0.03 / Math.sqrt(0.105 * 0.895 * (2 / 500)), 1e-14);
  });

  it('takes the sign of first minus second', () => {
    const ab = twoProportionZTest(60, 500, 45, 500);
    const ba = twoProportionZTest(45, 500, 60, 500);
    expect(ba.zScore).toBe(-(ab.zScore as number));
    expect(ba.pValue).toBe(ab.pValue);
  });

  it('matches statsmodels proportions_ztest, p-values near 1e-225 included', () => {
    for (const c of fixture) {
      const { zScore, pValue } = twoProportionZTest(c.x1, c.n1, c.x2, c.n2);
      const label = `${c.x1}/${c.n1} vs ${c.x2}/${c.n2}`;
      expectClose(zScore, c.zScore, 1e-12, label);
      expectClose(pValue, c.pValue, 1e-9, label, 1e-300);
    }
  });

  it('returns null where statsmodels gives NaN: no conversions, or all conversions, in both groups', () => {
    expect(twoProportionZTest(0, 1000, 0, 800)).toEqual({ zScore: null, pValue: null });
    expect(twoProportionZTest(1000, 1000, 800, 800)).toEqual({ zScore: null, pValue: null });
    expect(twoProportionZTest(3, 10, 0, 0)).toEqual({ zScore: null, pValue: null });
  });

  it('keeps p-values in [0, 1] and symmetric in the order of the groups (property)', () => {
    for (let n = 1; n <= 12; n++) {
      for (let x1 = 0; x1 <= n; x1++) {
        const { pValue } = twoProportionZTest(x1, n, n - x1, n);
        if (pValue === null) continue;
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
        expect(twoProportionZTest(n - x1, n, x1, n).pValue).toBe(pValue);
      }
    }
  });
});
