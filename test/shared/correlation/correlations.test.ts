import fixture from '../../fixtures/correlation/correlations.json';
import { correlations } from '../../../shared/correlation/correlations';
import type { CorrelationOptions } from '../../../shared/correlation/types';
import { InputError, LimitError } from '../../../shared/errors';
import { tableFromCells } from '../../../shared/table/from-cells';
import { category, numbers, table } from '../../helpers/columns';
import { expectClose } from '../experiment/close-to';

interface FixtureCase {
  name: string;
  header: string[];
  rows: (string | number | null)[][];
  options: CorrelationOptions;
  expected: {
    columns: string[];
    matrix: (number | null)[][];
    pValues: (number | null)[][];
    pairRows: number[][];
    target?: { column: string; r: number | null; pValue: number | null }[];
  };
}

describe('correlations(table, options) against pandas .corr() and scipy pearsonr / spearmanr', () => {
  it.each((fixture.cases as FixtureCase[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const report = correlations(tableFromCells(c.header, c.rows), c.options);
    expect(report.columns).toEqual(c.expected.columns);
    expect(report.pairRows).toEqual(c.expected.pairRows);
    c.expected.matrix.forEach((row, a) =>
      row.forEach((r, b) => {
        expectClose(report.matrix[a][b], r, 1e-9, `r ${c.expected.columns[a]} × ${c.expected.columns[b]}`);
        expectClose(report.pValues[a][b], c.expected.pValues[a][b], 1e-9, `p ${a} × ${b}`);
      }),
    );
    if (c.expected.target) {
      expect(report.target.map((t) => t.column)).toEqual(c.expected.target.map((t) => t.column));
      c.expected.target.forEach((t, i) => {
        expectClose(report.target[i].r, t.r, 1e-9, `target r ${t.column}`);
        expectClose(report.target[i].pValue, t.pValue, 1e-9, `target p ${t.column}`);
      });
    } else {
      expect(report.target).toEqual([]);
    }
  });

  it('gives a constant column null, not NaN, with a warning naming it', () => {
    const c = (fixture.cases as FixtureCase[])[0];
    const report = correlations(tableFromCells(c.header, c.rows), c.options);
    const j = report.columns.indexOf('constant');
    expect(report.matrix[j].every((r) => r === null)).toBe(true);
    expect(report.pValues.every((row) => row[j] === null)).toBe(true);
    expect(report.warnings).toContainEqual(expect.stringContaining('column "constant" is constant (4 in all 40 rows'));
    expect(report.target[report.target.length - 1]).toMatchObject({ column: 'constant', r: null, pValue: null });
  });

  it('leaves a row out of a pair only when one of the pair is missing', () => {
    // x, y complete on rows 0–3: r(x, y) = 1 over (1,2),(2,4),(3,6),(4,8); z misses row 0, so x × z uses rows 1–3.
    const t = table(numbers('x', [1, 2, 3, 4]), numbers('y', [2, 4, 6, 8]), numbers('z', [null, 3, 1, 2]));
    const report = correlations(t, { columns: ['x', 'y', 'z'] });
    expect(report.pairRows).toEqual([
      [4, 4, 3],
      [4, 4, 3],
      [3, 3, 3],
    ]);
    expect(report.matrix[0][1]).toBe(1);
    // x = 2, 3, 4 against z = 3, 1, 2: deviations (−1, 0, 1)·(1, −1, 0) sum to −1 over √(2·2) → −0.5.
    expectClose(report.matrix[0][2], -0.5, 1e-15);
  });

  it('expands a text column into one indicator per sorted level and treats a missing level as missing', () => {
    const t = table(category('channel', ['Web', 'Email', null, 'Web']), numbers('clv', [10, 5, 7, 12]));
    const report = correlations(t, { columns: ['channel', 'clv'], target: 'clv' });
    expect(report.columns).toEqual(['channel=Email', 'channel=Web', 'clv']);
    expect(report.pairRows[0][2]).toBe(3);
  });

  it('refuses unknown columns, targets and methods by name', () => {
    const t = table(numbers('x', [1, 2, 3]), numbers('y', [3, 1, 2]));
    expect(() => correlations(t, { columns: ['x', 'nope'] })).toThrow(/columns: no column "nope"/);
    expect(() => correlations(t, { columns: ['x', 'y'], target: 'z' })).toThrow(/target: "z" is not one of/);
    expect(() => correlations(t, { columns: ['x'] })).toThrow(InputError);
    expect(() => correlations(t, { columns: ['x', 'y'], categorical: ['z'] })).toThrow(/categorical: "z"/);
    expect(() => correlations(t, { columns: ['x', 'y'], method: 'KENDALL' as never })).toThrow(/method=KENDALL/);
  });

  it('refuses a column with more levels than indicators allow', () => {
    const t = table(
      category(
        'id',
        Array.from({ length: 60 }, (_, i) => `c${i}`),
      ),
      numbers(
        'x',
        Array.from({ length: 60 }, (_, i) => i),
      ),
    );
    expect(() => correlations(t, { columns: ['id', 'x'] })).toThrow(LimitError);
  });
});
