import { correlations } from '../../../shared/correlation/correlations';
import { correlationLayout } from '../../../shared/layout/correlation-layout';
import { category, numbers, table } from '../../helpers/columns';
import { layoutProblems } from './layout-invariants';

const rows = table(
  numbers('clv', [10, 20, 30, 45, 50]),
  numbers('spend', [1, 2, 2, 4, 5]),
  category('channel', ['Web', 'Shop', 'Web', 'Shop', 'Web']),
  numbers('flat', [1, 1, 1, 1, 1]),
);

describe('correlationLayout', () => {
  it('correlationLayout(report) writes the matrix as a heat map, the p-values, and the target with a chart', () => {
    const report = correlations(rows, { columns: ['clv', 'spend', 'channel', 'flat'], target: 'clv' });
    const layout = correlationLayout(report, 'clv');
    expect(layoutProblems(layout)).toEqual([]);
    const [matrix, pValues, target] = layout.sheet.tables;
    expect(matrix.columns.map((c) => c.header)).toEqual([
      'Column',
      'clv',
      'spend',
      'channel=Shop',
      'channel=Web',
      'flat',
    ]);
    expect(matrix.colorScale).toEqual({ firstColumn: 1, lastColumn: 5, kind: 'correlation' });
    expect(matrix.rows[0].slice(0, 2)).toEqual(['clv', 1]);
    // The constant column is an empty cell, not NaN, and its warning is a note.
    expect(matrix.rows[4].slice(1)).toEqual([null, null, null, null, null]);
    expect(layout.sheet.notes[0]).toMatch(/"flat" is constant/);
    expect(pValues.columns[1].format).toBe('pvalue');
    expect(target.rows.map((r) => r[0])).toEqual(report.target.map((t) => t.column));
    expect(layout.sheet.charts).toEqual([expect.objectContaining({ table: 'Target', valueColumns: [1] })]);
  });

  it('correlationLayout(report) without a target has no target table and no chart', () => {
    const layout = correlationLayout(correlations(rows, { columns: ['clv', 'spend'], method: 'SPEARMAN' }));
    expect(layout.sheet.tables.map((t) => t.name)).toEqual(['Correlations', 'P_values']);
    expect(layout.sheet.title).toBe('Spearman correlations');
    expect(layout.sheet.charts).toEqual([]);
  });
});
