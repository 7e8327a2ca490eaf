import fixture from '../../fixtures/experiment/p-adjust.json';
import { pAdjust } from '../../../shared/experiment/p-adjust';
import { expectClose } from './close-to';

describe('pAdjust(pValues, method)', () => {
  it('applies Holm by hand to [0.01, 0.04, 0.03]', () => {
    // sorted 0.01, 0.03, 0.04 → 3·0.01 = 0.03, max(0.03, 2·0.03) = 0.06, max(0.06, 1·0.04) = 0.06
    const adjusted = pAdjust([0.01, 0.04, 0.03], 'HOLM');
    [0.03, 0.06, 0.06].forEach((e, i) => expectClose(adjusted[i], e, 1e-15));
  });

  it('applies Benjamini–Hochberg by hand to [0.01, 0.04, 0.03]', () => {
    // sorted 0.01, 0.03, 0.04 → from the largest: 3·0.04/3 = 0.04, min(0.04, 3·0.03/2 = 0.045) = 0.04, 3·0.01/1 = 0.03
    const adjusted = pAdjust([0.01, 0.04, 0.03], 'BENJAMINI_HOCHBERG');
    [0.03, 0.04, 0.04].forEach((e, i) => expectClose(adjusted[i], e, 1e-15));
  });

  it('matches statsmodels multipletests(method="holm" | "bonferroni" | "fdr_bh")', () => {
    for (const c of fixture) {
      const holm = pAdjust(c.pValues, 'HOLM');
      const bonferroni = pAdjust(c.pValues, 'BONFERRONI');
      const fdrBh = pAdjust(c.pValues, 'BENJAMINI_HOCHBERG');
      c.fdrBh.forEach((e, i) => expectClose(fdrBh[i], e, 1e-14, `fdr_bh ${c.pValues}`));
      c.holm.forEach((e, i) => expectClose(holm[i], e, 1e-14, `holm ${c.pValues}`));
      c.bonferroni.forEach((e, i) => expectClose(bonferroni[i], e, 1e-14, `bonferroni ${c.pValues}`));
    }
  });

  it('skips null p-values, which do not count towards the number of tests', () => {
    expect(pAdjust([0.02, null, 0.01], 'BONFERRONI')).toEqual([0.04, null, 0.02]);
    expect(pAdjust([null, null], 'HOLM')).toEqual([null, null]);
  });

  it('leaves p-values alone with NONE', () => {
    expect(pAdjust([0.02, null, 0.5], 'NONE')).toEqual([0.02, null, 0.5]);
  });

  it('never lowers a p-value, caps at 1, and Holm never exceeds Bonferroni (property)', () => {
    for (const c of fixture) {
      const holm = pAdjust(c.pValues, 'HOLM');
      const bonferroni = pAdjust(c.pValues, 'BONFERRONI');
      c.pValues.forEach((p, i) => {
        expect(holm[i]!).toBeGreaterThanOrEqual(p);
        expect(holm[i]!).toBeLessThanOrEqual(bonferroni[i]!);
        expect(bonferroni[i]!).toBeLessThanOrEqual(1);
      });
    }
  });
});
