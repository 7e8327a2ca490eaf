import { assignmentLayout } from '../../../shared/layout/assignment-layout';
import { layoutProblems } from './layout-invariants';

describe('assignmentLayout', () => {
  it('assignmentLayout(a) writes label, name and distance beside each row and counts rows per segment', () => {
    const layout = assignmentLayout({
      rows: 4,
      labels: [1, null, 0, 1],
      names: ['Big spenders', null, 'Browsers', 'Big spenders'],
      distances: [0.5, null, 1.25, 2],
      warnings: ['1 of 4 rows got no segment (label null)'],
    });
    expect(layoutProblems(layout, 4)).toEqual([]);
    expect(layout.rowColumns!.values).toEqual([
      [1, 'Big spenders', 0.5],
      [null, null, null],
      [0, 'Browsers', 1.25],
      [1, 'Big spenders', 2],
    ]);
    expect(layout.sheet.tables[0].rows).toEqual([
      [0, 'Browsers', 1, 0.25],
      [1, 'Big spenders', 2, 0.5],
      [null, '(no segment)', 1, 0.25],
    ]);
    expect(layout.sheet.notes).toEqual(['1 of 4 rows got no segment (label null)']);
  });
});
