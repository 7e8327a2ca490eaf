import fixture from '../../fixtures/experiment/special-functions.json';
import { logBeta, regularizedBeta, regularizedGammaQ } from '../../../shared/experiment/special-functions';
import { expectClose } from './close-to';

describe('logBeta(a, b)', () => {
  it('gives ln B(2, 3) = ln(1/12) (B(2, 3) = 1!·2!/4! = 1/12)', () => {
    expectClose(logBeta(2, 3), Math.log(1 / 12), 1e-13);
  });

  it('is symmetric in a and b', () => {
    for (const [a, b] of [
      [0.5, 7.25],
      [12, 0.5],
      [3e4, 7e5],
    ])
      expect(logBeta(a, b)).toBe(logBeta(b, a));
  });

  it('matches scipy.special.betaln, including a and b in the millions', () => {
    // SciPy's own betaln is good to ~2e-10 absolute at (5e5, ½); 1e-9 relative covers it.
    for (const [a, b, expected] of fixture.logBeta) {
      expectClose(logBeta(a, b), expected, 1e-9, `betaln(${a}, ${b})`, 1e-15);
    }
  });

  it('follows the asymptote ln Γ(½) − ½ ln a + 1/(8a) for a = 1e6, b = ½', () => {
    // ln Γ(a) − ln Γ(a + ½) = −½ ln a + 1/(8a) − 1/(192a³) + …
    const a = 1e6;
    expectClose(logBeta(a, 0.5), 0.5 * Math.log(Math.PI) - 0.5 * Math.log(a) + 1 / (8 * a), 1e-14);
  });
});

describe('regularizedGammaQ(a, x)', () => {
  it('gives e^−x for a = 1 (Q(1, x) = e^−x)', () => {
    for (const x of [0.5, 2, 30, 700]) expectClose(regularizedGammaQ(1, x), Math.exp(-x), 1e-13, `x=${x}`);
  });

  it('matches scipy.special.gammaincc far into the upper tail', () => {
    for (const [a, x, expected] of fixture.gammaQ) {
      expectClose(regularizedGammaQ(a, x), expected, 1e-12, `gammaincc(${a}, ${x})`);
    }
  });

  it('is 1 at x = 0 and 0 at x = ∞', () => {
    expect(regularizedGammaQ(2.5, 0)).toBe(1);
    expect(regularizedGammaQ(2.5, Infinity)).toBe(0);
  });
});

describe('regularizedBeta(x, a, b)', () => {
  it('gives I_½(2, 3) = 11/16 (the Beta(2, 3) cdf 6x² − 8x³ + 3x⁴ at ½)', () => {
    expectClose(regularizedBeta(0.5, 2, 3), 11 / 16, 1e-14);
  });

  it('matches scipy.special.betainc', () => {
    for (const [x, a, b, expected] of fixture.beta) {
      expectClose(regularizedBeta(x, a, b), expected, 1e-11, `betainc(${a}, ${b}, ${x})`);
    }
  });

  it('satisfies I_x(a, b) + I_{1−x}(b, a) = 1', () => {
    for (const [x, a, b] of [
      [0.3, 2.5, 7],
      [0.999, 1000, 0.5],
      [0.01, 50, 0.5],
    ]) {
      expectClose(regularizedBeta(x, a, b) + regularizedBeta(1 - x, b, a, x), 1, 1e-13, `x=${x}`);
    }
  });
});
