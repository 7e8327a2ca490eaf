import fixture from '../../fixtures/experiment/probability-to-beat.json';
import { InputError } from '../../../shared/errors';
import { betaProbabilityToBeat } from '../../../shared/experiment/beta-probability-to-beat';
import { expectClose } from './close-to';

const posterior = (conversions: number, users: number) => ({ alpha: 1 + conversions, beta: 1 + users - conversions });

describe('betaProbabilityToBeat(variant, control)', () => {
  it('gives 2/3 for Beta(2, 1) against Beta(1, 1) (∫ 2x · x dx)', () => {
    expectClose(betaProbabilityToBeat({ alpha: 2, beta: 1 }, { alpha: 1, beta: 1 }), 2 / 3, 1e-14);
  });

  it('gives 5/6 for 1 of 1 converted against 0 of 1 (Beta(2, 1) vs Beta(1, 2): ∫ 2x · (1 − (1 − x)²) dx)', () => {
    expectClose(betaProbabilityToBeat(posterior(1, 1), posterior(0, 1)), 5 / 6, 1e-14);
  });

  it('gives ½ for identical posteriors', () => {
    expectClose(betaProbabilityToBeat(posterior(10, 100), posterior(10, 100)), 0.5, 1e-12);
    expectClose(betaProbabilityToBeat(posterior(50000, 500000), posterior(50000, 500000)), 0.5, 1e-9);
  });

  it("matches Evan Miller's full sum in 40-digit decimals and a SciPy numerical integral", () => {
    for (const c of fixture) {
      const p = betaProbabilityToBeat(posterior(c.variant[0], c.variant[1]), posterior(c.control[0], c.control[1]));
      const label = `${c.variant} vs ${c.control}`;
      // ~1e-16 · |ln B| from the peak term: 3e-10 at 500,000 users a side.
      expectClose(p, c.exact, 1e-9, `${label} (sum)`);
      expectClose(p, c.integral, 1e-9, `${label} (integral)`);
    }
  });

  it('adds up to 1 with the reverse comparison (property)', () => {
    for (const c of fixture) {
      const v = posterior(c.variant[0], c.variant[1]);
      const k = posterior(c.control[0], c.control[1]);
      expectClose(betaProbabilityToBeat(v, k) + betaProbabilityToBeat(k, v), 1, 1e-9, `${c.variant} vs ${c.control}`);
    }
  });

  it('accepts a fractional parameter as long as one summed over is whole', () => {
    // Beta(1, 0.5) vs Beta(1, 1): P = ∫ f_X(x) x dx = E[X] = 1/(1 + 0.5)
    expectClose(betaProbabilityToBeat({ alpha: 1, beta: 0.5 }, { alpha: 1, beta: 1 }), 2 / 3, 1e-12);
    expect(() => betaProbabilityToBeat({ alpha: 1.5, beta: 1 }, { alpha: 1, beta: 2.5 })).toThrow(InputError);
    expect(() => betaProbabilityToBeat({ alpha: 0, beta: 1 }, { alpha: 1, beta: 1 })).toThrow('not positive');
  });
});
