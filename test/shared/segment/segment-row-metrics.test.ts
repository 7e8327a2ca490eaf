import fixture from '../../fixtures/segment/row-metrics.json';
import { runSegmentation } from '../../../shared/segment/segment';
import { tableFromCells } from '../../../shared/table/from-cells';
import type { Cell } from '../../../shared/table/types';
import { expectForwardProgress, samePartition } from './helpers';

const { pipeline } = fixture;
const customers = () => tableFromCells(pipeline.header, pipeline.rows as Cell[][]);

describe('runSegmentation(table, { rowMetrics: true }): each row’s distance to its centre and its silhouette', () => {
  it('equals StandardScaler + KMeans.transform and silhouette_samples, row by row', () => {
    const run = runSegmentation(customers(), { features: pipeline.features, k: pipeline.k, rowMetrics: true });
    expect(samePartition(run.labels, pipeline.labels)).toBe(true);
    expect(run.silhouetteMethod).toBe('EXACT');
    pipeline.distances.forEach((d, i) => expect(Math.abs(run.rowDistances![i] - d)).toBeLessThan(1e-9));
    pipeline.silhouettes.forEach((s, i) => expect(Math.abs(run.rowSilhouettes![i] - s)).toBeLessThan(1e-9));
  });

  it('above the exact limit scores every row against the silhouette sample: close to the exact values', () => {
    const run = runSegmentation(customers(), {
      features: pipeline.features,
      k: pipeline.k,
      rowMetrics: true,
      silhouetteSampleSize: 60,
    });
    expect(run.silhouetteMethod).toBe('SAMPLED');
    const silhouettes = Array.from(run.rowSilhouettes!);
    expect(silhouettes.every(Number.isFinite)).toBe(true);
    // Each of a(i), b(i) is a mean over ~20 sampled rows per segment instead of 50: per-row values move a little.
    const gaps = silhouettes.map((s, i) => Math.abs(s - pipeline.silhouettes[i]));
    expect(Math.max(...gaps)).toBeLessThan(0.05);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(silhouettes) - mean(pipeline.silhouettes))).toBeLessThan(0.01);
    // Distances need no sample: still exact.
    pipeline.distances.forEach((d, i) => expect(Math.abs(run.rowDistances![i] - d)).toBeLessThan(1e-9));
  });

  it('leaves rows without a value out (NaN) and computes nothing unless asked', () => {
    const rows = (pipeline.rows as Cell[][]).map((r, i) => (i === 4 ? [r[0], null, r[2], r[3]] : r));
    const table = tableFromCells(pipeline.header, rows);
    const run = runSegmentation(table, { features: pipeline.features, k: 3, missing: 'DROP', rowMetrics: true });
    expect(run.rowDistances![4]).toBeNaN();
    expect(run.rowSilhouettes![4]).toBeNaN();
    expect(Number.isFinite(run.rowSilhouettes![5])).toBe(true);
    expect(runSegmentation(table, { features: pipeline.features, k: 3 }).rowDistances).toBeUndefined();
  });
});

describe('runSegmentation(table, { rowMetrics: true, onProgress })', () => {
  it('counts the row metrics against the sample in its progress: the bar moves through them, forward, to the end', () => {
    const progress: [number, number][] = [];
    const rows = Array.from({ length: 3000 }, (_, i) => [i % 3, (i % 3) * 10 + (i % 7) / 7, (i * 7919) % 13]);
    runSegmentation(tableFromCells(['a', 'b', 'c'], rows), {
      features: ['a', 'b', 'c'],
      k: 3,
      rowMetrics: true,
      silhouetteSampleSize: 500,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expectForwardProgress(progress);
    // 3,000 rows against 500 sampled ones: 1.5 units per distance, the last stretch of the bar, which moves through
    // it in steps of 1,024 rows.
    const [, total] = progress[progress.length - 1];
    const metricsWork = 1.5 * 3000 * 500;
    expect(total).toBeGreaterThan(metricsWork);
    const start = 1 - metricsWork / total;
    const during = progress.map(([done, t]) => done / t).filter((f) => f > start + 1e-9 && f < 1);
    expect(during.length).toBeGreaterThanOrEqual(2);
  });
});
