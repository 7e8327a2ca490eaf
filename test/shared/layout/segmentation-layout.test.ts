import { placeSheet } from '../../../shared/layout/place-sheet';
import {
  segmentationLayout,
  silhouetteText,
  type SegmentationResultShape,
  type SegmentResult,
} from '../../../shared/layout/segmentation-layout';
import { layoutProblems } from './layout-invariants';

function segment(label: number, name: string, size: number, share: number, extra: Partial<SegmentResult> = {}) {
  return {
    label,
    name,
    size,
    share,
    isOutlier: false,
    silhouette: 0.5,
    features: [
      { name: 'CLV', mean: 100 * (label + 2), overallMean: 250, difference: label - 0.5 },
      { name: 'minutes', mean: 10, overallMean: 10, difference: null },
    ],
    categories: [{ column: 'region', level: '1', share: label === 0 ? 0.25 : 0.75, overallShare: 0.5 }],
    ...extra,
  };
}

/** 6 rows: two segments, row 2 dropped (label null), row 5 set aside as an outlier (label null, segment −1). */
const run: SegmentationResultShape = {
  method: 'KMEANS',
  k: 2,
  rowCount: 6,
  labels: [0, 1, null, 0, 1, null],
  silhouette: 0.61234,
  inertia: 12.5,
  recommendedK: 2,
  recommendationReason: 'k = 2 has the highest mean silhouette (0.612).',
  kSelection: [
    { k: 2, inertia: 12.5, silhouette: 0.61234 },
    { k: 3, inertia: 8, silhouette: 0.4 },
  ],
  segments: [
    segment(0, 'High CLV', 2, 0.4),
    segment(1, 'Low CLV', 2, 0.4),
    segment(-1, 'Outliers', 1, 0.2, { isOutlier: true, silhouette: null, categories: [] }),
  ],
  outlierRows: [5],
  warnings: ['1 row dropped for a missing value.'],
};

describe('segmentationLayout', () => {
  it('segmentationLayout(run) writes each row’s label and segment name, the outlier segment’s name for rows set aside', () => {
    const { rowColumns } = segmentationLayout(run);
    expect(rowColumns?.columns).toEqual([
      { header: 'Segment label', format: 'integer' },
      { header: 'Segment', format: 'text' },
    ]);
    expect(rowColumns?.values).toEqual([
      [0, 'High CLV'],
      [1, 'Low CLV'],
      [null, null],
      [0, 'High CLV'],
      [1, 'Low CLV'],
      [null, 'Outliers'],
    ]);
  });

  it('segmentationLayout(run, { segmentNames, rowSilhouettes }) uses the members’ names and adds a silhouette column', () => {
    const names = ['a', 'b', null, 'a', 'b', 'o'];
    const { rowColumns } = segmentationLayout(run, {
      segmentNames: names,
      rowSilhouettes: [0.1, 0.2, null, 0.3, NaN, 0],
    });
    expect(rowColumns?.columns.map((c) => c.header)).toEqual(['Segment label', 'Segment', 'Silhouette']);
    expect(rowColumns?.columns[2].format).toBe('decimal3');
    expect(rowColumns?.values[4]).toEqual([1, 'b', null]);
    expect(() => segmentationLayout(run, { segmentNames: ['a'] })).toThrow('1 segment names for 6 labels');
  });

  it('segmentationLayout(run, { rowDistances, rowSilhouettes }) writes distance to centre, then silhouette', () => {
    const { rowColumns } = segmentationLayout(run, {
      rowDistances: [1.5, 0.25, null, 2, 3, 9],
      rowSilhouettes: [0.1, 0.2, null, 0.3, NaN, 0],
    });
    expect(rowColumns?.columns.map((c) => `${c.header}:${c.format}`)).toEqual([
      'Segment label:integer',
      'Segment:text',
      'Distance to centre:decimal3',
      'Silhouette:decimal3',
    ]);
    expect(rowColumns?.values[0].slice(2)).toEqual([1.5, 0.1]);
    expect(rowColumns?.values[4].slice(2)).toEqual([3, null]);
    expect(() => segmentationLayout(run, { rowDistances: [1] })).toThrow('1 row distances for 6 labels');
  });

  it('segmentationLayout(run) profiles each segment with its share and category shares as percentages', () => {
    const profiles = segmentationLayout(run).sheet.tables[0];
    expect(profiles.columns.map((c) => `${c.header}:${c.format}`)).toEqual([
      'Segment:text',
      'Label:integer',
      'Size:integer',
      'Share:percent',
      'Silhouette:decimal3',
      'Outlier:text',
      'CLV (mean):number',
      'minutes (mean):number',
      'region=1:percent',
    ]);
    expect(profiles.rows).toEqual([
      ['High CLV', 0, 2, 0.4, 0.5, 'No', 200, 10, 0.25],
      ['Low CLV', 1, 2, 0.4, 0.5, 'No', 300, 10, 0.75],
      // The outlier segment has no category profile: its share of region=1 is 0, not blank.
      ['Outliers', -1, 1, 0.2, null, 'Yes', 100, 10, 0],
    ]);
  });

  it('segmentationLayout(run) colours the z-score table over its feature columns', () => {
    const z = segmentationLayout(run).sheet.tables[1];
    expect(z.name).toBe('ProfileZScores');
    expect(z.columns.map((c) => c.header)).toEqual(['Segment', 'CLV', 'minutes']);
    expect(z.rows).toEqual([
      ['High CLV', -0.5, null],
      ['Low CLV', 0.5, null],
      ['Outliers', -1.5, null],
    ]);
    expect(z.colorScale).toEqual({ firstColumn: 1, lastColumn: 2 });
  });

  it('segmentationLayout(run) charts segment sizes and silhouette and inertia by k from the k-selection table', () => {
    const { sheet } = segmentationLayout(run);
    const kTable = sheet.tables[2];
    expect(kTable.rows).toEqual([
      [2, 0.61234, 12.5],
      [3, 0.4, 8],
    ]);
    expect(sheet.charts).toEqual([
      expect.objectContaining({
        type: 'BarClustered',
        title: 'Segment sizes',
        table: 'Profiles',
        categoryColumn: 0,
        valueColumns: [2],
      }),
      expect.objectContaining({
        type: 'LineMarkers',
        title: 'Silhouette by k',
        table: 'KSelection',
        valueColumns: [1],
      }),
      expect.objectContaining({ type: 'LineMarkers', title: 'Inertia by k', table: 'KSelection', valueColumns: [2] }),
    ]);
    expect(sheet.title).toBe('2 segments of 6 rows by k-means, mean silhouette 0.612');
    expect(sheet.notes).toEqual([
      'k = 2 has the highest mean silhouette (0.612).',
      '1 row dropped for a missing value.',
    ]);
    expect(layoutProblems(segmentationLayout(run), 6)).toEqual([]);
  });

  it('segmentationLayout(run) leaves out the k-selection table and charts when a single k was run', () => {
    const { sheet } = segmentationLayout({ ...run, kSelection: [{ k: 2, inertia: 12.5, silhouette: 0.6 }] });
    expect(sheet.tables.map((t) => t.name)).toEqual(['Profiles', 'ProfileZScores']);
    expect(sheet.charts.map((c) => c.title)).toEqual(['Segment sizes']);
    expect(placeSheet(sheet).charts).toHaveLength(1);
  });

  it('segmentationLayout(run) adds a stability column after the silhouette when the run measured it', () => {
    const stable = {
      ...run,
      segments: [
        segment(0, 'High CLV', 2, 0.4, { stability: 0.97 }),
        segment(1, 'Low CLV', 2, 0.4, { stability: 0.55 }),
        segment(-1, 'Outliers', 1, 0.2, { isOutlier: true, silhouette: null, categories: [], stability: null }),
      ],
    };
    const profiles = segmentationLayout(stable).sheet.tables[0];
    expect(profiles.columns.slice(4, 7).map((c) => c.header)).toEqual(['Silhouette', 'Stability', 'Outlier']);
    expect(profiles.rows.map((row) => row[5])).toEqual([0.97, 0.55, null]);
  });

  it('a sampled silhouette is titled with its standard error and sample size; an exact one is the mean alone', () => {
    const sampled = {
      ...run,
      silhouetteMethod: 'SAMPLED' as const,
      silhouetteSampleSize: 5000,
      silhouetteStandardError: 0.00213,
    };
    expect(segmentationLayout(sampled).sheet.title).toBe(
      '2 segments of 6 rows by k-means, mean silhouette 0.612 ± 0.002 (5,000-row sample)',
    );
    expect(silhouetteText({ ...sampled, silhouetteMethod: 'EXACT' }, 2)).toBe('0.61');
    expect(silhouetteText({ ...sampled, silhouette: null }, 2)).toBe('');
  });
});
