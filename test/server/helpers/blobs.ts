import { createRng } from '../../../shared/random';
import type { Table } from '../../../shared/table/types';

/**
 * `rows` rows of `features` numeric columns x1..xd drawn around `centres` well-separated centres (unit normal noise),
 * plus an id column: a segmentation input of any size, the same for a given seed.
 */
export function blobsTable(rows: number, features: number, centres = 4, seed = 7): Table {
  const rng = createRng(seed);
  const means = Array.from({ length: centres }, () => Array.from({ length: features }, () => rng.normal() * 6));
  const columns = Array.from({ length: features }, () => new Float64Array(rows));
  for (let i = 0; i < rows; i++) {
    const centre = means[rng.int(centres)];
    for (let j = 0; j < features; j++) columns[j][i] = centre[j] + rng.normal();
  }
  return {
    rowCount: rows,
    columns: [
      { name: 'id', type: 'TEXT', values: Array.from({ length: rows }, (_, i) => `r${i}`) },
      ...columns.map((values, j) => ({ name: `x${j + 1}`, type: 'NUMBER' as const, values })),
    ],
  };
}

export function featureNames(features: number): string[] {
  return Array.from({ length: features }, (_, j) => `x${j + 1}`);
}

/** The p-th percentile (0..100) of some durations, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
