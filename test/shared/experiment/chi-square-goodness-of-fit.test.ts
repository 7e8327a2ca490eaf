import fixture from '../../fixtures/experiment/chi-square.json';
import { InputError } from '../../../shared/errors';
import { chiSquareGoodnessOfFit } from '../../../shared/experiment/chi-square-goodness-of-fit';
import { expectClose } from './close-to';

describe('chiSquareGoodnessOfFit(observed, weights)', () => {
  it('computes 5100 vs 4900 against an even split by hand', () => {
    // expected 5000 each; statistic = (100² + 100²) / 5000 = 4; dof 1
    const result = chiSquareGoodnessOfFit([5100, 4900]);
    expect(result.statistic).toBe(4);
    expect(result.dof).toBe(1);
    expect([...result.expected]).toEqual([5000, 5000]);
    expectClose(result.pValue, 0.04550026389635842, 1e-12);
  });

  it('matches scipy.stats.chisquare with equal and weighted splits', () => {
    for (const c of fixture.goodnessOfFit) {
      const result = chiSquareGoodnessOfFit(c.observed, c.weights);
      const label = JSON.stringify(c.observed);
      expectClose(result.statistic, c.statistic, 1e-12, label);
      expectClose(result.pValue, c.pValue, 1e-9, label, 1e-300);
      expect(result.dof).toBe(c.dof);
      c.expected.forEach((e, i) => expectClose(result.expected[i], e, 1e-14, label));
    }
  });

  it('gives statistic 0 and p = 1 when nothing was observed', () => {
    expect(chiSquareGoodnessOfFit([0, 0, 0])).toMatchObject({ statistic: 0, pValue: 1, dof: 2 });
  });

  it('refuses mismatched weights, non-positive weights and a single category', () => {
    expect(() => chiSquareGoodnessOfFit([10, 20], [1, 1, 1])).toThrow('3 weights for 2 observed counts');
    expect(() => chiSquareGoodnessOfFit([10, 20], [1, 0])).toThrow(InputError);
    expect(() => chiSquareGoodnessOfFit([10])).toThrow('1 categories given');
  });
});
