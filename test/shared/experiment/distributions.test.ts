import fixture from '../../fixtures/experiment/distributions.json';
import {
  chiSquareSf,
  normalQuantile,
  normalSf,
  studentTQuantile,
  studentTSf,
} from '../../../shared/experiment/distributions';
import { expectClose } from './close-to';

describe('normalSf(x)', () => {
  it('gives ½ at 0 and 0.025 at 1.959963984540054', () => {
    expect(normalSf(0)).toBe(0.5);
    // jstat's ln Γ(½), inside the incomplete gamma function, is 4e-14 off: that sets the last digits here.
    expectClose(normalSf(1.959963984540054), 0.025, 1e-12);
  });

  it('matches scipy.stats.norm.sf to 1e-12 relative, down to 1e-300 (where 1 − cdf gives 0)', () => {
    for (const [z, expected] of fixture.normalSf) expectClose(normalSf(z), expected, 1e-12, `norm.sf(${z})`);
  });
});

describe('normalQuantile(p)', () => {
  it('matches scipy.stats.norm.ppf, including p = 1e-300', () => {
    for (const [p, expected] of fixture.normalPpf) expectClose(normalQuantile(p), expected, 1e-12, `norm.ppf(${p})`);
  });

  it('inverts normalSf', () => {
    for (const p of [1e-12, 0.01, 0.3]) expectClose(normalSf(-normalQuantile(p)), p, 1e-14, `p=${p}`);
  });

  it('returns ±∞ at 0 and 1, NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('chiSquareSf(x, dof)', () => {
  it('gives e^(−x/2) for 2 degrees of freedom', () => {
    expectClose(chiSquareSf(100, 2), Math.exp(-50), 1e-13);
  });

  it('matches scipy.stats.chi2.sf for statistics up to 1450 (p ≈ 1e-315)', () => {
    for (const [x, dof, expected] of fixture.chiSquareSf) {
      // Below 1e-300 SciPy's answers are subnormal or flushed to 0: there only "tiny" is compared.
      expectClose(chiSquareSf(x, dof), expected, 1e-12, `chi2.sf(${x}, ${dof})`, 1e-300);
    }
  });
});

describe('studentTSf(t, dof)', () => {
  it('gives the Cauchy tail ½ − atan(t)/π for 1 degree of freedom', () => {
    expectClose(studentTSf(3, 1), 0.5 - Math.atan(3) / Math.PI, 1e-13);
  });

  it('matches scipy.stats.t.sf, fractional and multi-million degrees of freedom included', () => {
    for (const [t, dof, expected] of fixture.studentTSf) {
      expectClose(studentTSf(t, dof), expected, 1e-11, `t.sf(${t}, ${dof})`);
    }
  });
});

describe('studentTQuantile(p, dof)', () => {
  it('matches scipy.stats.t.ppf', () => {
    for (const [p, dof, expected] of fixture.studentTPpf) {
      expectClose(studentTQuantile(p, dof), expected, 1e-11, `t.ppf(${p}, ${dof})`);
    }
  });

  it('gives tan(π(p − ½)) for 1 degree of freedom', () => {
    expectClose(studentTQuantile(0.9, 1), Math.tan(Math.PI * 0.4), 1e-12);
  });
});
