import fixture from '../../fixtures/experiment/chi-square.json';
import { chiSquareIndependence } from '../../../shared/experiment/chi-square-independence';
import { expectClose } from './close-to';

describe('chiSquareIndependence(observed)', () => {
  it('computes [[10, 20], [20, 10]] by hand', () => {
    // Every expected count is 15; statistic = 4 · 5² / 15 = 6.667; dof = 1; p = erfc(√(6.667/2)).
    const result = chiSquareIndependence([
      [10, 20],
      [20, 10],
    ]);
    expectClose(result.statistic, 20 / 3, 1e-14);
    expect(result.dof).toBe(1);
    expect(result.minExpected).toBe(15);
    expectClose(result.pValue, 0.009823274507519235, 1e-12);
  });

  it('matches scipy.stats.chi2_contingency(correction=False), p-values down to 1e-220 and 0', () => {
    for (const c of fixture.independence) {
      const result = chiSquareIndependence(c.observed);
      const label = JSON.stringify(c.observed);
      expectClose(result.statistic, c.statistic, 1e-12, label);
      expectClose(result.pValue, c.pValue, 1e-9, label, 1e-300);
      expect(result.dof).toBe(c.dof);
      expectClose(result.minExpected, c.minExpected, 1e-12, label);
    }
  });

  it('leaves out zero rows and columns, as SciPy on the reduced table, and flags a table with nothing to test', () => {
    for (const c of fixture.zeroMargins) {
      const result = chiSquareIndependence(c.observed);
      const label = JSON.stringify(c.observed);
      expectClose(result.statistic, c.statistic, 1e-12, label);
      expectClose(result.pValue, c.pValue, 1e-9, label);
      expect(result.dof).toBe(c.dof);
      expect(result.degenerate).toBe(c.degenerate);
    }
  });

  it('accepts typed-array rows', () => {
    const result = chiSquareIndependence([Float64Array.of(10, 20), Float64Array.of(20, 10)]);
    expectClose(result.statistic, 20 / 3, 1e-14);
  });
});
