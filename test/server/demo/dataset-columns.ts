import type { DemoCell, DemoDataset } from '../../../server/demo/demo-dataset';

/** The cells of one column, by header name; fails loudly when the column is missing. */
export function cells(dataset: DemoDataset, name: string): DemoCell[] {
  const index = dataset.header.indexOf(name);
  if (index < 0) throw new Error(`${dataset.name} has no column "${name}"`);
  return dataset.rows.map((row) => row[index]);
}

/** A numeric column (null = missing becomes NaN); any other cell is an error in the data set. */
export function numbers(dataset: DemoDataset, name: string): number[] {
  return cells(dataset, name).map((cell, row) => {
    if (cell === null) return NaN;
    if (typeof cell !== 'number') throw new Error(`${dataset.name}.${name} row ${row} holds ${JSON.stringify(cell)}`);
    return cell;
  });
}

/** A text column; any other cell is an error in the data set. */
export function strings(dataset: DemoDataset, name: string): string[] {
  return cells(dataset, name).map((cell, row) => {
    if (typeof cell !== 'string') throw new Error(`${dataset.name}.${name} row ${row} holds ${JSON.stringify(cell)}`);
    return cell;
  });
}

/** Row indices grouped by key, in first-seen order. */
export function groupRows(keys: readonly (string | number)[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, row) => {
    const k = String(key);
    const rows = groups.get(k);
    if (rows) rows.push(row);
    else groups.set(k, [row]);
  });
  return groups;
}

/** Sum of the values at the given rows, skipping NaN. */
export function sumAt(values: readonly number[], rows: readonly number[]): number {
  let total = 0;
  for (const r of rows) if (!Number.isNaN(values[r])) total += values[r];
  return total;
}

/** Mean of the values at the given rows, skipping NaN. */
export function meanAt(values: readonly number[], rows: readonly number[]): number {
  const present = rows.filter((r) => !Number.isNaN(values[r]));
  return sumAt(values, present) / present.length;
}

/** The key whose value is largest. */
export function argMax(values: Map<string, number>): string {
  let best = '';
  let bestValue = -Infinity;
  for (const [key, value] of values) {
    if (value > bestValue) {
      best = key;
      bestValue = value;
    }
  }
  return best;
}
