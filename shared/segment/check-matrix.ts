import { InputError } from '../errors';

/**
 * The guard every segmentation kernel runs first: X must be a row-major n×d Float64Array of finite numbers.
 * Missing values are the preprocessing step's business (impute or drop), so a NaN reaching a kernel is reported
 * with its row and column rather than silently poisoning distances.
 *
 * @throws {InputError} when n or d is not a non-negative integer, X has the wrong length, or a value is not finite.
 */
export function checkMatrix(fn: string, X: Float64Array, n: number, d: number): void {
  if (!Number.isInteger(n) || n < 0) throw new InputError(`${fn}: n=${n} must be a non-negative integer`, 'n');
  if (!Number.isInteger(d) || d < 1) throw new InputError(`${fn}: d=${d} must be a positive integer`, 'd');
  if (X.length !== n * d) {
    throw new InputError(`${fn}: X has ${X.length} values but n×d = ${n}×${d} = ${n * d}`, 'X');
  }
  for (let p = 0; p < X.length; p++) {
    const v = X[p];
    if (v - v !== 0) {
      const row = Math.floor(p / d);
      const where = `X[row ${row}, column ${p - row * d}]`;
      throw new InputError(
        `${fn}: ${where} is ${v}; every value must be finite (impute or drop missing values first)`,
        'X',
      );
    }
  }
}
