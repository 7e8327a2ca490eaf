import fixture from '../../fixtures/experiment/proportions.json';
import { waldInterval } from '../../../shared/experiment/wald-interval';
import { expectClose } from './close-to';

describe('waldInterval(x1, n1, x2, n2, alpha)', () => {
  it('computes 0.03 ± 1.96 · √(0.12·0.88/500 + 0.09·0.91/500) by hand', () => {
    const interval = waldInterval(60, 500, 45, 500, 0.05);
    const half = 1.959963984540054 * Math.sqrt((0.12 * 0.88) / 500 + (0.09 * 0.91) / 500);
    expectClose(interval?.difference ?? null, 0.03, 1e-13);
    expectClose(interval?.ciLow ?? null, 0.03 - half, 1e-12);
    expectClose(interval?.ciHigh ?? null, 0.03 + half, 1e-12);
  });

  it('matches statsmodels confint_proportions_2indep(method="wald", compare="diff")', () => {
    for (const c of fixture) {
      const interval = waldInterval(c.x1, c.n1, c.x2, c.n2, c.alpha);
      const label = `${c.x1}/${c.n1} vs ${c.x2}/${c.n2} at alpha ${c.alpha}`;
      expectClose(interval?.difference ?? null, c.difference, 1e-12, label, 1e-16);
      expectClose(interval?.ciLow ?? null, c.ciLow, 1e-9, label, 1e-15);
      expectClose(interval?.ciHigh ?? null, c.ciHigh, 1e-9, label, 1e-15);
    }
  });

  it('collapses to the difference when both groups convert at 0% (no spread to estimate)', () => {
    expect(waldInterval(0, 1000, 0, 800, 0.05)).toEqual({ difference: 0, ciLow: 0, ciHigh: 0 });
  });

  it('returns null for an empty group', () => {
    expect(waldInterval(0, 0, 4, 10, 0.05)).toBeNull();
  });

  it('widens as alpha shrinks (property)', () => {
    const wide = waldInterval(60, 500, 45, 500, 0.01);
    const narrow = waldInterval(60, 500, 45, 500, 0.1);
    expect(wide && narrow && wide.ciHigh - wide.ciLow > narrow.ciHigh - narrow.ciLow).toBe(true);
  });
});
