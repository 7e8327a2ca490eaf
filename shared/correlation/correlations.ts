import { InputError } from '../errors';
import type { Table } from '../table/types';
import { averageRanks } from './average-ranks';
import { correlationColumns, type CorrelationColumn } from './correlation-columns';
import { correlationPValue, pearsonR } from './pearson';
import type { CorrelationMethod, CorrelationOptions, CorrelationReport, TargetCorrelation } from './types';

/**
 * Pearson or Spearman correlation matrix of numeric columns and one-hot indicators of categorical ones (see
 * `correlationColumns`), with two-sided p-values: pandas' pairwise `DataFrame.corr(method)` — each pair over the rows
 * complete in both, Spearman ranking those rows afresh — and scipy.stats.pearsonr / spearmanr on the same rows.
 * The diagonal is 1 (p 0) for a column that varies. A constant column, or a pair with fewer than 2 rows or constant
 * on its rows, gives null (pandas: NaN), with a warning naming it. `target` lists that column's correlations with
 * every other, strongest (|r|) first, nulls last, ties in column order.
 * Cost O(c² n) for c columns (Spearman O(c² n log n) when columns have missing values, since each pair ranks its rows).
 *
 * @throws InputError for an unknown column, method or target, fewer than two columns after expansion, and what
 *   `correlationColumns` refuses.
 * @example
 * correlations(table, { columns: ['clv', 'spend', 'region'], categorical: ['region'], target: 'clv' });
 * // { columns: ['clv', 'spend', 'region=0', 'region=1'], matrix: [[1, 0.94, …], …], target: [{ column: 'spend', r: 0.94, … }, …] }
 */
export function correlations(table: Table, options: CorrelationOptions): CorrelationReport {
  const method: CorrelationMethod = options.method ?? 'PEARSON';
  if (method !== 'PEARSON' && method !== 'SPEARMAN') {
    throw new InputError(`method=${String(method)} must be PEARSON or SPEARMAN`, 'method');
  }
  const columns = correlationColumns(table, options.columns, options.categorical);
  if (columns.length < 2) {
    throw new InputError(
      `columns: ${columns.length} column after expansion ("${columns[0].name}"); a correlation needs at least two`,
      'columns',
    );
  }
  const names = columns.map((c) => c.name);
  let targetIndex = -1;
  if (options.target !== undefined) {
    targetIndex = names.indexOf(options.target);
    if (targetIndex < 0) {
      throw new InputError(
        `target: "${options.target}" is not one of the correlated columns (${names.map((n) => `"${n}"`).join(', ')})`,
        'target',
      );
    }
  }

  const c = columns.length;
  const complete = columns.map((col) => !col.values.some(Number.isNaN));
  // Spearman of two complete columns reuses each column's ranks over all rows; other pairs rank their own rows.
  const globalRanks = columns.map((col, i) => (method === 'SPEARMAN' && complete[i] ? averageRanks(col.values) : null));
  const matrix: (number | null)[][] = Array.from({ length: c }, () => new Array<number | null>(c).fill(null));
  const pValues: (number | null)[][] = Array.from({ length: c }, () => new Array<number | null>(c).fill(null));
  const pairRows: number[][] = Array.from({ length: c }, () => new Array<number>(c).fill(0));
  for (let a = 0; a < c; a++) {
    for (let b = a; b < c; b++) {
      const pair = completePair(columns[a], columns[b]);
      const ranksA = globalRanks[a];
      const ranksB = globalRanks[b];
      let r: number | null;
      if (a === b) r = pearsonR(pair.x, pair.y) === null ? null : 1;
      else if (method === 'PEARSON') r = pearsonR(pair.x, pair.y);
      else if (ranksA && ranksB) r = pearsonR(ranksA, ranksB);
      else r = pearsonR(averageRanks(pair.x), averageRanks(pair.y));
      const p =
        a === b ? (r === null ? null : 0) : correlationPValue(r, pair.x.length, method === 'PEARSON' ? 1 : null);
      matrix[a][b] = matrix[b][a] = r;
      pValues[a][b] = pValues[b][a] = p;
      pairRows[a][b] = pairRows[b][a] = pair.x.length;
    }
  }

  const warnings: string[] = [];
  const undefinedColumns = new Set<number>();
  columns.forEach((col, i) => {
    if (matrix[i][i] === null) {
      undefinedColumns.add(i);
      const present = col.values.filter((v) => !Number.isNaN(v));
      warnings.push(
        present.length === 0
          ? `column "${col.name}" has no value; its correlations are null`
          : `column "${col.name}" is constant (${present[0]} in all ${present.length} rows with a value); its correlations are null`,
      );
    }
  });
  for (let a = 0; a < c; a++) {
    for (let b = a + 1; b < c; b++) {
      if (matrix[a][b] !== null || undefinedColumns.has(a) || undefinedColumns.has(b)) continue;
      warnings.push(
        `"${names[a]}" and "${names[b]}": ${pairRows[a][b]} rows with both values` +
          (pairRows[a][b] < 2 ? ', fewer than 2' : ', on which one of them is constant') +
          '; their correlation is null',
      );
    }
  }

  return {
    method,
    columns: names,
    matrix,
    pValues,
    pairRows,
    rows: table.rowCount,
    target: targetIndex < 0 ? [] : targetColumn(names, matrix, pValues, pairRows, targetIndex),
    warnings,
  };
}

/** The values of two columns on the rows where both have one. */
function completePair(a: CorrelationColumn, b: CorrelationColumn): { x: Float64Array; y: Float64Array } {
  const n = a.values.length;
  let count = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(a.values[i]) && !Number.isNaN(b.values[i])) count++;
  if (count === n) return { x: a.values, y: b.values };
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(a.values[i]) || Number.isNaN(b.values[i])) continue;
    x[j] = a.values[i];
    y[j++] = b.values[i];
  }
  return { x, y };
}

function targetColumn(
  names: string[],
  matrix: (number | null)[][],
  pValues: (number | null)[][],
  pairRows: number[][],
  t: number,
): TargetCorrelation[] {
  const rows = names
    .map((column, j) => ({ column, r: matrix[t][j], pValue: pValues[t][j], rows: pairRows[t][j], j }))
    .filter((row) => row.j !== t);
  const strength = (r: number | null) => (r === null ? -1 : Math.abs(r));
  rows.sort((p, q) => strength(q.r) - strength(p.r) || p.j - q.j);
  return rows.map(({ column, r, pValue, rows: n }) => ({ column, r, pValue, rows: n }));
}
