import { InputError } from '../../../shared/errors';
import { checkMatrix } from '../../../shared/segment/check-matrix';

describe('checkMatrix', () => {
  test('checkMatrix(fn, X, n, d) accepts a finite n×d matrix, including n = 0', () => {
    expect(() => checkMatrix('f', Float64Array.of(1, 2, 3, 4, 5, 6), 3, 2)).not.toThrow();
    expect(() => checkMatrix('f', new Float64Array(0), 0, 4)).not.toThrow();
  });

  test('checkMatrix(fn, X, n, d) names the row and column of a missing or infinite value', () => {
    expect(() => checkMatrix('kMeans', Float64Array.of(1, 2, 3, NaN), 2, 2)).toThrow(
      new InputError(
        'kMeans: X[row 1, column 1] is NaN; every value must be finite (impute or drop missing values first)',
      ),
    );
    expect(() => checkMatrix('kMeans', Float64Array.of(1, -Infinity, 3, 4), 2, 2)).toThrow(
      /X\[row 0, column 1\] is -Infinity/,
    );
  });

  test('checkMatrix(fn, X, n, d) rejects a length other than n×d and bad shapes', () => {
    expect(() => checkMatrix('ward', new Float64Array(5), 3, 2)).toThrow('ward: X has 5 values but n×d = 3×2 = 6');
    expect(() => checkMatrix('ward', new Float64Array(0), -1, 2)).toThrow(InputError);
    expect(() => checkMatrix('ward', new Float64Array(0), 0, 0)).toThrow('ward: d=0 must be a positive integer');
    expect(() => checkMatrix('ward', new Float64Array(3), 1.5, 2)).toThrow(
      'ward: n=1.5 must be a non-negative integer',
    );
  });
});
