import { segmentationLayout, type SegmentationForLayout } from '../../../shared/layout/segmentation-layout';

const run: SegmentationForLayout = {
  method: 'KMEANS',
  k: 2,
  silhouette: 0.61,
  recommendedK: 2,
  recommendationReason: 'k = 2 has the highest mean silhouette.',
  warnings: ['1 row had a missing value'],
  labels: [0, 1, null, 0],
  kSelection: [
    { k: 2, inertia: 10, silhouette: 0.61 },
    { k: 3, inertia: 6, silhouette: 0.4 },
  ],
  segments: [
    {
      label: 0,
      name: 'High spend',
      size: 2,
      share: 2 / 3,
      isOutlier: false,
      silhouette: 0.7,
      features: [{ name: 'spend', mean: 30, overallMean: 20, difference: 0.8 }],
      categories: [{ column: 'region', level: 'EU', share: 1, overallShare: 0.5 }],
    },
    {
      label: 1,
      name: 'Low spend',
      size: 1,
      share: 1 / 3,
      isOutlier: false,
      silhouette: 0.4,
      features: [{ name: 'spend', mean: 0, overallMean: 20, difference: -1.6 }],
      categories: [{ column: 'region', level: 'EU', share: 0, overallShare: 0.5 }],
    },
  ],
};

describe('segmentationLayout(run, options)', () => {
  const layout = segmentationLayout(run, { source: 'Sheet1!A1:C5' });

  test('segmentationLayout gives each row its segment number and name, empty for rows left out', () => {
    expect(layout.rowColumns).toEqual({
      columns: [
        { header: 'Segment', format: 'integer' },
        { header: 'Segment name', format: 'text' },
      ],
      values: [
        [0, 'High spend'],
        [1, 'Low spend'],
        [null, null],
        [0, 'High spend'],
      ],
    });
  });

  test('segmentationLayout lays out profiles, z-scores under a colour scale and the k selection', () => {
    const [profiles, zScores, kSelection] = layout.sheet.tables;
    expect(profiles.columns.map((c) => `${c.header}:${c.format}`)).toEqual([
      'Segment:integer',
      'Name:text',
      'Size:integer',
      'Share:percent',
      'Silhouette:decimal3',
      'spend (mean):number',
      'region = EU (share):percent',
    ]);
    expect(profiles.rows[1]).toEqual([1, 'Low spend', 1, 1 / 3, 0.4, 0, 0]);
    expect(zScores.rows).toEqual([
      ['High spend', 0.8],
      ['Low spend', -1.6],
    ]);
    expect(zScores.colorScale).toEqual({ firstColumn: 1, lastColumn: 1 });
    expect(kSelection.rows).toEqual([
      [2, 10, 0.61],
      [3, 6, 0.4],
    ]);
    expect(layout.sheet.title).toBe('Segments of Sheet1!A1:C5: k-means, k = 2');
    expect(layout.sheet.notes).toEqual([
      'Mean silhouette 0.610.',
      'k = 2 has the highest mean silhouette.',
      '1 row had a missing value',
    ]);
  });

  test('segmentationLayout draws sizes as bars and silhouette and inertia by k as lines over the tables', () => {
    expect(layout.sheet.charts.map((c) => [c.type, c.table, c.categoryColumn, c.valueColumns])).toEqual([
      ['BarClustered', 'Segments', 1, [2]],
      ['LineMarkers', 'KSelection', 0, [2]],
      ['LineMarkers', 'KSelection', 0, [1]],
    ]);
  });

  test('segmentationLayout writes RFM scores beside each transaction row of its customer', () => {
    const rfm = segmentationLayout(
      { ...run, kind: 'RFM', kSelection: [] },
      { source: 'T!A:C', rowMembers: [{ label: 1, rScore: 5, fScore: 4, mScore: 3 }, null] },
    );
    expect(rfm.rowColumns!.columns.map((c) => c.header)).toEqual([
      'Segment',
      'Segment name',
      'R score',
      'F score',
      'M score',
    ]);
    expect(rfm.rowColumns!.values).toEqual([
      [1, 'Low spend', 5, 4, 3],
      [null, null, null, null, null],
    ]);
    expect(rfm.sheet.name).toBe('Quadrant RFM');
    expect(rfm.sheet.tables.map((t) => t.name)).toEqual(['Segments', 'ProfileZScores']);
  });
});
