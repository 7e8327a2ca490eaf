import { InputError } from '../../../shared/errors';
import { createRng } from '../../../shared/random';
import { sampleRows } from '../../../shared/segment/sampled-silhouette';
import { fitSegmentKs, runSegmentation } from '../../../shared/segment/segment';
import type { SegmentationResult } from '../../../shared/segment/types';
import { tableFromCells } from '../../../shared/table/from-cells';
import type { Cell, Table } from '../../../shared/table/types';
import fixture from '../../fixtures/segment/pipeline-segment.json';
import { expectForwardProgress, samePartition } from './helpers';

const fixtureTable: Table = {
  rowCount: fixture.table.rowCount,
  columns: fixture.table.columns.map((c) => ({
    name: c.name,
    type: 'NUMBER' as const,
    values: Float64Array.from(c.values as number[]),
  })),
};

/** The invariants every result keeps, whatever the data. */
function expectConsistent(result: SegmentationResult): void {
  const { labels, segments, k } = result;
  expect(labels).toHaveLength(result.rowCount);
  const counts = new Map<number, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  // labels are a partition of the kept rows into k non-empty segments, numbered by size
  for (let s = 0; s < k; s++) {
    expect(segments[s].label).toBe(s);
    expect(segments[s].size).toBe(counts.get(s));
    if (s > 0) expect(segments[s].size).toBeLessThanOrEqual(segments[s - 1].size);
  }
  const left = [...result.droppedRows, ...result.outlierRows].sort((x, y) => x - y);
  expect(left).toEqual(Array.from(labels.keys()).filter((i) => labels[i] === -1));
  expect([...counts.keys()].filter((label) => label !== -1).sort((x, y) => x - y)).toEqual(
    Array.from({ length: k }, (_, s) => s),
  );
  expect(segments.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
  expect(new Set(segments.map((s) => s.name)).size).toBe(segments.length);
}

describe('runSegmentation', () => {
  test('runSegmentation(table, { k: 3 }) finds scikit-learn’s KMeans partition, inertia and silhouette', () => {
    const result = runSegmentation(fixtureTable, { features: fixture.features, k: 3 });
    expect(samePartition(result.labels, fixture.kmeans.labels)).toBe(true);
    expect(result.inertia).toBeCloseTo(fixture.kmeans.inertia, 9);
    expect(result.silhouette).toBeCloseTo(fixture.kmeans.silhouette, 12);
    expect(result.kSelection).toEqual([{ k: 3, inertia: result.inertia, silhouette: result.silhouette }]);
    expect(result.recommendedK).toBeNull();
    expect(result.recommendationReason).toBe('k=3 was given; no other k was tried');
    expect(result.featureNames).toEqual(fixture.features);
    expect(result.linkage).toBeUndefined();
    expectConsistent(result);
  });

  test('runSegmentation(table, { method: WARD, k: 3 }) finds SciPy’s ward + fcluster partition and keeps the linkage', () => {
    const result = runSegmentation(fixtureTable, { features: fixture.features, method: 'WARD', k: 3 });
    expect(result.method).toBe('WARD');
    expect(samePartition(result.labels, fixture.ward.labels)).toBe(true);
    expect(result.silhouette).toBeCloseTo(fixture.ward.silhouette, 12);
    expect(result.linkage).toHaveLength((fixture.table.rowCount - 1) * 4);
    expect(Array.from(result.linkageRows ?? [])).toEqual(Array.from({ length: fixture.table.rowCount }, (_, i) => i));
    expectConsistent(result);
  });

  test('runSegmentation(table) without k scores kMin..kMax and recommends the best silhouette', () => {
    const progress: [number, number][] = [];
    const result = runSegmentation(fixtureTable, {
      features: fixture.features,
      kMax: 6,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result.kSelection.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
    expect(result.recommendedK).toBe(3);
    expect(result.k).toBe(3);
    // k = 2 and 3 have one clear optimum on these blobs, so every implementation agrees on them
    for (const expected of fixture.kScores.slice(0, 2)) {
      const actual = result.kSelection.find((s) => s.k === expected.k);
      expect(actual?.inertia).toBeCloseTo(expected.inertia, 9);
      expect(actual?.silhouette).toBeCloseTo(expected.silhouette, 12);
    }
    // One report per k-means restart and per silhouette (5 k × (10 + 1)), moving forward to done = total.
    expect(progress.length).toBeGreaterThanOrEqual(55);
    expectForwardProgress(progress);
  });

  test('runSegmentation(table, { kMin: 1 }) adds a single segment’s inertia for the elbow and still chooses k from 2', () => {
    const result = runSegmentation(fixtureTable, { features: fixture.features, kMin: 1, kMax: 4 });
    expect(result.kSelection.map((s) => s.k)).toEqual([1, 2, 3, 4]);
    // One segment: the inertia is the total sum of squares of standardised features, n·d.
    const n = fixture.table.rowCount;
    expect(result.kSelection[0].inertia).toBeCloseTo(n * fixture.features.length, 9);
    expect(result.kSelection[0].silhouette).toBeNull();
    expect(result.recommendedK).toBe(3);
  });

  test('runSegmentation(table, { k, kMin, kMax }) fits k and still scores the range', () => {
    const result = runSegmentation(fixtureTable, { features: fixture.features, k: 2, kMin: 3, kMax: 4 });
    expect(result.k).toBe(2);
    expect(result.kSelection.map((s) => s.k)).toEqual([2, 3, 4]);
    expect(result.recommendedK).toBe(3);
  });

  test('runSegmentation is deterministic for a seed', () => {
    const a = runSegmentation(fixtureTable, { features: fixture.features, k: 4, seed: 3, restarts: 2 });
    const b = runSegmentation(fixtureTable, { features: fixture.features, k: 4, seed: 3, restarts: 2 });
    expect(b).toEqual(a);
  });

  test('runSegmentation(table, { missing: DROP, keyColumn }) labels dropped rows -1 and returns every row’s key', () => {
    // Two tight groups on x; row 2 has no x and is dropped.
    const table = tableFromCells(
      ['id', 'x', 'y'],
      [
        ['a', 1, 10],
        ['b', 1.1, 11],
        ['c', null, 10],
        ['d', 9, 50],
        ['e', 9.2, 52],
        ['f', 1.2, 10.5],
      ],
    );
    const result = runSegmentation(table, { features: ['x', 'y'], missing: 'DROP', k: 2, keyColumn: 'id' });
    expect(result.droppedRows).toEqual([2]);
    expect(Array.from(result.labels)).toEqual([0, 0, -1, 1, 1, 0]);
    expect(result.keys).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(result.segments.map((s) => s.name)).toEqual(['Low x · Low y', 'High x · High y']);
    expect(result.warnings[0]).toBe('1 row with a missing feature value dropped (missing = DROP)');
    expectConsistent(result);
  });

  test('runSegmentation lowers kMax to the usable rows − 1 and says so', () => {
    const table = tableFromCells(['x'], [[1], [2], [10], [11]]);
    const result = runSegmentation(table, { features: ['x'] });
    expect(result.kSelection.map((s) => s.k)).toEqual([2, 3]);
    expect(result.warnings).toContain(
      'kMax lowered from 10 to 3: the silhouette needs fewer segments than the 4 usable rows',
    );
  });

  describe('refuses bad options with an InputError naming the argument', () => {
    const table = tableFromCells(['x'], [[1], [2], [3]]);
    const cases: [string, object, RegExp][] = [
      ['k < 2', { k: 1 }, /^k=1 must be a whole number of segments, at least 2/],
      ['a fractional k', { k: 2.5 }, /^k=2.5/],
      ['kMin < 1', { kMin: 0 }, /^kMin=0 must be a whole number, at least 1/],
      ['kMax < 2 without k', { kMin: 1, kMax: 1 }, /^kMax=1 must be at least 2 to choose k/],
      ['kMax < kMin', { kMin: 4, kMax: 3 }, /^kMax=3 is below kMin=4/],
      ['restarts < 1', { restarts: 0 }, /^restarts=0/],
      ['an unknown method', { method: 'DBSCAN' }, /^method=DBSCAN must be KMEANS or WARD/],
      ['minSegmentShare ≥ 1', { minSegmentShare: 1 }, /^minSegmentShare=1/],
      ['k above the usable rows', { k: 4 }, /^k=4 exceeds the 3 usable rows/],
      ['kMin without enough rows for a silhouette', { kMin: 3 }, /^kMin=3 needs at least 4 usable rows.*there are 3/],
      ['an unknown key column', { k: 2, keyColumn: 'id' }, /^keyColumn: no column "id"/],
    ];
    for (const [what, options, message] of cases) {
      test(what, () => {
        expect(() => runSegmentation(table, { features: ['x'], ...options })).toThrow(InputError);
        expect(() => runSegmentation(table, { features: ['x'], ...options })).toThrow(message);
      });
    }
  });

  describe('on a CRM table with 9 bot accounts', () => {
    // 1,500 accounts in three behaviours, plus 9 bots with extreme usage and a single active day.
    const rng = createRng(2024);
    const plans = ['starter', 'team', 'enterprise'];
    const rows: Cell[][] = [];
    const bots: number[] = [];
    for (let i = 0; i < 1509; i++) {
      if (i % 167 === 50) {
        bots.push(i);
        rows.push([`acct-${i}`, 1, 1e6 * (1 + rng.next()), 1, 'starter', rng.int(3), false]);
        continue;
      }
      const group = rng.int(3);
      const seats = Math.round([3, 12, 60][group] * Math.exp(0.3 * rng.normal()));
      const events = Math.round([200, 900, 4000][group] * Math.exp(0.4 * rng.normal()));
      const activeDays = Math.min(30, Math.max(1, Math.round([6, 16, 25][group] + 3 * rng.normal())));
      const plan = plans[rng.next() < 0.8 ? group : rng.int(3)];
      rows.push([
        `acct-${i}`,
        seats,
        events,
        activeDays,
        plan,
        group === 2 ? 1 : rng.int(3),
        rng.next() < [0.4, 0.15, 0.05][group],
      ]);
    }
    const table = tableFromCells(['account', 'seats', 'events', 'active days', 'plan', 'region', 'churned'], rows);
    const options = {
      features: ['seats', 'events', 'active days', 'plan', 'region', 'churned'],
      categorical: ['region'],
      logTransform: ['seats'],
      kMax: 6,
      restarts: 3,
      keyColumn: 'account',
      levelNames: { region: { '0': 'Americas', '1': 'Europe', '2': 'Asia' } },
    };

    test('runSegmentation flags the bots’ tiny segment without setting it aside by default', () => {
      const result = runSegmentation(table, options);
      const flagged = result.segments.filter((s) => s.isOutlier);
      expect(flagged).toHaveLength(1);
      expect(flagged[0].size).toBe(9);
      expect(Array.from(result.labels.keys()).filter((i) => result.labels[i] === flagged[0].label)).toEqual(bots);
      expect(result.outlierRows).toEqual([]);
      expect(result.warnings.some((w) => w.includes('likely outliers; set excludeOutliers'))).toBe(true);
      expectConsistent(result);
    });

    test('runSegmentation(…, { excludeOutliers }) sets the bots aside, segments the rest and describes the bots', () => {
      const result = runSegmentation(table, { ...options, excludeOutliers: true });
      expect(result.outlierRows).toEqual(bots);
      for (const row of bots) expect(result.labels[row]).toBe(-1);
      const outliers = result.segments[result.segments.length - 1];
      expect(outliers).toMatchObject({ label: -1, size: 9, isOutlier: true });
      // compared with the 1,500 other accounts: events far above, one active day far below
      expect(outliers.name).toBe('Outliers · High events · Low active days');
      expect(outliers.features.find((f) => f.name === 'events')?.difference).toBeGreaterThan(5);
      expect(result.segments.slice(0, result.k).every((s) => !s.isOutlier)).toBe(true);
      expect(result.k).toBeGreaterThanOrEqual(2);
      expect(result.keys?.[bots[0]]).toBe(`acct-${bots[0]}`);
      expect(result.warnings[0]).toMatch(
        /^9 rows in 1 segment under minSegmentShare=0.01 set aside as outliers; the other 1500 rows/,
      );
      expectConsistent(result);
    });
  });

  describe('at scale (limits lowered so that small tables take the large-table paths)', () => {
    test('runSegmentation samples the silhouette above silhouetteSampleSize rows and says how', () => {
      const result = runSegmentation(fixtureTable, { features: fixture.features, k: 3, silhouetteSampleSize: 60 });
      expect(result).toMatchObject({ silhouetteMethod: 'SAMPLED', silhouetteSampleSize: 60, algorithm: 'KMEANS' });
      expect(result.silhouetteStandardError).toBeGreaterThan(0);
      expect(result.silhouetteStandardError).toBeLessThan(0.05);
      // The blobs are clear: the 60-row estimate lies within 4 standard errors of the exact silhouette.
      expect(Math.abs((result.silhouette as number) - fixture.kmeans.silhouette)).toBeLessThan(
        4 * (result.silhouetteStandardError as number),
      );
      expect(result.kSelection[0].silhouette).toBe(result.silhouette);
      // A segment's silhouette is the mean over its sampled members (the seed-0 sample of 60 rows), so weighting
      // each by its sampled members gives back the sampled mean.
      const members = [0, 0, 0];
      for (const row of sampleRows(160, 60, createRng(0))) members[result.labels[row]]++;
      const weighted = result.segments.reduce((sum, seg, s) => sum + members[s] * (seg.silhouette as number), 0);
      expect(weighted / 60).toBeCloseTo(result.silhouette as number, 12);
      expectConsistent(result);
    });

    test('runSegmentation(exactSilhouette) computes the exact silhouette whatever the sample size', () => {
      const result = runSegmentation(fixtureTable, {
        features: fixture.features,
        k: 3,
        silhouetteSampleSize: 60,
        exactSilhouette: true,
      });
      expect(result).toMatchObject({
        silhouetteMethod: 'EXACT',
        silhouetteSampleSize: null,
        silhouetteStandardError: null,
      });
      expect(result.silhouette).toBeCloseTo(fixture.kmeans.silhouette, 12);
    });

    test('runSegmentation uses mini-batch k-means from miniBatchThreshold rows and checks it on a sample', () => {
      const result = runSegmentation(fixtureTable, { features: fixture.features, k: 3, miniBatchThreshold: 100 });
      expect(result.algorithm).toBe('MINI_BATCH_KMEANS');
      expect(result.miniBatch).toMatchObject({ batchSize: 1024, sampleSize: 160 });
      const check = result.miniBatch as NonNullable<SegmentationResult['miniBatch']>;
      // On three clear blobs both find the same optimum.
      expect(check.inertiaOnSample / check.fullInertiaOnSample).toBeCloseTo(1, 6);
      expect(Math.abs((result.inertia as number) / fixture.kmeans.inertia - 1)).toBeLessThan(1e-3);
      expectConsistent(result);
    });

    test('runSegmentation(method WARD) above exactWardLimit cuts the hybrid tree; leaves are micro-clusters', () => {
      const result = runSegmentation(fixtureTable, {
        features: fixture.features,
        method: 'WARD',
        k: 3,
        exactWardLimit: 100,
      });
      expect(result.algorithm).toBe('WARD_HYBRID');
      expect(result.wardHybrid).toEqual({ microClusters: 160 });
      expect(samePartition(result.labels, fixture.ward.labels)).toBe(true);
      expectConsistent(result);
    });

    test('runSegmentation rejects a threshold below 1 row', () => {
      expect(() => runSegmentation(fixtureTable, { features: fixture.features, k: 3, miniBatchThreshold: 0 })).toThrow(
        new InputError('miniBatchThreshold=0 must be a whole number of rows, at least 1'),
      );
    });

    test('progress moves forward over both passes when outliers are set aside', () => {
      const progress: [number, number][] = [];
      runSegmentation(fixtureTable, {
        features: fixture.features,
        kMax: 4,
        restarts: 2,
        minSegmentShare: 0.3,
        excludeOutliers: true,
        onProgress: (done, total) => progress.push([done, total]),
      });
      expectForwardProgress(progress);
    });
  });
});

describe('fitSegmentKs', () => {
  // The range scaled down so that both the restart screening and the silhouette sample apply.
  const options = { features: fixture.features, kMin: 2, kMax: 6, restartSampleSize: 40, silhouetteSampleSize: 50 };

  test('runSegmentation with some k fitted beforehand by fitSegmentKs returns what it returns alone', () => {
    const whole = runSegmentation(fixtureTable, options);
    const progress: [number, number][] = [];
    const fitted = [
      ...fitSegmentKs(fixtureTable, { ...options, onProgress: (done, total) => progress.push([done, total]) }, [2, 5]),
      ...fitSegmentKs(fixtureTable, options, [3, 4, 6, 7]),
    ];
    // k = 7 is outside kMin..kMax: skipped.
    expect(fitted.map((f) => f.k)).toEqual([2, 5, 3, 4, 6]);
    expectForwardProgress(progress);
    expect(runSegmentation(fixtureTable, { ...options, fitted })).toEqual(whole);
  });

  test('fitSegmentKs refuses WARD, whose k are cuts of one tree', () => {
    expect(() => fitSegmentKs(fixtureTable, { ...options, method: 'WARD' }, [2])).toThrow(
      new InputError('fitSegmentKs: only KMEANS fits k values apart; WARD cuts one tree'),
    );
  });
});
