import { InputError, LimitError } from '../../../shared/errors';
import { preprocess } from '../../../shared/segment/preprocess';
import type { MissingPolicy, Scaling } from '../../../shared/segment/types';
import type { Column, Table } from '../../../shared/table/types';
import fixture from '../../fixtures/segment/pipeline-preprocess.json';

type FixtureColumn =
  | { name: string; type: 'NUMBER' | 'DATE' | 'BOOLEAN'; values: (number | null)[] }
  | { name: string; type: 'CATEGORY'; codes: number[]; levels: string[] }
  | { name: string; type: 'TEXT'; values: (string | null)[] };

function tableFromFixture(json: { rowCount: number; columns: unknown[] }): Table {
  const columns = (json.columns as FixtureColumn[]).map((c): Column => {
    if (c.type === 'CATEGORY') return { name: c.name, type: c.type, codes: Int32Array.from(c.codes), levels: c.levels };
    if (c.type === 'TEXT') return c;
    return { name: c.name, type: c.type, values: Float64Array.from(c.values, (v) => v ?? NaN) };
  });
  return { rowCount: json.rowCount, columns };
}

const num = (name: string, values: number[]): Column => ({ name, type: 'NUMBER', values: Float64Array.from(values) });

function expectError(fn: () => unknown, type: typeof InputError, pattern: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  expect((caught as Error).message).toMatch(pattern);
}

describe('preprocess', () => {
  test('preprocess(table, STANDARD) centres on the mean and divides by the population std', () => {
    // x = 1, 2, 3, 6: mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5 → z = (x − 3) / √3.5
    const table: Table = { rowCount: 4, columns: [num('x', [1, 2, 3, 6])] };
    const out = preprocess(table, { features: ['x'] });
    const s = Math.sqrt(3.5);
    expect(Array.from(out.X)).toEqual([-2 / s, -1 / s, 0, 3 / s]);
    expect(out.columns[0]).toMatchObject({ name: 'x', source: 'x', level: null, center: 3, scale: s });
  });

  test('preprocess(table, MINMAX) maps min to 0 and max to 1; NONE leaves values alone', () => {
    const table: Table = { rowCount: 3, columns: [num('x', [2, 4, 10])] };
    expect(Array.from(preprocess(table, { features: ['x'], scaling: 'MINMAX' }).X)).toEqual([0, 0.25, 1]);
    expect(Array.from(preprocess(table, { features: ['x'], scaling: 'NONE' }).X)).toEqual([2, 4, 10]);
  });

  test('preprocess(table, missing) fills with 0, fills with the mean, or drops the row', () => {
    // x = 1, missing, 5: ZERO → 1, 0, 5; MEAN → 1, 3, 5; DROP → 1, 5 (row 1 dropped)
    const table: Table = { rowCount: 3, columns: [num('x', [1, NaN, 5])] };
    const opts = { features: ['x'], scaling: 'NONE' as const };
    expect(Array.from(preprocess(table, { ...opts, missing: 'ZERO' }).X)).toEqual([1, 0, 5]);
    expect(Array.from(preprocess(table, { ...opts, missing: 'MEAN' }).X)).toEqual([1, 3, 5]);
    const dropped = preprocess(table, { ...opts, missing: 'DROP' });
    expect(Array.from(dropped.X)).toEqual([1, 5]);
    expect(Array.from(dropped.rowIndex)).toEqual([0, 2]);
    expect(dropped.droppedRows).toEqual([1]);
  });

  test('preprocess(table, categorical) one-hot encodes a numeric-coded column with levels in ascending order', () => {
    const table: Table = { rowCount: 4, columns: [num('region', [2, 0, 2, NaN])] };
    const out = preprocess(table, { features: [], categorical: ['region'], scaling: 'NONE' });
    expect(out.featureNames).toEqual(['region=0', 'region=2']);
    // A missing level gives all zeros under ZERO, as pd.get_dummies does.
    expect(Array.from(out.X)).toEqual([0, 1, 1, 0, 0, 1, 0, 0]);
    expect(out.sources[0]).toEqual({
      kind: 'CATEGORICAL',
      name: 'region',
      codes: Int32Array.of(1, 0, 1, -1),
      levels: ['0', '2'],
    });
  });

  test('preprocess(table, MEAN) gives a missing level each level’s share, the mean of its indicator', () => {
    // levels a, a, b, missing: shares a = 2/3, b = 1/3
    const table: Table = {
      rowCount: 4,
      columns: [{ name: 'c', type: 'CATEGORY', codes: Int32Array.of(0, 0, 1, -1), levels: ['a', 'b', 'unused'] }],
    };
    const out = preprocess(table, { features: ['c'], missing: 'MEAN', scaling: 'NONE' });
    expect(out.featureNames).toEqual(['c=a', 'c=b']);
    expect(Array.from(out.X)).toEqual([1, 0, 1, 0, 0, 1, 2 / 3, 1 / 3]);
  });

  test('preprocess(table, logTransform) applies log1p before scaling', () => {
    const table: Table = { rowCount: 3, columns: [num('spend', [0, Math.E - 1, NaN])] };
    const out = preprocess(table, { features: ['spend'], logTransform: ['spend'], scaling: 'NONE' });
    expect(Array.from(out.X)).toEqual([0, Math.log1p(Math.E - 1), 0]);
    expect(out.columns[0].log).toBe(true);
  });

  test('preprocess(table, { rows }) considers only the given input rows', () => {
    const table: Table = { rowCount: 4, columns: [num('x', [100, 1, 2, 3])] };
    const out = preprocess(table, { features: ['x'], scaling: 'NONE', rows: [1, 3] });
    expect(Array.from(out.X)).toEqual([1, 3]);
    expect(Array.from(out.rowIndex)).toEqual([1, 3]);
  });

  describe('matches scikit-learn and pandas on the fixture', () => {
    const table = tableFromFixture(fixture.table);
    for (const c of fixture.cases) {
      const log = c.logTransform.join('+') || 'no log';
      test(`preprocess(table, ${c.missing}, ${c.scaling}, ${log}) equals get_dummies + scaler`, () => {
        const out = preprocess(table, {
          features: fixture.features,
          categorical: fixture.categorical,
          missing: c.missing as MissingPolicy,
          scaling: c.scaling as Scaling,
          logTransform: c.logTransform,
        });
        expect(out.featureNames).toEqual(c.featureNames);
        expect(out.droppedRows).toEqual(c.droppedRows);
        expect(Array.from(out.rowIndex)).toEqual(c.rowIndex);
        expect(out.n).toBe(c.X.length);
        expect(out.d).toBe(c.featureNames.length);
        for (let i = 0; i < out.n; i++) {
          for (let j = 0; j < out.d; j++) expect(out.X[i * out.d + j]).toBeCloseTo(c.X[i][j] as number, 12);
        }
        out.columns.forEach((col, j) => {
          expect(col.center).toBeCloseTo(c.center[j] as number, 12);
          expect(col.scale).toBeCloseTo(c.scale[j] as number, 12);
        });
      });
    }
  });

  test('preprocess never returns NaN or Infinity, whatever the policy', () => {
    const table = tableFromFixture(fixture.table);
    for (const missing of ['ZERO', 'MEAN', 'DROP'] as const) {
      for (const scaling of ['STANDARD', 'MINMAX', 'NONE'] as const) {
        const out = preprocess(table, { features: fixture.features, categorical: ['region'], missing, scaling });
        expect(out.X.every(Number.isFinite)).toBe(true);
      }
    }
  });

  describe('refuses bad input with an InputError naming the column', () => {
    const table: Table = {
      rowCount: 3,
      columns: [
        num('x', [1, 2, 3]),
        num('flat', [4, 4, 4]),
        num('empty', [NaN, NaN, NaN]),
        num('inf', [1, Infinity, 3]),
        num('neg', [0, -1, 2]),
        { name: 'note', type: 'TEXT', values: ['a', 'b', null] },
        { name: 'one', type: 'CATEGORY', codes: Int32Array.of(0, 0, 0), levels: ['only'] },
        num('id', [1, 2, NaN]),
      ],
    };
    test('an unknown column, listing the columns', () => {
      expectError(() => preprocess(table, { features: ['x', 'nope'] }), InputError, /no column "nope".*"x", "flat"/);
    });
    test('a TEXT column as a numeric feature', () => {
      expectError(() => preprocess(table, { features: ['note'] }), InputError, /"note" holds text/);
    });
    test('an all-missing column', () => {
      expectError(
        () => preprocess(table, { features: ['x', 'empty'] }),
        InputError,
        /"empty" has no value in any of the 3 rows/,
      );
    });
    test('a constant column, saying it carries no information', () => {
      expectError(
        () => preprocess(table, { features: ['x', 'flat'] }),
        InputError,
        /"flat" has the same value \(4\).*no information/,
      );
      expectError(
        () => preprocess(table, { features: ['x', 'one'] }),
        InputError,
        /"one" has the same level \("only"\)/,
      );
    });
    test('an infinite cell, naming its row from 1', () => {
      expectError(() => preprocess(table, { features: ['inf'] }), InputError, /"inf" holds Infinity at row 2/);
    });
    test('log1p of a value ≤ -1', () => {
      expectError(
        () => preprocess(table, { features: ['neg'], logTransform: ['neg'] }),
        InputError,
        /"neg" holds -1 at row 2; log1p needs values greater than -1/,
      );
      expectError(
        () => preprocess(table, { features: ['x'], logTransform: ['note'] }),
        InputError,
        /"note" is not a numeric feature/,
      );
    });
    test('a column listed twice', () => {
      expectError(() => preprocess(table, { features: ['x', 'x'] }), InputError, /"x" is listed twice/);
    });
    test('too few usable rows after dropping', () => {
      expectError(
        () => preprocess(table, { features: ['x', 'id'], missing: 'DROP', minRows: 3 }),
        InputError,
        /2 usable rows after dropping 1 with a missing value; at least 3 are needed/,
      );
    });
    test('more than 50 levels to one-hot, with the count', () => {
      const many: Table = {
        rowCount: 60,
        columns: [
          num(
            'zip',
            Array.from({ length: 60 }, (_, i) => i),
          ),
        ],
      };
      expectError(
        () => preprocess(many, { features: [], categorical: ['zip'] }),
        LimitError,
        /"zip" has 60 distinct values.*at most 50/,
      );
    });
  });
});
