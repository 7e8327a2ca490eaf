import fixture from '../../fixtures/experiment/sample-size.json';
import { InputError } from '../../../shared/errors';
import { sampleSize, type Alternative } from '../../../shared/experiment/sample-size';
import { expectClose } from './close-to';

describe('sampleSize(options)', () => {
  it('solves 10% → 12% by hand to within the second tail', () => {
    // h = 2 asin √0.12 − 2 asin √0.1 = 0.0639854; n ≈ 2 (z₀.₉₇₅ + z₀.₈)² / h² = 2 · 2.80158² / 0.0639854² = 3834.6
    const result = sampleSize({ baselineRate: 0.1, minimumDetectableEffect: 0.02 });
    expectClose(result.effectSize, 2 * Math.asin(Math.sqrt(0.12)) - 2 * Math.asin(Math.sqrt(0.1)), 1e-15);
    expect(result.usersPerVariant).toBe(3835);
    expect(result.totalUsers).toBe(7670);
    expect(result.alphaPerComparison).toBe(0.05);
  });

  it("matches statsmodels NormalIndPower().solve_power on Cohen's h, one- and two-sided, 2 to 5 variants", () => {
    for (const c of fixture) {
      const result = sampleSize({ ...c, alternative: c.alternative as Alternative });
      const label = JSON.stringify(c);
      expect(result.usersPerVariant).toBe(c.usersPerVariant);
      expect(result.totalUsers).toBe(c.usersPerVariant * c.variants);
      expectClose(result.effectSize, c.effectSize, 1e-13, label);
      expectClose(result.alphaPerComparison, c.alphaPerComparison, 1e-15, label);
      // solve_power stops at brentq's tolerance; the same equation solved to machine precision is matched tighter.
      expectClose(result.exactUsersPerVariant, c.solvePower, 1e-6, label);
      expectClose(result.exactUsersPerVariant, c.exactUsersPerVariant, 1e-9, label);
    }
  });

  it('asks for more users as the effect shrinks or the power grows (property)', () => {
    const base = { baselineRate: 0.2, minimumDetectableEffect: 0.02 };
    const n = sampleSize(base).usersPerVariant;
    expect(sampleSize({ ...base, minimumDetectableEffect: 0.01 }).usersPerVariant).toBeGreaterThan(n);
    expect(sampleSize({ ...base, power: 0.9 }).usersPerVariant).toBeGreaterThan(n);
    expect(sampleSize({ ...base, variants: 3 }).usersPerVariant).toBeGreaterThan(n);
  });

  it('names the argument at fault', () => {
    const bad: [Parameters<typeof sampleSize>[0], string][] = [
      [{ baselineRate: 0, minimumDetectableEffect: 0.01 }, 'baselineRate=0'],
      [{ baselineRate: 0.1, minimumDetectableEffect: 0 }, 'minimumDetectableEffect=0'],
      [{ baselineRate: 0.95, minimumDetectableEffect: 0.1 }, 'within [0, 1]'],
      [{ baselineRate: 0.1, minimumDetectableEffect: 0.01, alpha: 1 }, 'alpha=1'],
      [{ baselineRate: 0.1, minimumDetectableEffect: 0.01, power: 0.01 }, 'power=0.01'],
      [{ baselineRate: 0.1, minimumDetectableEffect: 0.01, variants: 1 }, 'variants=1'],
      [{ baselineRate: 0.1, minimumDetectableEffect: -0.01, alternative: 'larger' }, 'alternative="larger"'],
    ];
    for (const [options, message] of bad) {
      expect(() => sampleSize(options)).toThrow(InputError);
      expect(() => sampleSize(options)).toThrow(message);
    }
  });
});
