import { InputError } from '../errors';
import type { Table } from '../table/types';
import { averageRanks } from './average-ranks';
import { correlationColumns, type CorrelationColumn } from './correlation-columns';
import { correlationPValue, pearsonR } from './pearson';
import type { CorrelationMethod, CorrelationOptions, CorrelationReport, TargetCorrelation } from './types';

/** Pairs with a null correlation listed one by one in the warnings; the rest are counted. */
const MAX_PAIR_WARNINGS = 20;

/**
 * Pearson or Spearman correlation matrix of numeric columns and one-hot indicators of categorical ones (see
 * `correlationColumns`), with two-sided p-values: pandas' pairwise `DataFrame.corr(method)` — each pair over the rows
 * complete in both, Spearman ranking those rows afresh — and scipy.stats.pearsonr / spearmanr on the same rows.
 * The diagonal is 1 (p 0) for a column that varies. A constant column, or a pair with fewer than 2 rows or constant
 * on its rows, gives null (pandas: NaN), with a warning naming it. `target` lists that column's correlations with
 * every other, strongest (|r|) first, nulls last, ties in column order.
 * Cost O(c² n) for c columns, plus for Spearman one ranking (O(n log n)) of each column per pair of missing-value
 * patterns it takes part in (columns with no missing value share one pattern, the indicators of a column another).
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
      `columns: one column after expansion ("${columns[0].name}"); a correlation needs at least two`,
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
  const matrix: (number | null)[][] = Array.from({ length: c }, () => new Array<number | null>(c).fill(null));
  const pValues: (number | null)[][] = Array.from({ length: c }, () => new Array<number | null>(c).fill(null));
  const pairRows: number[][] = Array.from({ length: c }, () => new Array<number>(c).fill(0));
  // Pairs are taken by missing-value pattern: every pair of columns with patterns (p, q) shares the same complete
  // rows, so each column is gathered (and for Spearman ranked) once per pattern pair, not once per pair.
  const patterns = missingPatterns(columns);
  for (let p = 0; p < patterns.length; p++) {
    for (let q = p; q < patterns.length; q++) {
      const rows = completeRows(patterns[p].missing, patterns[q].missing, table.rowCount);
      const n = rows ? rows.length : table.rowCount;
      const vectors = new Map<number, Float64Array>();
      const vector = (i: number) => {
        let v = vectors.get(i);
        if (!v) {
          v = rows ? gather(columns[i].values, rows) : columns[i].values;
          if (method === 'SPEARMAN') v = averageRanks(v);
          vectors.set(i, v);
        }
        return v;
      };
      for (const a of patterns[p].columns) {
        for (const b of patterns[q].columns) {
          if (p === q && b < a) continue;
          const r = a === b ? (pearsonR(vector(a), vector(a)) === null ? null : 1) : pearsonR(vector(a), vector(b));
          const pValue = a === b ? (r === null ? null : 0) : correlationPValue(r, n, method === 'PEARSON' ? 1 : null);
          matrix[a][b] = matrix[b][a] = r;
          pValues[a][b] = pValues[b][a] = pValue;
          pairRows[a][b] = pairRows[b][a] = n;
        }
      }
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
  const undefinedPairs: string[] = [];
  for (let a = 0; a < c; a++) {
    for (let b = a + 1; b < c; b++) {
      if (matrix[a][b] !== null || undefinedColumns.has(a) || undefinedColumns.has(b)) continue;
      undefinedPairs.push(
        `"${names[a]}" and "${names[b]}": ${pairRows[a][b]} rows with both values` +
          (pairRows[a][b] < 2 ? ', fewer than 2' : ', on which one of them is constant') +
          '; their correlation is null',
      );
    }
  }
  warnings.push(...undefinedPairs.slice(0, MAX_PAIR_WARNINGS));
  if (undefinedPairs.length > MAX_PAIR_WARNINGS) {
    warnings.push(
      `${undefinedPairs.length - MAX_PAIR_WARNINGS} more pairs have a null correlation for the same reasons`,
    );
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

/** Columns grouped by which rows they miss; `missing` is null for the group of complete columns. */
interface MissingPattern {
  missing: Uint8Array | null;
  columns: number[];
}

function missingPatterns(columns: CorrelationColumn[]): MissingPattern[] {
  const patterns: (MissingPattern & { rows: number[] })[] = [];
  columns.forEach((column, i) => {
    const rows: number[] = [];
    for (let r = 0; r < column.values.length; r++) if (Number.isNaN(column.values[r])) rows.push(r);
    const same = patterns.find((p) => p.rows.length === rows.length && p.rows.every((r, j) => r === rows[j]));
    if (same) {
      same.columns.push(i);
      return;
    }
    let missing: Uint8Array | null = null;
    if (rows.length > 0) {
      missing = new Uint8Array(column.values.length);
      for (const r of rows) missing[r] = 1;
    }
    patterns.push({ missing, columns: [i], rows });
  });
  return patterns.map(({ missing, columns: members }) => ({ missing, columns: members }));
}

/** The rows missing in neither pattern; null when that is every row. */
function completeRows(a: Uint8Array | null, b: Uint8Array | null, rowCount: number): Int32Array | null {
  if (!a && !b) return null;
  const rows: number[] = [];
  for (let r = 0; r < rowCount; r++) if (!(a && a[r]) && !(b && b[r])) rows.push(r);
  return Int32Array.from(rows);
}

function gather(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
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
