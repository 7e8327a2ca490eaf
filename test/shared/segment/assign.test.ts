import fixture from '../../fixtures/segment/assign.json';
import { assignSegments } from '../../../shared/segment/assign';
import { runSegmentation } from '../../../shared/segment/segment';
import type { SegmentOptions } from '../../../shared/segment/types';
import { tableFromCells } from '../../../shared/table/from-cells';
import type { Cell } from '../../../shared/table/types';
import { category, numbers, table } from '../../helpers/columns';
import { expectClose } from '../experiment/close-to';
import { samePartition } from './helpers';

interface FixtureCase {
  name: string;
  options: SegmentOptions;
  header: string[];
  train: Cell[][];
  new: Cell[][];
  expected: { trainLabels: number[]; labels: number[]; distances: number[]; newChannelLevels: number };
}

describe('assignSegments(table, model) against scikit-learn scaler.transform + KMeans.predict', () => {
  it.each((fixture.cases as FixtureCase[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const run = runSegmentation(tableFromCells(c.header, c.train), c.options);
    // Same partition of the training rows as scikit-learn's: then the centroids are the same, whatever the numbering.
    expect(samePartition(run.labels, c.expected.trainLabels)).toBe(true);
    const ours = new Map<number, number>();
    run.labels.forEach((label, i) => ours.set(c.expected.trainLabels[i], label));

    const assignment = assignSegments(tableFromCells(c.header, c.new), run.model!);
    expect(Array.from(assignment.labels)).toEqual(c.expected.labels.map((l) => ours.get(l)));
    c.expected.distances.forEach((d, i) => expectClose(assignment.distances[i], d, 1e-9, `distance of row ${i}`));
    expect(assignment.warnings).toContainEqual(
      `column "channel": "TikTok" (${c.expected.newChannelLevels} row${c.expected.newChannelLevels === 1 ? '' : 's'}) never seen in the run; such rows count as no level of "channel"`,
    );
  });

  it('assigns the run’s own rows to the segments the run gave them', () => {
    const c = (fixture.cases as FixtureCase[])[0];
    const train = tableFromCells(c.header, c.train);
    const run = runSegmentation(train, c.options);
    expect(Array.from(assignSegments(train, run.model!).labels)).toEqual(Array.from(run.labels));
  });

  // Two numeric features, 0 and 10 per cluster: the centroids are (0, 0) and (10, 10) before scaling.
  const twoClusters = table(numbers('x', [0, 0, 10, 10, null]), numbers('y', [0, 0, 10, 10, 5]));

  it('leaves a row with a missing feature unplaced under DROP, with a warning', () => {
    const run = runSegmentation(twoClusters, { features: ['x', 'y'], k: 2, missing: 'DROP' });
    const fresh = table(numbers('x', [0, null]), numbers('y', [0, 9]));
    const assignment = assignSegments(fresh, run.model!);
    expect(assignment.labels[0]).toBe(run.labels[0]);
    expect(assignment.labels[1]).toBe(-1);
    expect(Number.isNaN(assignment.distances[1])).toBe(true);
    expect(assignment.warnings).toEqual([
      'rows with a missing value get no segment, as the run dropped such rows (missing = DROP): "x" (1)',
      '1 of 2 rows got no segment (label null)',
    ]);
  });

  it('names every feature column the new rows lack', () => {
    const run = runSegmentation(twoClusters, { features: ['x', 'y'], k: 2 });
    expect(() => assignSegments(table(numbers('z', [1])), run.model!)).toThrow(
      /columns: the new rows lack the columns "x", "y" that the segmentation was made from/,
    );
    expect(() => assignSegments(table(numbers('x', [1]), category('y', ['high'])), run.model!)).toThrow(
      /columns: column "y" is not numeric/,
    );
  });

  it('flags rows farther from their centre than any member was', () => {
    const run = runSegmentation(twoClusters, { features: ['x', 'y'], k: 2, missing: 'DROP' });
    const assignment = assignSegments(table(numbers('x', [100]), numbers('y', [100])), run.model!);
    expect(assignment.labels[0]).toBe(run.labels[2]);
    expect(assignment.warnings).toEqual([
      "1 row lies farther from the nearest segment's centre than any of that segment's members did in the run: they may fit no segment well (see distances)",
    ]);
  });

  it('puts a row set aside by excludeOutliers into the nearest clustered segment, flagged as farther than any member', () => {
    // 60 rows near (0, 0) and 60 near (10, 10), then one bot at (1000, 1000): k = 3 isolates the bot (under 1%),
    // excludeOutliers sets it aside and clusters the other 120 again, with scaling refitted on them.
    const x = [...Array.from({ length: 120 }, (_, i) => (i < 60 ? 0 : 10) + (i % 6) * 0.1), 1000];
    const y = [...Array.from({ length: 120 }, (_, i) => (i < 60 ? 0 : 10) + (i % 5) * 0.1), 1000];
    const t = table(numbers('x', x), numbers('y', y));
    const run = runSegmentation(t, { features: ['x', 'y'], k: 3, excludeOutliers: true });
    expect(run.outlierRows).toEqual([120]);
    const assignment = assignSegments(t, run.model!);
    expect(Array.from(assignment.labels.subarray(0, 120))).toEqual(Array.from(run.labels.subarray(0, 120)));
    expect(assignment.labels[120]).toBeGreaterThanOrEqual(0);
    expect(assignment.distances[120]).toBeGreaterThan(100);
    expect(assignment.warnings).toEqual([
      "1 row lies farther from the nearest segment's centre than any of that segment's members did in the run: they may fit no segment well (see distances)",
    ]);
  });

  it('compares new rows with each Ward segment’s mean', () => {
    // Unscaled, Ward splits 1, 2, 3 | 50, 51, 52: means 2 and 51; 10 is 8 from 2 and 41 from 51.
    const t = table(numbers('amount', [1, 2, 3, 50, 51, 52]));
    const run = runSegmentation(t, { features: ['amount'], k: 2, method: 'WARD', scaling: 'NONE' });
    const low = run.labels[0];
    expect(run.model!.centroids[low]).toEqual([2]);
    const assignment = assignSegments(table(numbers('amount', [10])), run.model!);
    expect(assignment.labels[0]).toBe(low);
    expect(assignment.distances[0]).toBe(8);
  });
});
